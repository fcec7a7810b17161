import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { createCluster, setNoteCluster, setNoteZone } from './clusters.js';
import { markKeyIdea, trimKeyIdeas } from './keyIdeas.js';
import { createNote } from './notes.js';
import { effectiveKeyIdeas, listClusters, listNotes } from './read.js';
import { getClustersMap, getKeyIdeasArray, getNotesMap, initBoard } from './schema.js';
import { listZones, zoneAt, zoneFrames } from './zones.js';
import { settleReadOnlyZones } from './zoneGuard.js';

function zoned(template: 'enjeux-objectifs-actions' | 'libre' = 'enjeux-objectifs-actions'): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { groupId: 'axe-1', name: 'Axe 1', template: { kind: template } });
  return doc;
}

/** Where a client that skips every check (an old or hostile one) puts a note: raw fields. */
function rawNote(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  getNotesMap(doc).set(id, map);
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  map.set('text', new Y.Text('écrit en douce'));
}

describe('read-only zones hold nothing of the participants (SPEC R33)', () => {
  it('moves a note written into the carry-over zone, by field or by position, to a zone people write in', () => {
    const doc = zoned();
    const precedent = zoneFrames([{ id: 'precedent', title: '', question: '', keyIdeaLimit: null, readOnly: true }])[0]!;
    rawNote(doc, 'by-field', { zone: 'precedent', x: 900, y: 200 });
    rawNote(doc, 'by-place', { zone: 'objectifs', x: precedent.x + 40, y: 300 });
    createNote(doc, { id: 'honest', text: 'Un enjeu', x: 900, y: 200, zone: 'enjeux', author: 'Ana' });
    const origin = Symbol('server');
    const seen: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(tr.origin));

    expect(settleReadOnlyZones(doc, { notes: ['by-field', 'by-place', 'honest'], clusters: [] }, origin)).toBe(2);
    expect(seen).toEqual([origin]);
    const notes = new Map(listNotes(doc).map((note) => [note.id, note]));
    // No field guessed: the default zone; a writable field kept, the note brought inside it.
    expect(notes.get('by-field')!.zone).toBe('enjeux');
    expect(notes.get('by-place')!.zone).toBe('objectifs');
    for (const note of notes.values()) expect(zoneAt(listZones(doc), note)).toBe(note.zone);
    expect(notes.get('honest')).toMatchObject({ x: 900, y: 200, zone: 'enjeux' });
    // Nothing wrong any more: nothing written.
    expect(settleReadOnlyZones(doc, null, origin)).toBe(0);
    expect(seen).toEqual([origin]);
  });

  it('moves a cluster set into the carry-over zone with its notes', () => {
    const doc = zoned();
    createCluster(doc, { id: 'c1', label: 'Ensemble', x: 900, y: 200, zone: 'actions' });
    createNote(doc, { id: 'n1', text: 'Une action', x: 910, y: 260, zone: 'actions', author: 'Ana' });
    setNoteCluster(doc, 'n1', 'c1');
    const map = getClustersMap(doc).get('c1') as Y.Map<unknown>;
    map.set('zone', 'precedent');
    map.set('x', 30);
    expect(settleReadOnlyZones(doc, { notes: [], clusters: ['c1'] })).toBe(1);
    const cluster = listClusters(doc)[0]!;
    expect(cluster.zone).toBe('enjeux');
    expect(listNotes(doc)[0]!.zone).toBe('enjeux');
    expect(zoneAt(listZones(doc), cluster)).toBe('enjeux');
  });

  it('leaves boards without a read-only zone alone, and only checks what was touched', () => {
    const libre = zoned('libre');
    rawNote(libre, 'n', { x: -500, y: 0 });
    expect(settleReadOnlyZones(libre, null)).toBe(0);

    const doc = zoned();
    rawNote(doc, 'untouched', { zone: 'precedent', x: 0, y: 0 });
    createNote(doc, { id: 'n2', text: 'x', x: 900, y: 200, zone: 'enjeux', author: 'Ana' });
    expect(setNoteZone(doc, 'n2', 'precedent', { x: 0, y: 0 })).toBe(false);
    expect(settleReadOnlyZones(doc, { notes: ['n2'], clusters: [] })).toBe(0);
    expect(settleReadOnlyZones(doc, null)).toBe(1);
  });

  it('takes no key idea in a read-only zone: refused, and trimmed when a client writes one anyway', () => {
    const doc = zoned();
    expect(markKeyIdea(doc, { text: 'Dans la zone reprise' }, 2, { zone: 'precedent' })).toEqual({ ok: false, reason: 'limit' });
    for (const [id, zone] of [['k1', 'precedent'], ['k2', 'enjeux']]) {
      const entry = new Y.Map<unknown>();
      getKeyIdeasArray(doc).push([entry]);
      entry.set('id', id);
      entry.set('zone', zone);
      entry.set('text', new Y.Text('écrite en douce'));
    }
    // The same entry in a zone people write in counts: only the read-only one is dropped.
    expect(effectiveKeyIdeas(doc, 2).map((idea) => idea.id)).toEqual(['k2']);
    expect(trimKeyIdeas(doc, 2)).toBe(1);
    expect(getKeyIdeasArray(doc).length).toBe(1);
  });
});
