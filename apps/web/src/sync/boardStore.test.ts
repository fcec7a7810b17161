import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createClusterFromNotes, createNote, deleteCluster, editNoteText, initBoard, markKeyIdea, moveNote, setClusterZone, setNoteZone } from '@concerto/board';

import { BoardStore } from './boardStore.js';

function setup() {
  const doc = new Y.Doc();
  const a = createNote(doc, { id: 'a', text: 'alpha', x: 0, y: 0, author: 'Marie', createdAt: 1 });
  const b = createNote(doc, { id: 'b', text: 'beta', x: 300, y: 0, author: 'Paul', createdAt: 2 });
  const store = new BoardStore(doc);
  return { doc, store, a, b };
}

describe('BoardStore', () => {
  it('reads the board on creation, notes oldest first', () => {
    const { store } = setup();
    expect(store.getNoteIds()).toEqual(['a', 'b']);
    expect(store.getNote('a')).toMatchObject({ text: 'alpha', author: 'Marie', keyIdeaId: null });
  });

  it('notifies only the note that changed, once per transaction', () => {
    const { doc, store } = setup();
    const onA = vi.fn();
    const onB = vi.fn();
    const onIds = vi.fn();
    store.subscribeNote('a', onA);
    store.subscribeNote('b', onB);
    store.subscribeNoteIds(onIds);
    const before = store.getNote('b');
    doc.transact(() => {
      editNoteText(doc, 'a', 5, 0, ' one');
      moveNote(doc, 'a', 10, 20);
    });
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).not.toHaveBeenCalled();
    expect(onIds).not.toHaveBeenCalled();
    expect(store.getNote('a')).toMatchObject({ text: 'alpha one', x: 10, y: 20 });
    expect(store.getNote('b')).toBe(before);
  });

  it('keeps the same snapshot when a write changes nothing', () => {
    const { doc, store } = setup();
    const snapshot = store.getNote('a');
    const onA = vi.fn();
    store.subscribeNote('a', onA);
    moveNote(doc, 'a', 0, 0);
    expect(onA).not.toHaveBeenCalled();
    expect(store.getNote('a')).toBe(snapshot);
  });

  it('notifies the id list on add and delete only', () => {
    const { doc, store } = setup();
    const onIds = vi.fn();
    store.subscribeNoteIds(onIds);
    createNote(doc, { id: 'c', x: 0, y: 0, author: 'Léa', createdAt: 3 });
    expect(onIds).toHaveBeenCalledTimes(1);
    expect(store.getNoteIds()).toEqual(['a', 'b', 'c']);
    doc.getMap('notes').delete('a');
    expect(onIds).toHaveBeenCalledTimes(2);
    expect(store.getNoteIds()).toEqual(['b', 'c']);
    expect(store.getNote('a')).toBeUndefined();
  });

  it('applies a remote update the same way: only the notes it touches', () => {
    const { doc, store } = setup();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const onA = vi.fn();
    const onB = vi.fn();
    store.subscribeNote('a', onA);
    store.subscribeNote('b', onB);
    const updates: Uint8Array[] = [];
    remote.on('update', (u: Uint8Array) => updates.push(u));
    editNoteText(remote, 'b', 0, 0, '>> ');
    updates.forEach((u) => Y.applyUpdate(doc, u, 'remote'));
    expect(onA).not.toHaveBeenCalled();
    expect(onB).toHaveBeenCalledTimes(1);
    expect(store.getNote('b')?.text).toBe('>> beta');
  });

  it('tracks clusters: members, frame, and freeing the notes on delete', () => {
    const { doc, store } = setup();
    const onClusters = vi.fn();
    store.subscribeClusterIds(onClusters);
    const id = createClusterFromNotes(doc, ['a', 'b'], { x: -16, y: -60 });
    expect(id).not.toBeNull();
    const cluster = store.getCluster(id ?? '');
    expect(cluster?.noteIds).toEqual(['a', 'b']);
    expect(cluster?.bounds.x).toBe(-16);
    expect(cluster?.bounds.width).toBeGreaterThan(500);
    expect(onClusters).toHaveBeenCalledTimes(1);

    const onCluster = vi.fn();
    store.subscribeCluster(id ?? '', onCluster);
    moveNote(doc, 'b', 300, 400);
    expect(onCluster).toHaveBeenCalledTimes(1);
    expect(store.getCluster(id ?? '')?.bounds.height).toBeGreaterThan(500);

    deleteCluster(doc, id ?? '');
    expect(store.getCluster(id ?? '')).toBeUndefined();
    expect(store.getNote('a')?.cluster).toBeNull();
    expect(store.getClusterIds()).toEqual([]);
  });

  it('marks the note a key idea comes from, and notifies that note only', () => {
    const { doc, store } = setup();
    const onA = vi.fn();
    const onB = vi.fn();
    const onIdeas = vi.fn();
    store.subscribeNote('a', onA);
    store.subscribeNote('b', onB);
    store.subscribeKeyIdeas(onIdeas);
    const result = markKeyIdea(doc, { noteId: 'a' }, 2);
    expect(result.ok).toBe(true);
    expect(onIdeas).toHaveBeenCalledTimes(1);
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).not.toHaveBeenCalled();
    expect(store.getNote('a')?.keyIdeaId).toBe(result.ok ? result.id : null);
    expect(store.getKeyIdeas()).toHaveLength(1);
  });

  it('stops listening when destroyed', () => {
    const { doc, store } = setup();
    const onA = vi.fn();
    store.subscribeNote('a', onA);
    store.destroy();
    editNoteText(doc, 'a', 0, 0, 'x');
    expect(onA).not.toHaveBeenCalled();
  });

  it('reads zones that arrive after the notes, and follows notes and clusters from zone to zone', () => {
    const { doc, store } = setup();
    const onZones = vi.fn();
    store.subscribeZones(onZones);
    expect(store.getZones()).toEqual([]);
    expect(store.getNote('a')?.zone).toBeNull();
    // The server's initialisation arrives from the network after this device's notes.
    const server = new Y.Doc();
    initBoard(server, { groupId: 'axe-1', name: 'Axe 1', template: { kind: 'enjeux-objectifs-actions' } });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    expect(onZones).toHaveBeenCalledTimes(1);
    expect(store.getZones().map((zone) => zone.id)).toEqual(['precedent', 'enjeux', 'objectifs', 'actions', 'prioritaires']);
    expect(store.getNote('a')?.zone).toBe('enjeux');
    setNoteZone(doc, 'a', 'actions');
    expect(store.getNote('a')?.zone).toBe('actions');
    const cluster = createClusterFromNotes(doc, ['b'])!;
    setClusterZone(doc, cluster, 'objectifs');
    expect(store.getCluster(cluster)?.zone).toBe('objectifs');
    expect(store.getNote('b')?.zone).toBe('objectifs');
  });

  it('counts the notes of each zone, and tells only when a note enters or leaves one (the zone strip)', () => {
    const { doc, store } = setup();
    const server = new Y.Doc();
    initBoard(server, { groupId: 'axe-1', name: 'Axe 1', template: { kind: 'enjeux-objectifs-actions' } });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    expect(store.getZoneCounts()).toEqual({ enjeux: 2 });
    const onCounts = vi.fn();
    store.subscribeZoneCounts(onCounts);
    const before = store.getZoneCounts();
    editNoteText(doc, 'a', 0, 0, 'x');
    moveNote(doc, 'a', 40, 40);
    expect(onCounts).not.toHaveBeenCalled();
    expect(store.getZoneCounts()).toBe(before);
    setNoteZone(doc, 'a', 'prioritaires');
    expect(onCounts).toHaveBeenCalledTimes(1);
    expect(store.getZoneCounts()).toEqual({ enjeux: 1, prioritaires: 1 });
    createNote(doc, { id: 'c', text: 'gamma', x: 0, y: 0, author: 'Paul', zone: 'prioritaires' });
    expect(store.getZoneCounts()).toEqual({ enjeux: 1, prioritaires: 2 });
  });
});
