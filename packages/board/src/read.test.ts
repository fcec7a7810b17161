import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { createCluster } from './clusters.js';
import { markKeyIdea } from './keyIdeas.js';
import { createNote } from './notes.js';
import {
  effectiveKeyIdeas,
  listClusters,
  listNotes,
  notesInCluster,
  readCluster,
  readMeta,
  readNote,
  snapshotBoard,
} from './read.js';
import { getClustersMap, getKeyIdeasArray, getMetaMap, getNotesMap, initBoard, isNoteColor } from './schema.js';
import { NOTE_COLORS } from './types.js';

describe('initBoard', () => {
  it('stamps schema 2, the group id and name', () => {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1' });
    expect(readMeta(doc)).toEqual({ schema: 2, groupId: 'groupe-1', name: 'Groupe 1', template: '' });
    expect(getMetaMap(doc).toJSON()).toEqual({ schema: 2, groupId: 'groupe-1', name: 'Groupe 1' });
  });

  it('R20 is idempotent: a second call writes nothing, a rename writes only the name', () => {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1' });
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1' });
    expect(updates).toHaveLength(0);
    initBoard(doc, { groupId: 'groupe-1', name: 'Atelier' });
    expect(updates).toHaveLength(1);
    expect(Y.decodeUpdate(updates[0]!).structs).toHaveLength(1);
    expect(readMeta(doc).name).toBe('Atelier');
  });
});

describe('isNoteColor', () => {
  it('accepts the palette only', () => {
    for (const color of NOTE_COLORS) expect(isNoteColor(color)).toBe(true);
    for (const value of ['red', 'Yellow', '', 1, null, undefined, {}]) expect(isNoteColor(value)).toBe(false);
  });
});

describe('readMeta', () => {
  it('R5 defaults a blank document', () => {
    expect(readMeta(new Y.Doc())).toEqual({ schema: 1, groupId: '', name: '', template: '' });
  });
});

describe('R5 readNote and readCluster', () => {
  it('return null for anything but a Y.Map', () => {
    for (const value of [undefined, null, 0, 'note', {}, [], new Y.Doc().getArray('a'), new Y.Doc().getText('t')]) {
      expect(readNote('n', value)).toBeNull();
      expect(readCluster('c', value)).toBeNull();
    }
  });

  it('default every field of a Y.Map', () => {
    const doc = new Y.Doc();
    getNotesMap(doc).set('n', new Y.Map());
    getClustersMap(doc).set('c', new Y.Map());
    expect(readNote('n', getNotesMap(doc).get('n'))).toEqual({
      id: 'n',
      text: '',
      color: 'yellow',
      x: 0,
      y: 0,
      cluster: null,
      zone: null,
      author: '',
      createdAt: 0,
    });
    expect(readCluster('c', getClustersMap(doc).get('c'))).toEqual({ id: 'c', label: '', x: 0, y: 0, zone: null });
  });
});

describe('snapshotBoard', () => {
  function board(): Y.Doc {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'groupe-2', name: 'Groupe 2' });
    createCluster(doc, { id: 'cb', label: 'B', x: 1, y: 1 });
    createCluster(doc, { id: 'ca', label: 'A', x: 2, y: 2 });
    createNote(doc, { id: 'z', text: 'third', x: 0, y: 0, author: 'A', createdAt: 20, cluster: 'ca' });
    createNote(doc, { id: 'b', text: 'second', x: 0, y: 0, author: 'A', createdAt: 10 });
    createNote(doc, { id: 'a', text: 'first', x: 0, y: 0, author: 'A', createdAt: 10, cluster: 'ca' });
    markKeyIdea(doc, { noteId: 'z' }, 2, { id: 'k2' });
    markKeyIdea(doc, { clusterId: 'cb' }, 2, { id: 'k1' });
    return doc;
  }

  it('R7 sorts notes by createdAt then id, clusters by id, keeps key ideas in document order', () => {
    const snapshot = snapshotBoard(board());
    expect(snapshot.meta).toEqual({ schema: 2, groupId: 'groupe-2', name: 'Groupe 2', template: '' });
    expect(snapshot.notes.map((note) => note.id)).toEqual(['a', 'b', 'z']);
    expect(snapshot.clusters.map((cluster) => cluster.id)).toEqual(['ca', 'cb']);
    expect(snapshot.keyIdeas.map((idea) => idea.id)).toEqual(['k2', 'k1']);
  });

  it('R7 is plain JSON-safe data', () => {
    const snapshot = snapshotBoard(board());
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('R7 reads alike on a replica that received the document', () => {
    const doc = board();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(snapshotBoard(replica)).toEqual(snapshotBoard(doc));
  });

  it('lists the notes of a cluster, and none for an unknown cluster', () => {
    const doc = board();
    expect(notesInCluster(doc, 'ca').map((note) => note.id)).toEqual(['a', 'z']);
    expect(notesInCluster(doc, 'cb')).toEqual([]);
    expect(notesInCluster(doc, 'nope')).toEqual([]);
    expect(listNotes(doc)).toHaveLength(3);
    expect(listClusters(doc)).toHaveLength(2);
    expect(effectiveKeyIdeas(doc, 1).map((idea) => idea.id)).toEqual(['k2']);
    expect(getKeyIdeasArray(doc).length).toBe(2);
  });
});
