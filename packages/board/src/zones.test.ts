import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { createCluster, createClusterFromNotes, deleteCluster, setClusterZone, setNoteCluster, setNoteZone } from './clusters.js';
import { NOTE_WIDTH } from './geometry.js';
import { markKeyIdea, trimKeyIdeas } from './keyIdeas.js';
import { createNote } from './notes.js';
import { effectiveKeyIdeas, listClusters, listNotes, readMeta, readNote, snapshotBoard } from './read.js';
import { getKeyIdeasArray, getMetaMap, getNotesMap, getZonesArray, initBoard } from './schema.js';
import { ENJEUX_OBJECTIFS_ACTIONS_ZONES, PRIORITY_ACTIONS_ZONE, takesActionSheet, templateZones } from './templates.js';
import type { BoardTemplate } from './templates.js';
import {
  MAX_ZONES,
  freeSpotInZone,
  keyIdeaCapacity,
  keyIdeasPerZone,
  listZones,
  zoneAt,
  zoneFrames,
  ZONE_HEADER,
} from './zones.js';

const EOA: BoardTemplate = { kind: 'enjeux-objectifs-actions' };

function zoned(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { groupId: 'axe-1', name: 'Axe 1', template: EOA });
  return doc;
}

/** A schema-1 room as an earlier Concerto stored it: no zones, no template. */
function schemaOneBoard(): Y.Doc {
  const doc = new Y.Doc();
  const meta = getMetaMap(doc);
  meta.set('schema', 1);
  meta.set('groupId', 'groupe-1');
  meta.set('name', 'Groupe 1');
  createNote(doc, { id: 'n1', text: 'Mobilité douce', x: 10, y: 20, author: 'Ana', createdAt: 1 });
  createCluster(doc, { id: 'c1', label: 'Transports', x: 0, y: 0 });
  setNoteCluster(doc, 'n1', 'c1');
  markKeyIdea(doc, { noteId: 'n1' }, 2, { id: 'k1' });
  return doc;
}

describe('R25 templates and zones', () => {
  it('R25 « Enjeux – Objectifs – Actions » gives five zones with their questions, in order', () => {
    const zones = listZones(zoned());
    expect(zones.map((zone) => zone.title)).toEqual([
      'Ce qui a été identifié en concertation précédente',
      'Enjeux',
      'Objectifs',
      'Actions',
      'Actions prioritaires',
    ]);
    expect(zones[1]!.question).toBe('Quels enjeux sont pour nous les plus importants et comment les (re)formulons-nous ?');
    expect(zones[2]!.question).toBe('À quoi serons-nous arrivés dans 3 ou 4 ans ?');
    expect(zones[3]).toMatchObject({ question: 'Quelles sont les actions à mettre en œuvre ?', keyIdeaLimit: 3 });
    expect(zones[0]!.readOnly).toBe(true);
    expect(zones.slice(1).every((zone) => !zone.readOnly)).toBe(true);
    expect(readMeta(zoned())).toMatchObject({ schema: 2, template: 'enjeux-objectifs-actions' });
  });

  it('R25 « Libre » and no template give a board without zones', () => {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'g', name: 'G', template: { kind: 'libre' } });
    expect(listZones(doc)).toEqual([]);
    expect(readMeta(doc).template).toBe('libre');
    expect(templateZones(null)).toEqual([]);
  });

  it('R25 custom zones get ids zone-1… and at most MAX_ZONES are written', () => {
    const zones = Array.from({ length: MAX_ZONES + 2 }, (_, i) => ({ title: `Zone ${i + 1}`, question: `Question ${i + 1} ?` }));
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'g', name: 'G', template: { kind: 'custom', zones } });
    const read = listZones(doc);
    expect(read).toHaveLength(MAX_ZONES);
    expect(read[0]).toEqual({ id: 'zone-1', title: 'Zone 1', question: 'Question 1 ?', keyIdeaLimit: null, readOnly: false });
  });

  it('R20 R25 initialising again writes nothing, even with another template', () => {
    const doc = zoned();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    initBoard(doc, { groupId: 'axe-1', name: 'Axe 1', template: EOA });
    initBoard(doc, { groupId: 'axe-1', name: 'Axe 1', template: { kind: 'custom', zones: [{ title: 'Autre' }] } });
    expect(updates).toHaveLength(0);
    expect(listZones(doc)).toHaveLength(ENJEUX_OBJECTIFS_ACTIONS_ZONES.length);
  });

  it('R25 two replicas initialising at once converge on one zone per id', () => {
    const a = zoned();
    const b = zoned();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getZonesArray(a).length).toBe(10);
    expect(listZones(a)).toEqual(listZones(b));
    expect(listZones(a).map((zone) => zone.id)).toEqual(['precedent', 'enjeux', 'objectifs', 'actions', 'prioritaires']);
  });

  it('R5 R25 unreadable zone entries are skipped and fields defaulted', () => {
    const doc = new Y.Doc();
    const array = getZonesArray(doc);
    const garbage = new Y.Map<unknown>();
    const noId = new Y.Map<unknown>();
    const odd = new Y.Map<unknown>();
    array.push(['a string', 42, garbage, noId, odd]);
    garbage.set('id', '');
    noId.set('title', 'Sans id');
    odd.set('id', 'z');
    odd.set('title', 7);
    odd.set('question', new Y.Text('Pourquoi ?'));
    odd.set('keyIdeaLimit', 2.5);
    odd.set('readOnly', 'yes');
    expect(listZones(doc)).toEqual([{ id: 'z', title: '', question: 'Pourquoi ?', keyIdeaLimit: null, readOnly: false }]);
    expect(() => snapshotBoard(doc)).not.toThrow();
  });
});

