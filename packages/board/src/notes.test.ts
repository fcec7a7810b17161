import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import {
  createNote,
  deleteNote,
  editNoteText,
  getNoteText,
  moveNote,
  recolorNote,
  setNoteText,
} from './notes.js';
import { createCluster } from './clusters.js';
import { readNote, listNotes } from './read.js';
import { getNotesMap } from './schema.js';
import { sync } from '../test/docKit.js';

function updatesDuring(doc: Y.Doc, run: () => unknown): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array): void => {
    updates.push(update);
  };
  doc.on('update', onUpdate);
  try {
    run();
  } finally {
    doc.off('update', onUpdate);
  }
  return updates;
}

function boardWithNote(): Y.Doc {
  const doc = new Y.Doc();
  createNote(doc, { id: 'n1', text: 'Hello world', x: 10, y: 20, author: 'Ana', createdAt: 1000 });
  return doc;
}

function note(doc: Y.Doc, id: string) {
  return readNote(id, getNotesMap(doc).get(id));
}

describe('createNote', () => {
  it('writes every field of the schema and returns the id', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { id: 'n1', text: 'Idée', color: 'blue', x: 1.5, y: -3, author: 'Ana', createdAt: 42 });
    expect(id).toBe('n1');
    expect(note(doc, 'n1')).toEqual({
      id: 'n1',
      text: 'Idée',
      color: 'blue',
      x: 1.5,
      y: -3,
      cluster: null,
      zone: null,
      author: 'Ana',
      createdAt: 42,
    });
    expect(getNotesMap(doc).get('n1')).toBeInstanceOf(Y.Map);
    expect(getNoteText(doc, 'n1')).toBeInstanceOf(Y.Text);
  });

  it('defaults to a random id, empty text, the default colour and the current time', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    const id = createNote(doc, { x: 0, y: 0, author: 'Ana' });
    const other = createNote(doc, { x: 0, y: 0, author: 'Ana' });
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(other).not.toBe(id);
    const created = note(doc, id);
    expect(created?.text).toBe('');
    expect(created?.color).toBe('yellow');
    expect(created?.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('keeps a known cluster and ignores an unknown one (R6)', () => {
    const doc = new Y.Doc();
    createCluster(doc, { id: 'c1', x: 0, y: 0 });
    createNote(doc, { id: 'in', x: 0, y: 0, author: 'A', cluster: 'c1' });
    createNote(doc, { id: 'out', x: 0, y: 0, author: 'A', cluster: 'nope' });
    expect(note(doc, 'in')?.cluster).toBe('c1');
    expect(note(doc, 'out')?.cluster).toBeNull();
    expect(getNotesMap(doc).get('out')).toBeInstanceOf(Y.Map);
    expect((getNotesMap(doc).get('out') as Y.Map<unknown>).get('cluster')).toBeNull();
  });

  it('stores 0 for non-finite coordinates', () => {
    const doc = new Y.Doc();
    createNote(doc, { id: 'n', x: Number.NaN, y: Infinity, author: 'A', createdAt: 1 });
    expect(note(doc, 'n')).toMatchObject({ x: 0, y: 0 });
  });
});

describe('R1 every note operation is one transaction and emits one update', () => {
  const cases: [string, (doc: Y.Doc) => unknown][] = [
    ['createNote', (doc) => createNote(doc, { id: 'n2', text: 'x', x: 0, y: 0, author: 'A', createdAt: 1 })],
    ['setNoteText', (doc) => setNoteText(doc, 'n1', 'Goodbye world')],
    ['editNoteText', (doc) => editNoteText(doc, 'n1', 5, 6, ', you')],
    ['recolorNote', (doc) => recolorNote(doc, 'n1', 'pink')],
    ['moveNote', (doc) => moveNote(doc, 'n1', 100, 200)],
    ['deleteNote', (doc) => deleteNote(doc, 'n1')],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const doc = boardWithNote();
      let transactions = 0;
      doc.on('afterTransaction', () => transactions++);
      expect(updatesDuring(doc, () => run(doc))).toHaveLength(1);
      expect(transactions).toBe(1);
    });
  }

  it('passes the origin through, so the client can scope undo to its own changes', () => {
    const doc = boardWithNote();
    const origin = { client: 'me' };
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, seen: unknown) => origins.push(seen));
    createNote(doc, { id: 'n2', x: 0, y: 0, author: 'A', createdAt: 1 }, origin);
    setNoteText(doc, 'n1', 'x', origin);
    editNoteText(doc, 'n1', 0, 0, 'y', origin);
    recolorNote(doc, 'n1', 'green', origin);
    moveNote(doc, 'n1', 1, 1, origin);
    deleteNote(doc, 'n1', origin);
    expect(origins).toEqual([origin, origin, origin, origin, origin, origin]);
  });
});

