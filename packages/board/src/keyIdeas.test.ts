import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { createCluster, deleteCluster, renameCluster } from './clusters.js';
import {
  getKeyIdeaText,
  isKeyIdea,
  markKeyIdea,
  moveKeyIdea,
  setKeyIdeaText,
  trimKeyIdeas,
  unmarkKeyIdea,
} from './keyIdeas.js';
import { createNote, deleteNote, setNoteText } from './notes.js';
import { effectiveKeyIdeas, readKeyIdeas } from './read.js';
import { getKeyIdeasArray } from './schema.js';
import { sync, updatesDuring } from '../test/docKit.js';

function board(): Y.Doc {
  const doc = new Y.Doc();
  createNote(doc, { id: 'n1', text: 'Plus de pistes cyclables', x: 0, y: 0, author: 'A', createdAt: 1 });
  createNote(doc, { id: 'n2', text: 'Bus le dimanche', x: 0, y: 0, author: 'A', createdAt: 2 });
  createCluster(doc, { id: 'c1', label: 'Mobilité', x: 0, y: 0 });
  return doc;
}

/** A board with three marked key ideas k1 (n1), k2 (c1), k3 (free text). */
function marked(): Y.Doc {
  const doc = board();
  markKeyIdea(doc, { noteId: 'n1' }, 5, { id: 'k1' });
  markKeyIdea(doc, { clusterId: 'c1' }, 5, { id: 'k2' });
  markKeyIdea(doc, { text: 'Gratuité' }, 5, { id: 'k3' });
  return doc;
}

const ids = (doc: Y.Doc): string[] => readKeyIdeas(doc).map((idea) => idea.id);

describe('markKeyIdea', () => {
  it('R10 copies the source text into its own Y.Text', () => {
    const doc = marked();
    expect(readKeyIdeas(doc)).toEqual([
      { id: 'k1', text: 'Plus de pistes cyclables', source: { kind: 'note', id: 'n1' }, zone: null },
      { id: 'k2', text: 'Mobilité', source: { kind: 'cluster', id: 'c1' }, zone: null },
      { id: 'k3', text: 'Gratuité', source: { kind: 'none' }, zone: null },
    ]);
    setKeyIdeaText(doc, 'k1', 'Pistes cyclables sûres');
    setNoteText(doc, 'n1', 'Plus de vélos');
    renameCluster(doc, 'c1', 'Transports');
    expect(readKeyIdeas(doc).map((idea) => idea.text)).toEqual(['Pistes cyclables sûres', 'Mobilité', 'Gratuité']);
    expect(getKeyIdeaText(doc, 'k1')).toBeInstanceOf(Y.Text);
  });

  it('returns a random id by default', () => {
    const result = markKeyIdea(board(), { noteId: 'n1' }, 2);
    expect(result.ok && result.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('R11 refuses an unknown source', () => {
    const doc = board();
    expect(markKeyIdea(doc, { noteId: 'nope' }, 2)).toEqual({ ok: false, reason: 'unknown-source' });
    expect(markKeyIdea(doc, { clusterId: 'nope' }, 2)).toEqual({ ok: false, reason: 'unknown-source' });
  });

  it('R11 refuses a source already marked', () => {
    const doc = marked();
    expect(markKeyIdea(doc, { noteId: 'n1' }, 5)).toEqual({ ok: false, reason: 'already-marked' });
    expect(markKeyIdea(doc, { clusterId: 'c1' }, 5)).toEqual({ ok: false, reason: 'already-marked' });
    expect(markKeyIdea(doc, { text: 'Gratuité' }, 5).ok).toBe(true);
  });

  it('R11 refuses past the limit, counting valid entries only', () => {
    const doc = board();
    getKeyIdeasArray(doc).push(['garbage', new Y.Map()]);
    expect(markKeyIdea(doc, { noteId: 'n1' }, 2).ok).toBe(true);
    expect(markKeyIdea(doc, { noteId: 'n2' }, 2).ok).toBe(true);
    expect(markKeyIdea(doc, { clusterId: 'c1' }, 2)).toEqual({ ok: false, reason: 'limit' });
    expect(markKeyIdea(doc, { text: 'x' }, 0)).toEqual({ ok: false, reason: 'limit' });
    expect(markKeyIdea(doc, { text: 'x' }, Number.NaN)).toEqual({ ok: false, reason: 'limit' });
  });
});

describe('R1 every key idea operation is one transaction and emits one update', () => {
  const cases: [string, (doc: Y.Doc) => unknown][] = [
    ['markKeyIdea', (doc) => markKeyIdea(doc, { noteId: 'n2' }, 5)],
    ['setKeyIdeaText', (doc) => setKeyIdeaText(doc, 'k1', 'Autre chose')],
    ['moveKeyIdea', (doc) => moveKeyIdea(doc, 'k3', 0)],
    ['unmarkKeyIdea', (doc) => unmarkKeyIdea(doc, 'k2')],
    ['trimKeyIdeas', (doc) => trimKeyIdeas(doc, 1)],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const doc = marked();
      let transactions = 0;
      doc.on('afterTransaction', () => transactions++);
      expect(updatesDuring(doc, () => run(doc))).toBe(1);
      expect(transactions).toBe(1);
    });
  }

  it('passes the origin through', () => {
    const doc = marked();
    const origin = 'local';
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, seen: unknown) => origins.push(seen));
    markKeyIdea(doc, { noteId: 'n2' }, 5, {}, origin);
    setKeyIdeaText(doc, 'k1', 'x', origin);
    moveKeyIdea(doc, 'k1', 2, origin);
    unmarkKeyIdea(doc, 'k2', origin);
    trimKeyIdeas(doc, 1, origin);
    expect(origins).toEqual(Array(5).fill(origin));
  });
});

