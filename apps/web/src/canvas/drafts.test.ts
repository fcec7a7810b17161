import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, initBoard, listNotes, listZones, noteRect, zoneFrames } from '@concerto/board';

import { draftPlacer, revealDrafts, zonedDraftPlacer } from './drafts.js';

function draftsWith(...texts: string[]): Y.Doc {
  const doc = new Y.Doc();
  texts.forEach((text, i) => createNote(doc, { id: `d${i}`, text, x: i * 10, y: 0, author: 'Marie', createdAt: 1000 + i }));
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('revealing drafts', () => {
  it('moves every draft into the shared document, with its text, colour, author and time, and empties the drafts', () => {
    const drafts = draftsWith('Accès non numérique', 'Matériel obsolète');
    const shared = new Y.Doc();
    expect(revealDrafts(drafts, shared)).toBe(2);
    expect(listNotes(shared).map((n) => [n.id, n.text, n.author, n.createdAt])).toEqual([
      ['d0', 'Accès non numérique', 'Marie', 1000],
      ['d1', 'Matériel obsolète', 'Marie', 1001],
    ]);
    expect(listNotes(drafts)).toEqual([]);
  });

  it('is idempotent: a second reveal creates nothing', () => {
    const drafts = draftsWith('Une idée');
    const shared = new Y.Doc();
    revealDrafts(drafts, shared);
    expect(revealDrafts(drafts, shared)).toBe(0);
    expect(listNotes(shared)).toHaveLength(1);
  });

  it('does not overwrite a note already revealed from the same draft (another tab of the device)', () => {
    const tabA = draftsWith('Une idée');
    const tabB = new Y.Doc();
    Y.applyUpdate(tabB, Y.encodeStateAsUpdate(tabA));
    const shared = new Y.Doc();
    revealDrafts(tabA, shared);
    // Someone edits the revealed note; the other tab's late reveal must not undo it.
    const text = (shared.getMap('notes').get('d0') as Y.Map<unknown>).get('text') as Y.Text;
    text.insert(text.length, ' (complétée)');
    expect(revealDrafts(tabB, shared)).toBe(0);
    expect(listNotes(shared).map((n) => n.text)).toEqual(['Une idée (complétée)']);
  });

  it('two replicas revealing the same draft concurrently converge to one note', () => {
    const tabA = draftsWith('Une idée');
    const tabB = new Y.Doc();
    Y.applyUpdate(tabB, Y.encodeStateAsUpdate(tabA));
    const replicaA = new Y.Doc();
    const replicaB = new Y.Doc();
    revealDrafts(tabA, replicaA);
    revealDrafts(tabB, replicaB);
    sync(replicaA, replicaB);
    expect(listNotes(replicaA)).toHaveLength(1);
    expect(listNotes(replicaB).map((n) => n.text)).toEqual(['Une idée']);
  });

  it('keeps the first person\'s drafts where they were written, and moves the next person\'s batch to a zone of its own', () => {
    const first = new Y.Doc();
    revealDrafts(draftsWith('a'), first, { place: draftPlacer([], 0) });
    expect(listNotes(first).map((n) => [n.x, n.y])).toEqual([[0, 0]]);
    const second = new Y.Doc();
    revealDrafts(draftsWith('b'), second, { place: draftPlacer([], 1) });
    const [moved] = listNotes(second);
    expect(moved!.x).toBeGreaterThan(216);
    expect(moved!.y).toBe(0);
  });

  it('places revealed drafts on free spots, away from notes already there', () => {
    const drafts = draftsWith('a', 'b');
    const shared = new Y.Doc();
    const place = draftPlacer([{ x: 0, y: 0, width: 5000, height: 5000 }], 0);
    revealDrafts(drafts, shared, { place });
    const [a, b] = listNotes(shared);
    expect(a!.x !== b!.x || a!.y !== b!.y).toBe(true);
    for (const note of [a!, b!]) expect(note.x >= 5000 || note.y >= 5000 || note.x + 216 <= 0 || note.y + 168 <= 0).toBe(true);
  });
});

describe('revealing drafts on a board with zones', () => {
  it('keeps each draft in the zone it was written in (a read-only zone gives way), under the heading, and apart from another person’s batch', () => {
    const shared = new Y.Doc();
    initBoard(shared, { groupId: 'axe-1', name: 'Axe 1', template: { kind: 'enjeux-objectifs-actions' } });
    const zones = listZones(shared);
    const frames = new Map(zoneFrames(zones).map((frame) => [frame.id, frame]));
    const drafts = new Y.Doc();
    const over = (id: string) => ({ x: frames.get(id)!.x + 40, y: 400 });
    createNote(drafts, { id: 'a', text: 'Un objectif', ...over('objectifs'), author: 'Marie', createdAt: 1 });
    createNote(drafts, { id: 'b', text: 'Une action', ...over('actions'), author: 'Marie', createdAt: 2 });
    createNote(drafts, { id: 'c', text: 'Sur la zone reprise', ...over('precedent'), author: 'Marie', createdAt: 3 });
    const mine = zonedDraftPlacer(zones, [], 0);
    expect(revealDrafts(drafts, shared, { place: mine })).toBe(3);
    expect(listNotes(shared).map((n) => [n.id, n.zone])).toEqual([['a', 'objectifs'], ['b', 'actions'], ['c', 'enjeux']]);
    for (const note of listNotes(shared)) {
      const frame = frames.get(note.zone!)!;
      expect(note.x).toBeGreaterThanOrEqual(frame.x);
      expect(note.x).toBeLessThan(frame.x + frame.width);
    }
    // Someone else, revealing at the same moment without seeing these notes, lands elsewhere.
    const theirs = zonedDraftPlacer(zones, [], 1)({ ...listNotes(shared)[0]!, id: 'z' });
    const taken = listNotes(shared).map((n) => noteRect(n));
    expect(taken.some((r) => r.x < theirs.x + r.width && theirs.x < r.x + r.width && r.y < theirs.y + r.height && theirs.y < r.y + r.height)).toBe(false);
  });
});