describe('R25 migration from schema 1', () => {
  it('R25 a schema-1 board becomes schema 2 without zones, its content untouched, whatever the template', () => {
    const doc = schemaOneBoard();
    const before = snapshotBoard(doc);
    expect(before.meta.schema).toBe(1);
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1', template: EOA });
    const after = snapshotBoard(doc);
    expect(after.meta).toEqual({ schema: 2, groupId: 'groupe-1', name: 'Groupe 1', template: 'libre' });
    expect(after.zones).toEqual([]);
    expect(after.notes).toEqual(before.notes);
    expect(after.clusters).toEqual(before.clusters);
    expect(after.keyIdeas).toEqual(before.keyIdeas);
    expect(after.notes[0]).toMatchObject({ zone: null, cluster: 'c1' });
  });

  it('R20 R25 the migration is idempotent: a second load writes nothing', () => {
    const doc = schemaOneBoard();
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1', template: EOA });
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1', template: EOA });
    expect(updates).toHaveLength(0);
  });
});

describe('R26 notes and clusters live in a zone', () => {
  it('R26 a note is in the zone it was written in; none, unknown or read-only reads as the first writable zone', () => {
    const doc = zoned();
    createNote(doc, { id: 'a', x: 0, y: 0, author: 'A', zone: 'objectifs' });
    createNote(doc, { id: 'b', x: 0, y: 0, author: 'A' });
    createNote(doc, { id: 'c', x: 0, y: 0, author: 'A', zone: 'nowhere' });
    createNote(doc, { id: 'd', x: 0, y: 0, author: 'A', zone: 'precedent' });
    (getNotesMap(doc).get('b') as Y.Map<unknown>).set('zone', 12);
    expect(listNotes(doc).map((note) => [note.id, note.zone])).toEqual([
      ['a', 'objectifs'],
      ['b', 'enjeux'],
      ['c', 'enjeux'],
      ['d', 'enjeux'],
    ]);
  });

  it('R26 a clustered note is in its cluster’s zone, and keeps it when the cluster goes', () => {
    const doc = zoned();
    createCluster(doc, { id: 'c', x: 0, y: 0, zone: 'actions' });
    createNote(doc, { id: 'n', x: 0, y: 0, author: 'A', zone: 'objectifs' });
    setNoteCluster(doc, 'n', 'c');
    expect(readNote('n', getNotesMap(doc).get('n'))?.zone).toBe('actions');
    deleteCluster(doc, 'c');
    expect(readNote('n', getNotesMap(doc).get('n'))).toMatchObject({ zone: 'actions', cluster: null });
  });

  it('R26 setNoteZone moves a note (and out of a cluster of another zone); it refuses read-only and unknown zones', () => {
    const doc = zoned();
    createCluster(doc, { id: 'c', x: 0, y: 0, zone: 'enjeux' });
    createNote(doc, { id: 'n', x: 0, y: 0, author: 'A', cluster: 'c' });
    expect(setNoteZone(doc, 'n', 'actions', { x: 900, y: 200 })).toBe(true);
    expect(readNote('n', getNotesMap(doc).get('n'))).toMatchObject({ zone: 'actions', cluster: null, x: 900, y: 200 });
    expect(setNoteZone(doc, 'n', 'precedent')).toBe(false);
    expect(setNoteZone(doc, 'n', 'nowhere')).toBe(false);
    expect(setNoteZone(doc, 'missing', 'enjeux')).toBe(false);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(setNoteZone(doc, 'n', 'actions')).toBe(true);
    expect(updates).toHaveLength(0);
  });

  it('R26 a cluster made from notes is in the first note’s zone, and setClusterZone takes its notes along', () => {
    const doc = zoned();
    createNote(doc, { id: 'a', x: 0, y: 0, author: 'A', zone: 'objectifs' });
    createNote(doc, { id: 'b', x: 0, y: 0, author: 'A', zone: 'enjeux' });
    const id = createClusterFromNotes(doc, ['a', 'b'])!;
    expect(listNotes(doc).map((note) => note.zone)).toEqual(['objectifs', 'objectifs']);
    expect(setClusterZone(doc, id, 'actions')).toBe(true);
    expect(listClusters(doc)[0]!.zone).toBe('actions');
    expect(listNotes(doc).map((note) => note.zone)).toEqual(['actions', 'actions']);
    expect(setClusterZone(doc, id, 'precedent')).toBe(false);
  });
});