describe('R2 key idea operations on a missing id return false and write nothing', () => {
  const cases: [string, (doc: Y.Doc) => unknown][] = [
    ['setKeyIdeaText', (doc) => setKeyIdeaText(doc, 'missing', 'x')],
    ['moveKeyIdea', (doc) => moveKeyIdea(doc, 'missing', 0)],
    ['unmarkKeyIdea', (doc) => unmarkKeyIdea(doc, 'missing')],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const doc = marked();
      let result: unknown;
      expect(updatesDuring(doc, () => (result = run(doc)))).toBe(0);
      expect(result).toBe(false);
    });
  }

  it('getKeyIdeaText and isKeyIdea', () => {
    const doc = marked();
    expect(getKeyIdeaText(doc, 'missing')).toBeNull();
    expect(isKeyIdea(doc, { noteId: 'n2' })).toBe(false);
    expect(isKeyIdea(doc, { noteId: 'n1' })).toBe(true);
    expect(isKeyIdea(doc, { clusterId: 'c1' })).toBe(true);
  });
});

describe('setKeyIdeaText', () => {
  it('R4 merges concurrent reformulations made in different places', () => {
    const a = marked();
    const b = new Y.Doc();
    sync(a, b);
    setKeyIdeaText(a, 'k3', 'Gratuité totale');
    setKeyIdeaText(b, 'k3', 'La gratuité');
    sync(a, b);
    expect(readKeyIdeas(a)[2]?.text).toBe('La gratuité totale');
    expect(readKeyIdeas(b)).toEqual(readKeyIdeas(a));
  });
});

describe('moveKeyIdea', () => {
  it('R15 reorders by re-inserting a copy with the same id, text and source', () => {
    const doc = marked();
    setKeyIdeaText(doc, 'k1', 'Reformulée');
    const before = readKeyIdeas(doc);
    expect(moveKeyIdea(doc, 'k1', 2)).toBe(true);
    expect(ids(doc)).toEqual(['k2', 'k3', 'k1']);
    expect(moveKeyIdea(doc, 'k1', 0)).toBe(true);
    expect(readKeyIdeas(doc)).toEqual(before);
    expect(moveKeyIdea(doc, 'k2', 2)).toBe(true);
    expect(ids(doc)).toEqual(['k1', 'k3', 'k2']);
    expect(moveKeyIdea(doc, 'k3', 99)).toBe(true);
    expect(ids(doc)).toEqual(['k1', 'k2', 'k3']);
    expect(moveKeyIdea(doc, 'k3', -5)).toBe(true);
    expect(ids(doc)).toEqual(['k3', 'k1', 'k2']);
    expect(getKeyIdeaText(doc, 'k1')?.toString()).toBe('Reformulée');
  });

  it('counts positions among valid entries, leaving garbage where it is', () => {
    const doc = marked();
    getKeyIdeasArray(doc).insert(1, ['garbage']);
    moveKeyIdea(doc, 'k3', 1);
    expect(ids(doc)).toEqual(['k1', 'k3', 'k2']);
    expect(getKeyIdeasArray(doc).toArray()).toContain('garbage');
  });

  it('writes nothing when the idea is already in place', () => {
    const doc = marked();
    expect(updatesDuring(doc, () => expect(moveKeyIdea(doc, 'k2', 1)).toBe(true))).toBe(0);
  });

  it('R15 concurrent moves of one idea leave duplicates that readers skip and trimming removes', () => {
    const a = marked();
    const b = new Y.Doc();
    sync(a, b);
    moveKeyIdea(a, 'k1', 2);
    moveKeyIdea(b, 'k1', 1);
    sync(a, b);
    expect(getKeyIdeasArray(a).length).toBe(4);
    expect(ids(a)).toHaveLength(3);
    expect(new Set(ids(a))).toEqual(new Set(['k1', 'k2', 'k3']));
    expect(trimKeyIdeas(a, 5)).toBe(1);
    sync(a, b);
    expect(getKeyIdeasArray(b).length).toBe(3);
    expect(readKeyIdeas(b)).toEqual(readKeyIdeas(a));
  });
});

