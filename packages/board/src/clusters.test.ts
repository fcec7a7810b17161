import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import {
  createCluster,
  createClusterFromNotes,
  deleteCluster,
  getClusterLabel,
  moveCluster,
  renameCluster,
  setNoteCluster,
} from './clusters.js';
import { createNote } from './notes.js';
import { listClusters, listNotes, notesInCluster, readNote } from './read.js';
import { getClustersMap, getNotesMap } from './schema.js';
import { sync, updatesDuring } from '../test/docKit.js';

/** Cluster c1 at (100, 100) holding n1 and n2; n3 free. */
function board(): Y.Doc {
  const doc = new Y.Doc();
  createCluster(doc, { id: 'c1', label: 'Transport', x: 100, y: 100 });
  createNote(doc, { id: 'n1', x: 110, y: 130, author: 'A', createdAt: 1, cluster: 'c1' });
  createNote(doc, { id: 'n2', x: 210, y: 130, author: 'A', createdAt: 2, cluster: 'c1' });
  createNote(doc, { id: 'n3', x: 500, y: 500, author: 'A', createdAt: 3 });
  return doc;
}

function note(doc: Y.Doc, id: string) {
  return readNote(id, getNotesMap(doc).get(id));
}

describe('createCluster, renameCluster, getClusterLabel', () => {
  it('creates a cluster with a Y.Text label', () => {
    const doc = new Y.Doc();
    const id = createCluster(doc, { label: 'Santé', x: 5, y: 6 });
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(listClusters(doc)).toEqual([{ id, label: 'Santé', x: 5, y: 6, zone: null }]);
    expect(getClusterLabel(doc, id)).toBeInstanceOf(Y.Text);
  });

  it('R4 renames with a minimal splice so concurrent edits merge', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    renameCluster(a, 'c1', 'Transport public');
    renameCluster(b, 'c1', 'Le Transport');
    sync(a, b);
    expect(listClusters(a)[0]?.label).toBe('Le Transport public');
    expect(listClusters(b)).toEqual(listClusters(a));
  });
});

describe('R1 every cluster operation is one transaction and emits one update', () => {
  const cases: [string, (doc: Y.Doc) => unknown][] = [
    ['createCluster', (doc) => createCluster(doc, { id: 'c2', label: 'x', x: 0, y: 0 })],
    ['renameCluster', (doc) => renameCluster(doc, 'c1', 'Mobilité')],
    ['moveCluster', (doc) => moveCluster(doc, 'c1', 0, 0)],
    ['moveCluster without notes', (doc) => moveCluster(doc, 'c1', 0, 0, { moveNotes: false })],
    ['deleteCluster', (doc) => deleteCluster(doc, 'c1')],
    ['setNoteCluster', (doc) => setNoteCluster(doc, 'n3', 'c1')],
    ['setNoteCluster to null', (doc) => setNoteCluster(doc, 'n1', null)],
    ['createClusterFromNotes', (doc) => createClusterFromNotes(doc, ['n1', 'n3'])],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const doc = board();
      let transactions = 0;
      doc.on('afterTransaction', () => transactions++);
      expect(updatesDuring(doc, () => run(doc))).toBe(1);
      expect(transactions).toBe(1);
    });
  }

  it('passes the origin through', () => {
    const doc = board();
    const origin = Symbol('me');
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, seen: unknown) => origins.push(seen));
    createCluster(doc, { id: 'c2', x: 0, y: 0 }, origin);
    renameCluster(doc, 'c2', 'x', origin);
    moveCluster(doc, 'c1', 1, 1, {}, origin);
    setNoteCluster(doc, 'n3', 'c2', origin);
    createClusterFromNotes(doc, ['n3'], {}, origin);
    deleteCluster(doc, 'c1', origin);
    expect(origins).toEqual(Array(6).fill(origin));
  });
});