describe('R27 key ideas are counted per zone', () => {
  function withNotes(): Y.Doc {
    const doc = zoned();
    for (let i = 0; i < 5; i++) createNote(doc, { id: `a${i}`, text: `Action ${i}`, x: 0, y: 0, author: 'A', zone: 'actions', createdAt: i });
    for (let i = 0; i < 3; i++) createNote(doc, { id: `e${i}`, text: `Enjeu ${i}`, x: 0, y: 0, author: 'A', zone: 'enjeux', createdAt: 10 + i });
    return doc;
  }

  it('R27 the « Actions » zone takes 3 key ideas, another zone the session limit', () => {
    const doc = withNotes();
    const results = [0, 1, 2, 3].map((i) => markKeyIdea(doc, { noteId: `a${i}` }, 2));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toEqual({ ok: false, reason: 'limit' });
    expect([0, 1, 2].map((i) => markKeyIdea(doc, { noteId: `e${i}` }, 2).ok)).toEqual([true, true, false]);
    expect(markKeyIdea(doc, { text: 'Libre' }, 2, { zone: 'objectifs' })).toMatchObject({ ok: true });
    const zones = effectiveKeyIdeas(doc, 2).map((idea) => idea.zone);
    expect(zones).toEqual(['actions', 'actions', 'actions', 'enjeux', 'enjeux', 'objectifs']);
    expect(keyIdeaCapacity(listZones(doc), 2)).toBe(2 + 2 + 3 + 4);
    expect(keyIdeaCapacity([], 2)).toBe(2);
    // What people are told: each zone they write in, never the sum (the carried-over zone is not theirs).
    expect(keyIdeasPerZone(listZones(doc), effectiveKeyIdeas(doc, 2), 2).map((z) => [z.id, z.count, z.limit])).toEqual([
      ['enjeux', 2, 2], ['objectifs', 1, 2], ['actions', 3, 3], ['prioritaires', 0, 4],
    ]);
    expect(keyIdeasPerZone([], effectiveKeyIdeas(doc, 2), 2)).toEqual([]);
  });

  it('R12 R27 the server trims each zone to its own limit after concurrent marks', () => {
    const a = withNotes();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const i of [0, 1]) markKeyIdea(a, { noteId: `a${i}` }, 2);
    for (const i of [2, 3]) markKeyIdea(b, { noteId: `a${i}` }, 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(effectiveKeyIdeas(a, 2)).toHaveLength(3);
    expect(trimKeyIdeas(a, 2)).toBe(1);
    expect(getKeyIdeasArray(a).length).toBe(3);
    expect(trimKeyIdeas(a, 2)).toBe(0);
  });

  it('R27 a key idea keeps the zone it was marked in when its note moves', () => {
    const doc = withNotes();
    markKeyIdea(doc, { noteId: 'e0' }, 2, { id: 'k' });
    setNoteZone(doc, 'e0', 'actions');
    expect(effectiveKeyIdeas(doc, 2)[0]).toMatchObject({ id: 'k', zone: 'enjeux' });
  });
});