describe('unmarkKeyIdea', () => {
  it('removes the idea and leaves its source alone', () => {
    const doc = marked();
    expect(unmarkKeyIdea(doc, 'k1')).toBe(true);
    expect(ids(doc)).toEqual(['k2', 'k3']);
    expect(isKeyIdea(doc, { noteId: 'n1' })).toBe(false);
    expect(markKeyIdea(doc, { noteId: 'n1' }, 5).ok).toBe(true);
  });
});

describe('deleting a source', () => {
  it('R10 keeps the key idea and its text, reported with source none', () => {
    const doc = marked();
    deleteNote(doc, 'n1');
    deleteCluster(doc, 'c1');
    expect(readKeyIdeas(doc)).toEqual([
      { id: 'k1', text: 'Plus de pistes cyclables', source: { kind: 'none' }, zone: null },
      { id: 'k2', text: 'Mobilité', source: { kind: 'none' }, zone: null },
      { id: 'k3', text: 'Gratuité', source: { kind: 'none' }, zone: null },
    ]);
  });
});

describe('effectiveKeyIdeas and trimKeyIdeas', () => {
  it('R8 concurrent marks can overshoot; only the first limit valid entries count', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    expect(markKeyIdea(a, { noteId: 'n1' }, 2, { id: 'ka' }).ok).toBe(true);
    expect(markKeyIdea(a, { noteId: 'n2' }, 2, { id: 'kb' }).ok).toBe(true);
    expect(markKeyIdea(b, { clusterId: 'c1' }, 2, { id: 'kc' }).ok).toBe(true);
    expect(markKeyIdea(b, { noteId: 'n1' }, 2, { id: 'kd' }).ok).toBe(true);
    sync(a, b);
    expect(readKeyIdeas(a)).toHaveLength(3);
    expect(effectiveKeyIdeas(a, 2)).toEqual(readKeyIdeas(a).slice(0, 2));
    expect(effectiveKeyIdeas(a, 2)).toEqual(effectiveKeyIdeas(b, 2));
  });

  it('R8 skips non-maps, entries without a string id and repeated ids or sources', () => {
    const doc = board();
    const array = getKeyIdeasArray(doc);
    const entry = (fields: Record<string, unknown>): Y.Map<unknown> => {
      const map = new Y.Map<unknown>();
      array.push([map]);
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
      return map;
    };
    array.push(['text', 3, null, new Y.Array()]);
    entry({ text: new Y.Text('no id') });
    entry({ id: 7, text: new Y.Text('numeric id') });
    entry({ id: '', text: new Y.Text('empty id') });
    entry({ id: 'k1', text: new Y.Text('first'), noteId: 'n1' });
    entry({ id: 'k1', text: new Y.Text('same id') });
    entry({ id: 'k2', text: new Y.Text('same source'), noteId: 'n1' });
    entry({ id: 'k3', text: 'plain string text', clusterId: 'c1' });
    expect(readKeyIdeas(doc)).toEqual([
      { id: 'k1', text: 'first', source: { kind: 'note', id: 'n1' }, zone: null },
      { id: 'k3', text: 'plain string text', source: { kind: 'cluster', id: 'c1' }, zone: null },
    ]);
    expect(effectiveKeyIdeas(doc, 1).map((idea) => idea.id)).toEqual(['k1']);
    expect(effectiveKeyIdeas(doc, -1)).toEqual([]);
  });

  it('R12 removes duplicates and entries past the limit, keeping the first', () => {
    const doc = marked();
    const duplicate = new Y.Map<unknown>();
    getKeyIdeasArray(doc).insert(1, [duplicate]);
    duplicate.set('id', 'k9');
    duplicate.set('text', new Y.Text('again'));
    duplicate.set('noteId', 'n1');
    getKeyIdeasArray(doc).push(['garbage']);
    expect(trimKeyIdeas(doc, 2)).toBe(2);
    expect(ids(doc)).toEqual(['k1', 'k2']);
    expect(getKeyIdeasArray(doc).toArray()).toContain('garbage');
  });

  it('R12 writes nothing when nothing is to remove', () => {
    const doc = marked();
    let removed = -1;
    expect(updatesDuring(doc, () => (removed = trimKeyIdeas(doc, 3)))).toBe(0);
    expect(removed).toBe(0);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    trimKeyIdeas(doc, 10);
    expect(transactions).toBe(0);
  });
});