describe('R2 note operations on a missing id return false and write nothing', () => {
  const cases: [string, (doc: Y.Doc) => boolean][] = [
    ['setNoteText', (doc) => setNoteText(doc, 'missing', 'x')],
    ['editNoteText', (doc) => editNoteText(doc, 'missing', 0, 0, 'x')],
    ['recolorNote', (doc) => recolorNote(doc, 'missing', 'pink')],
    ['moveNote', (doc) => moveNote(doc, 'missing', 1, 1)],
    ['deleteNote', (doc) => deleteNote(doc, 'missing')],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const doc = boardWithNote();
      let result = true;
      expect(updatesDuring(doc, () => (result = run(doc)))).toHaveLength(0);
      expect(result).toBe(false);
    });
  }

  it('getNoteText', () => {
    expect(getNoteText(boardWithNote(), 'missing')).toBeNull();
  });
});

describe('R3 note operations that change nothing emit no update', () => {
  it('setNoteText with the same text, recolorNote with the same colour, moveNote to the same place', () => {
    const doc = boardWithNote();
    const updates = updatesDuring(doc, () => {
      expect(setNoteText(doc, 'n1', 'Hello world')).toBe(true);
      expect(recolorNote(doc, 'n1', 'yellow')).toBe(true);
      expect(moveNote(doc, 'n1', 10, 20)).toBe(true);
      expect(editNoteText(doc, 'n1', 3, 0, '')).toBe(true);
    });
    expect(updates).toHaveLength(0);
  });
});

describe('setNoteText and editNoteText', () => {
  it('R4 replaces the whole text by one minimal splice', () => {
    const doc = boardWithNote();
    const [update] = updatesDuring(doc, () => setNoteText(doc, 'n1', 'Hello brave world'));
    expect(note(doc, 'n1')?.text).toBe('Hello brave world');
    // Only the inserted word travels, not the whole text again.
    const structs = Y.decodeUpdate(update!).structs;
    expect(structs).toHaveLength(1);
    expect(update!.length).toBeLessThan(40);
  });

  it('R4 concurrent whole-text replacements in different places both survive', () => {
    const a = boardWithNote();
    const b = new Y.Doc();
    sync(a, b);
    setNoteText(a, 'n1', 'Hello brave world');
    setNoteText(b, 'n1', 'Hello world!');
    sync(a, b);
    expect(note(a, 'n1')?.text).toBe('Hello brave world!');
    expect(note(b, 'n1')?.text).toBe('Hello brave world!');
  });

  it('edits one splice and clamps out-of-range arguments', () => {
    const doc = boardWithNote();
    expect(editNoteText(doc, 'n1', 5, 6, ', you')).toBe(true);
    expect(note(doc, 'n1')?.text).toBe('Hello, you');
    editNoteText(doc, 'n1', 1000, 5, '!');
    expect(note(doc, 'n1')?.text).toBe('Hello, you!');
    editNoteText(doc, 'n1', -4, 1000, 'Hi');
    expect(note(doc, 'n1')?.text).toBe('Hi');
    editNoteText(doc, 'n1', Number.NaN, Number.NaN, '>');
    expect(note(doc, 'n1')?.text).toBe('>Hi');
  });

  it('R4 repairs a text another client wrote as a plain string', () => {
    const doc = boardWithNote();
    (getNotesMap(doc).get('n1') as Y.Map<unknown>).set('text', 'plain');
    expect(getNoteText(doc, 'n1')).toBeNull();
    expect(note(doc, 'n1')?.text).toBe('plain');
    expect(editNoteText(doc, 'n1', 5, 0, '!')).toBe(true);
    expect(note(doc, 'n1')?.text).toBe('plain!');
    expect(getNoteText(doc, 'n1')).toBeInstanceOf(Y.Text);
    (getNotesMap(doc).get('n1') as Y.Map<unknown>).set('text', 7);
    expect(setNoteText(doc, 'n1', 'fixed')).toBe(true);
    expect(getNoteText(doc, 'n1')?.toString()).toBe('fixed');
  });
});

describe('recolorNote', () => {
  it('sets a palette colour and refuses anything else', () => {
    const doc = boardWithNote();
    expect(recolorNote(doc, 'n1', 'purple')).toBe(true);
    expect(note(doc, 'n1')?.color).toBe('purple');
    expect(recolorNote(doc, 'n1', 'chartreuse' as never)).toBe(false);
    expect(note(doc, 'n1')?.color).toBe('purple');
  });
});

describe('moveNote', () => {
  it('R14 writes only the coordinate that changed', () => {
    const doc = boardWithNote();
    const updates = updatesDuring(doc, () => moveNote(doc, 'n1', 10, 99));
    expect(updates).toHaveLength(1);
    expect(Y.decodeUpdate(updates[0]!).structs).toHaveLength(1);
    expect(note(doc, 'n1')).toMatchObject({ x: 10, y: 99 });
  });

  it('R14 refuses non-finite coordinates', () => {
    const doc = boardWithNote();
    expect(moveNote(doc, 'n1', Number.NaN, 0)).toBe(false);
    expect(moveNote(doc, 'n1', 0, -Infinity)).toBe(false);
    expect(note(doc, 'n1')).toMatchObject({ x: 10, y: 20 });
  });
});

describe('deleteNote', () => {
  it('removes the note', () => {
    const doc = boardWithNote();
    expect(deleteNote(doc, 'n1')).toBe(true);
    expect(listNotes(doc)).toEqual([]);
    expect(deleteNote(doc, 'n1')).toBe(false);
  });
});