describe('R28 zones on the desktop canvas', () => {
  it('R28 zones are columns side by side; a drop lands in the column under the note’s centre, or the nearest', () => {
    const zones = listZones(zoned());
    const frames = zoneFrames(zones);
    expect(frames.map((frame) => frame.id)).toEqual(zones.map((zone) => zone.id));
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.x).toBeGreaterThan(frames[i - 1]!.x + frames[i - 1]!.width);
    const inside = (i: number) => ({ x: frames[i]!.x + 10, y: 300 });
    expect(zoneAt(zones, inside(2))).toBe('objectifs');
    expect(zoneAt(zones, { x: -5000, y: 0 })).toBe('precedent');
    expect(zoneAt(zones, { x: 1e6, y: 0 })).toBe('prioritaires');
    expect(zoneAt([], { x: 0, y: 0 })).toBeNull();
  });

  it('R28 a note moved to a zone without a drop gets a free place below its heading', () => {
    const frame = zoneFrames(listZones(zoned()))[3]!;
    const first = freeSpotInZone(frame, []);
    expect(first.y).toBe(frame.y + ZONE_HEADER);
    expect(first.x).toBeGreaterThanOrEqual(frame.x);
    const second = freeSpotInZone(frame, [{ ...first, width: NOTE_WIDTH, height: 10 }]);
    expect(second.x).toBeGreaterThan(first.x);
    expect(second.x + NOTE_WIDTH).toBeLessThanOrEqual(frame.x + frame.width);
  });
});

describe('action sheets on a zoned board (SPEC S6)', () => {
  it('are for the priority actions on « Enjeux – Objectifs – Actions », for every key idea elsewhere', () => {
    const zones = listZones(zoned());
    expect(takesActionSheet(zones, { zone: PRIORITY_ACTIONS_ZONE })).toBe(true);
    expect(takesActionSheet(zones, { zone: 'actions' })).toBe(false);
    expect(takesActionSheet(zones, { zone: 'enjeux' })).toBe(false);
    expect(takesActionSheet([], { zone: null })).toBe(true);
    const custom = templateZones({ kind: 'custom', zones: [{ title: 'Idées' }] }).map((spec) => ({ ...spec, keyIdeaLimit: null, readOnly: false }));
    expect(takesActionSheet(custom, { zone: 'zone-1' })).toBe(true);
  });
});
