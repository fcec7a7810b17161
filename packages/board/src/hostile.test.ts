import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import {
  createCluster,
  createClusterFromNotes,
  deleteCluster,
  getClusterLabel,
  moveCluster,
  renameCluster,
  setClusterZone,
  setNoteCluster,
  setNoteZone,
} from './clusters.js';
import {
  getKeyIdeaText,
  isKeyIdea,
  markKeyIdea,
  moveKeyIdea,
  setKeyIdeaText,
  trimKeyIdeas,
  unmarkKeyIdea,
} from './keyIdeas.js';
import {
  createNote,
  deleteNote,
  editNoteText,
  getNoteText,
  moveNote,
  recolorNote,
  setNoteText,
} from './notes.js';
import {
  effectiveKeyIdeas,
  listClusters,
  listNotes,
  notesInCluster,
  readCluster,
  readKeyIdeas,
  readMeta,
  readNote,
  snapshotBoard,
} from './read.js';
import { getClustersMap, getKeyIdeasArray, getMetaMap, getNotesMap, getZonesArray, initBoard, isNoteColor } from './schema.js';
import type { BoardSnapshot } from './types.js';

/** One fresh value of every kind a client can write with plain Yjs (a shared type integrates only once). */
function garbage(): unknown[] {
  return [
    undefined,
    null,
    true,
    false,
    0,
    -1,
    Number.NaN,
    Infinity,
    -Infinity,
    1e308,
    '',
    'text',
    'yellow',
    [1, 'two'],
    { a: 1 },
    new Uint8Array([1, 2, 3]),
    new Y.Map(),
    new Y.Array(),
    new Y.Text('a text'),
    new Y.XmlFragment(),
    new Y.XmlElement('p'),
    new Y.XmlText('xml'),
    new Y.Doc(),
  ];
}

const NOTE_FIELDS = ['text', 'color', 'x', 'y', 'cluster', 'author', 'createdAt'];
const CLUSTER_FIELDS = ['label', 'x', 'y'];
const KEY_IDEA_FIELDS = ['id', 'text', 'noteId', 'clusterId'];

function fill(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
}

/** A document with garbage of every kind in every field of every entry kind. */
function hostileBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { groupId: 'g', name: 'G' });
  const notes = getNotesMap(doc);
  const clusters = getClustersMap(doc);
  const keyIdeas = getKeyIdeasArray(doc);
  createCluster(doc, { id: 'real-cluster', label: 'Real', x: 1, y: 1 });
  createNote(doc, { id: 'real-note', text: 'Real', x: 1, y: 1, author: 'A', createdAt: 1, cluster: 'real-cluster' });
  garbage().forEach((value, i) => notes.set(`garbage-note-${i}`, value));
  garbage().forEach((value, i) => clusters.set(`garbage-cluster-${i}`, value));
  // Yjs itself cannot put undefined in an array.
  keyIdeas.push(garbage().filter((value) => value !== undefined));
  for (const field of NOTE_FIELDS) {
    garbage().forEach((value, i) => {
      const note = new Y.Map<unknown>();
      notes.set(`note-${field}-${i}`, note);
      fill(note, { text: new Y.Text('ok'), color: 'blue', x: 1, y: 2, cluster: null, author: 'A', createdAt: 3 });
      note.set(field, value);
    });
  }
  for (const field of CLUSTER_FIELDS) {
    garbage().forEach((value, i) => {
      const cluster = new Y.Map<unknown>();
      clusters.set(`cluster-${field}-${i}`, cluster);
      fill(cluster, { label: new Y.Text('ok'), x: 1, y: 2 });
      cluster.set(field, value);
    });
  }
  for (const field of KEY_IDEA_FIELDS) {
    garbage().forEach((value, i) => {
      const idea = new Y.Map<unknown>();
      keyIdeas.push([idea]);
      fill(idea, { id: `idea-${field}-${i}`, text: new Y.Text('ok'), noteId: `gone-${field}-${i}` });
      idea.set(field, value);
    });
  }
  for (const id of ['twice-1', 'twice-2']) {
    const idea = new Y.Map<unknown>();
    keyIdeas.push([idea]);
    fill(idea, { id, text: new Y.Text(id), noteId: 'real-note' });
  }
  // Notes pointing at clusters that are garbage, and key ideas at garbage sources.
  const dangling = new Y.Map<unknown>();
  notes.set('note-in-garbage-cluster', dangling);
  fill(dangling, { text: 'plain string', cluster: 'garbage-cluster-11', x: 5, y: 5 });
  const orphan = new Y.Map<unknown>();
  keyIdeas.push([orphan]);
  fill(orphan, { id: 'idea-garbage-source', text: 12, noteId: 'garbage-note-11', clusterId: 'garbage-cluster-16' });
  const meta = getMetaMap(doc);
  const [schema, groupId, name] = [new Y.Array(), Number.NaN, new Y.Text('name')];
  fill(meta, { schema, groupId, name });
  return doc;
}

