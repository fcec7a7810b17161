import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '@concerto/board';

import { draftPlacer, revealDrafts } from './drafts.js';

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