describe('R2 cluster operations on a missing id return false and write nothing', () => {
  const cases: [string, (doc: Y.Doc) => unknown][] = [
    ['renameCluster', (doc) => renameCluster(doc, 'missing', 'x')],
    ['moveCluster', (doc) => moveCluster(doc, 'missing', 1, 1)],
    ['deleteCluster', (doc) => deleteCluster(doc, 'missing')],
    ['setNoteCluster with a missing note', (doc) => setNoteCluster(doc, 'missing', 'c1')],
    ['setNoteCluster with an unknown cluster', (doc) => setNoteCluster(doc, 'n3', 'missing')],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const doc = board();
      let result: unknown;
      expect(updatesDuring(doc, () => (result = run(doc)))).toBe(0);
      expect(result).toBe(false);
    });
  }

  it('createClusterFromNotes with no existing note returns null', () => {
    const doc = board();
    expect(updatesDuring(doc, () => expect(createClusterFromNotes(doc, ['x', 'y'])).toBeNull())).toBe(0);
    expect(getClusterLabel(doc, 'missing')).toBeNull();
  });
});

describe('moveCluster', () => {
  it('R13 shifts member notes by the same delta and leaves other notes alone', () => {
    const doc = board();
    expect(moveCluster(doc, 'c1', 150, 80)).toBe(true);
    expect(listClusters(doc)[0]).toMatchObject({ x: 150, y: 80 });
    expect(note(doc, 'n1')).toMatchObject({ x: 160, y: 110 });
    expect(note(doc, 'n2')).toMatchObject({ x: 260, y: 110 });
    expect(note(doc, 'n3')).toMatchObject({ x: 500, y: 500 });
  });

  it('R13 keeps notes in place with moveNotes: false', () => {
    const doc = board();
    moveCluster(doc, 'c1', 0, 0, { moveNotes: false });
    expect(note(doc, 'n1')).toMatchObject({ x: 110, y: 130 });
  });

  it('R14 refuses non-finite coordinates and writes nothing when not moved', () => {
    const doc = board();
    expect(moveCluster(doc, 'c1', Number.NaN, 0)).toBe(false);
    expect(updatesDuring(doc, () => expect(moveCluster(doc, 'c1', 100, 100)).toBe(true))).toBe(0);
  });
});

describe('deleteCluster', () => {
  it('R9 frees its notes where they stand and never deletes them', () => {
    const doc = board();
    expect(deleteCluster(doc, 'c1')).toBe(true);
    expect(listClusters(doc)).toEqual([]);
    expect(listNotes(doc).map((n) => [n.id, n.cluster, n.x, n.y])).toEqual([
      ['n1', null, 110, 130],
      ['n2', null, 210, 130],
      ['n3', null, 500, 500],
    ]);
    expect((getNotesMap(doc).get('n1') as Y.Map<unknown>).get('cluster')).toBeNull();
  });

  it('R6 a note put concurrently into a deleted cluster reads as free', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    deleteCluster(a, 'c1');
    setNoteCluster(b, 'n3', 'c1');
    sync(a, b);
    expect(note(a, 'n3')?.cluster).toBeNull();
    expect(notesInCluster(b, 'c1')).toEqual([]);
    expect(listNotes(a)).toEqual(listNotes(b));
  });
});

describe('setNoteCluster', () => {
  it('puts a note in a cluster and frees it with null', () => {
    const doc = board();
    expect(setNoteCluster(doc, 'n3', 'c1')).toBe(true);
    expect(notesInCluster(doc, 'c1').map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(setNoteCluster(doc, 'n1', null)).toBe(true);
    expect(notesInCluster(doc, 'c1').map((n) => n.id)).toEqual(['n2', 'n3']);
    expect(updatesDuring(doc, () => setNoteCluster(doc, 'n1', null))).toBe(0);
  });
});

describe('createClusterFromNotes', () => {
  it('makes a cluster of the notes at their top-left and takes them out of their old cluster', () => {
    const doc = board();
    const id = createClusterFromNotes(doc, ['n2', 'n3', 'n2', 'missing'], { id: 'c2', label: 'Vélo' });
    expect(id).toBe('c2');
    expect(listClusters(doc).find((c) => c.id === 'c2')).toEqual({ id: 'c2', label: 'Vélo', x: 210, y: 130, zone: null });
    expect(notesInCluster(doc, 'c2').map((n) => n.id)).toEqual(['n2', 'n3']);
    expect(notesInCluster(doc, 'c1').map((n) => n.id)).toEqual(['n1']);
    expect(getClustersMap(doc).get('c2')).toBeInstanceOf(Y.Map);
  });

  it('accepts an explicit position', () => {
    const doc = board();
    const id = createClusterFromNotes(doc, ['n3'], { x: 1, y: 2 });
    expect(listClusters(doc).find((c) => c.id === id)).toMatchObject({ x: 1, y: 2, label: '' });
  });
});