/** A document whose top-level types were written under the wrong kind by another client. */
function wrongTopLevelTypes(): Y.Doc {
  const writer = new Y.Doc();
  writer.getArray('notes').push(['a note?', 1, new Y.Map()]);
  writer.getText('clusters').insert(0, 'not a map');
  const keyIdeas = writer.getMap('keyIdeas');
  keyIdeas.set('0', new Y.Map());
  keyIdeas.set('id', 'k');
  writer.getArray('meta').push([{ schema: 1 }]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
  return doc;
}

function expectValid(snapshot: BoardSnapshot): void {
  expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  expect(Number.isFinite(snapshot.meta.schema)).toBe(true);
  expect(typeof snapshot.meta.groupId).toBe('string');
  expect(typeof snapshot.meta.name).toBe('string');
  const clusterIds = new Set(snapshot.clusters.map((cluster) => cluster.id));
  const noteIds = new Set(snapshot.notes.map((note) => note.id));
  for (const cluster of snapshot.clusters) {
    expect(typeof cluster.label).toBe('string');
    expect(Number.isFinite(cluster.x) && Number.isFinite(cluster.y)).toBe(true);
  }
  for (const note of snapshot.notes) {
    expect(typeof note.text).toBe('string');
    expect(isNoteColor(note.color)).toBe(true);
    expect([note.x, note.y, note.createdAt].every(Number.isFinite)).toBe(true);
    expect(typeof note.author).toBe('string');
    expect(note.cluster === null || clusterIds.has(note.cluster)).toBe(true);
  }
  const ideaIds = snapshot.keyIdeas.map((idea) => idea.id);
  expect(new Set(ideaIds).size).toBe(ideaIds.length);
  for (const idea of snapshot.keyIdeas) {
    expect(idea.id).toMatch(/./);
    expect(typeof idea.text).toBe('string');
    if (idea.source.kind === 'note') expect(noteIds.has(idea.source.id)).toBe(true);
    if (idea.source.kind === 'cluster') expect(clusterIds.has(idea.source.id)).toBe(true);
  }
}

/** Every operation on every key of the document, plus a few that do not exist. */
function runEveryOperation(doc: Y.Doc): void {
  const noteIds = [...getNotesMap(doc).keys(), 'missing'];
  const clusterIds = [...getClustersMap(doc).keys(), 'missing'];
  const rawIds = getKeyIdeasArray(doc)
    .toArray()
    .map((value) => (value instanceof Y.Map ? value.get('id') : value));
  const ideaIds = [...rawIds, 'missing'].filter((id): id is string => typeof id === 'string');
  const booleans: unknown[] = [];
  for (const id of noteIds) {
    booleans.push(setNoteText(doc, id, 'rewritten'), editNoteText(doc, id, 2, 3, '!'));
    booleans.push(recolorNote(doc, id, 'green'), moveNote(doc, id, 3, 4));
    booleans.push(setNoteCluster(doc, id, 'real-cluster'), setNoteCluster(doc, id, null));
    booleans.push(setNoteZone(doc, id, 'enjeux'), setNoteZone(doc, id, 'missing', { x: 1, y: 2 }));
    expect(() => getNoteText(doc, id)).not.toThrow();
    expect(() => markKeyIdea(doc, { noteId: id }, 100)).not.toThrow();
    expect(() => isKeyIdea(doc, { noteId: id })).not.toThrow();
  }
  expect(() => createClusterFromNotes(doc, noteIds)).not.toThrow();
  for (const id of clusterIds) {
    booleans.push(renameCluster(doc, id, 'renamed'), moveCluster(doc, id, 7, 8), setClusterZone(doc, id, 'enjeux'));
    expect(() => getClusterLabel(doc, id)).not.toThrow();
    expect(() => notesInCluster(doc, id)).not.toThrow();
    expect(() => markKeyIdea(doc, { clusterId: id }, 100)).not.toThrow();
  }
  for (const id of ideaIds) {
    booleans.push(setKeyIdeaText(doc, id, 'reformulated'), moveKeyIdea(doc, id, 0));
    expect(() => getKeyIdeaText(doc, id)).not.toThrow();
  }
  expect(trimKeyIdeas(doc, 2)).toBeGreaterThanOrEqual(0);
  for (const id of ideaIds) booleans.push(unmarkKeyIdea(doc, id));
  for (const id of clusterIds) booleans.push(deleteCluster(doc, id));
  for (const id of noteIds) booleans.push(deleteNote(doc, id));
  for (const result of booleans) expect(typeof result).toBe('boolean');
  createNote(doc, { id: 'after', x: 0, y: 0, author: 'A', createdAt: 1 });
  expect(listNotes(doc).map((note) => note.id)).toContain('after');
}

describe('R5 readers tolerate a hostile document', () => {
  it('garbage of every type in every field reads as valid, defaulted data', () => {
    const doc = hostileBoard();
    const snapshot = snapshotBoard(doc);
    expectValid(snapshot);
    expect(snapshot.meta).toEqual({ schema: 1, groupId: '', name: '', template: '' });
    const notes = new Map(snapshot.notes.map((note) => [note.id, note]));
    expect(notes.get('real-note')).toMatchObject({ text: 'Real', cluster: 'real-cluster' });
    // Only the empty Y.Map among the garbage is a note, with every field defaulted.
    expect([...notes.keys()].filter((id) => id.startsWith('garbage-note'))).toEqual(['garbage-note-16']);
    expect(notes.get('garbage-note-16')).toEqual({
      id: 'garbage-note-16',
      text: '',
      color: 'yellow',
      x: 0,
      y: 0,
      cluster: null,
      zone: null,
      author: '',
      createdAt: 0,
    });
    // A plain string text is used; an unreadable cluster makes its notes free.
    expect(notes.get('note-in-garbage-cluster')).toMatchObject({ text: 'plain string', cluster: null });
    // Each wrong field defaults alone; the others are kept.
    expect(notes.get('note-x-6')).toMatchObject({ x: 0, y: 2, color: 'blue', text: 'ok' });
    expect(notes.get('note-y-7')).toMatchObject({ x: 1, y: 0 });
    expect(notes.get('note-color-11')).toMatchObject({ color: 'yellow' });
    expect(notes.get('note-color-12')).toMatchObject({ color: 'yellow' });
    expect(notes.get('note-text-4')).toMatchObject({ text: '' });
    expect(notes.get('note-createdAt-9')).toMatchObject({ createdAt: 1e308 });
    expect(notes.get('note-createdAt-8')).toMatchObject({ createdAt: 0 });
    const ideas = new Map(snapshot.keyIdeas.map((idea) => [idea.id, idea]));
    expect(ideas.get('idea-garbage-source')).toEqual({ id: 'idea-garbage-source', text: '', source: { kind: 'none' }, zone: null });
    // Ids must be non-empty strings: 'text' and 'yellow' are the only ones among the garbage.
    expect([...ideas.keys()].filter((id) => !id.startsWith('idea-') && !id.startsWith('twice-'))).toEqual([
      'text',
      'yellow',
    ]);
    expect(ideas.get('text')).toEqual({ id: 'text', text: 'ok', source: { kind: 'none' }, zone: null });
    expect(ideas.get('idea-noteId-6')).toEqual({ id: 'idea-noteId-6', text: 'ok', source: { kind: 'none' }, zone: null });
    expect(ideas.get('idea-text-11')).toMatchObject({ text: 'text' });
    expect(ideas.get('idea-text-14')).toMatchObject({ text: '' });
    expect(ideas.get('idea-text-18')).toMatchObject({ text: 'a text' });
    // A second mark of the same source does not count.
    expect(ideas.get('twice-1')).toMatchObject({ source: { kind: 'note', id: 'real-note' } });
    expect(ideas.has('twice-2')).toBe(false);
    // Ideas marked from the same note: only the first valid one counts.
    expect(snapshot.keyIdeas.filter((idea) => idea.source.kind === 'note')).toHaveLength(1);
    expect(effectiveKeyIdeas(doc, 2)).toHaveLength(2);
  });

  it('a replica receiving the hostile document reads it alike', () => {
    const doc = hostileBoard();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(snapshotBoard(replica)).toEqual(snapshotBoard(doc));
  });

  it('top-level types written under the wrong kind read as an empty board', () => {
    const doc = wrongTopLevelTypes();
    const snapshot = snapshotBoard(doc);
    expectValid(snapshot);
    expect(snapshot).toEqual({ meta: { schema: 1, groupId: '', name: '', template: '' }, zones: [], notes: [], clusters: [], keyIdeas: [] });
  });

  it('readers tolerate the wrong kind arriving after this replica initialised the board', () => {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'g', name: 'G' });
    createNote(doc, { id: 'n', x: 0, y: 0, author: 'A', createdAt: 1 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(wrongTopLevelTypes()));
    const snapshot = snapshotBoard(doc);
    expectValid(snapshot);
    expect(snapshot.notes.map((note) => note.id)).toEqual(['n']);
  });

  it('readers report an empty board when this process named a type with another kind', () => {
    const doc = new Y.Doc();
    doc.getText('notes');
    doc.getArray('clusters');
    doc.getMap('keyIdeas');
    doc.getText('meta');
    const empty = { meta: { schema: 1, groupId: '', name: '', template: '' }, zones: [], notes: [], clusters: [], keyIdeas: [] };
    expect(snapshotBoard(doc)).toEqual(empty);
    expect(readKeyIdeas(doc)).toEqual([]);
    expect(readMeta(doc).name).toBe('');
  });

  it('readNote and readCluster accept any value', () => {
    for (const value of garbage()) {
      expect(() => readNote('x', value)).not.toThrow();
      expect(() => readCluster('x', value)).not.toThrow();
    }
    expect(listClusters(new Y.Doc())).toEqual([]);
  });
});

describe('R2 operations never throw on a hostile document', () => {
  it('every operation on every entry of a hostile document', () => {
    const doc = hostileBoard();
    expect(() => runEveryOperation(doc)).not.toThrow();
    expectValid(snapshotBoard(doc));
  });

  it('R25 every operation on a hostile document with zones, among them garbage zone entries and fields', () => {
    const doc = hostileBoard();
    initBoard(doc, { groupId: 'g', name: 'G', template: { kind: 'enjeux-objectifs-actions' } });
    getZonesArray(doc).push(['zone', 7, new Y.Map()]);
    for (const [i, value] of garbage().entries()) {
      const note = getNotesMap(doc).get('real-note') as Y.Map<unknown>;
      if (i % 3 === 0) note.set('zone', value);
    }
    expect(() => runEveryOperation(doc)).not.toThrow();
    const snapshot = snapshotBoard(doc);
    expectValid(snapshot);
    const zoneIds = new Set(snapshot.zones.map((zone) => zone.id));
    for (const note of snapshot.notes) expect(zoneIds.has(note.zone!)).toBe(true);
  });

  it('every operation on a document with wrong top-level kinds', () => {
    const doc = wrongTopLevelTypes();
    expect(() => runEveryOperation(doc)).not.toThrow();
    expectValid(snapshotBoard(doc));
  });
});
