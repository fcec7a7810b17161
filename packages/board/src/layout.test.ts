import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';

import { createCluster, createClusterFromNotes } from './clusters.js';
import { clusterBounds, NOTE_HEIGHT, NOTE_WIDTH } from './geometry.js';
import type { Rect } from './geometry.js';
import { CLUSTER_SPACING, clusterFrames, emptyClusterFrame, placeNewCluster, pushApart, spreadClusters } from './layout.js';
import { createNote } from './notes.js';
import { listNotes, notesInCluster, readCluster } from './read.js';
import { getClustersMap } from './schema.js';

const clear = (a: Rect, b: Rect) =>
  a.x + a.width + CLUSTER_SPACING <= b.x || b.x + b.width + CLUSTER_SPACING <= a.x ||
  a.y + a.height + CLUSTER_SPACING <= b.y || b.y + b.height + CLUSTER_SPACING <= a.y;
const within = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('R22 a new cluster takes a free place in view', () => {
  const view = { x: -200, y: -300, width: 1100, height: 640 };

  it('on an empty board, in the middle of the view', () => {
    const at = placeNewCluster(view, []);
    const frame = emptyClusterFrame(at);
    expect(within(frame, view)).toBe(true);
    expect(Math.abs(frame.x + frame.width / 2 - (view.x + view.width / 2))).toBeLessThan(40);
  });

  it('beside what is already there, never under it, and still in view', () => {
    const occupied = [
      { x: 200, y: -100, width: 400, height: 300 },
      { x: -100, y: -250, width: NOTE_WIDTH, height: NOTE_HEIGHT },
    ];
    const frame = emptyClusterFrame(placeNewCluster(view, occupied));
    expect(within(frame, view)).toBe(true);
    for (const o of occupied) expect(clear(frame, o)).toBe(true);
  });

  it('outside the view only when the view is full, and then next to it', () => {
    const full = [{ x: view.x - 10, y: view.y - 10, width: view.width + 20, height: view.height + 20 }];
    const frame = emptyClusterFrame(placeNewCluster(view, full));
    expect(clear(frame, full[0]!)).toBe(true);
    expect(Math.abs(frame.x - view.x)).toBeLessThan(2000);
  });

  it('is the same on every client', () => {
    const occupied = [{ x: 0, y: 0, width: 500, height: 500 }];
    expect(placeNewCluster(view, occupied)).toEqual(placeNewCluster(view, [...occupied]));
  });
});

describe('R23 a cluster pushes the clusters in its way', () => {
  it('moves a covered neighbour right or down, the shorter way, by just enough', () => {
    const a = { x: 0, y: 0, width: 500, height: 300 };
    const b = { x: 450, y: 100, width: 248, height: 244 };
    const moves = pushApart('a', [{ id: 'a', rect: a }, { id: 'b', rect: b }]);
    expect(moves.get('b')).toEqual({ x: 500 + CLUSTER_SPACING - 450, y: 0 });
    expect(moves.has('a')).toBe(false);
  });

  it('cascades: what the pushed cluster now covers moves too, and nothing overlaps after', () => {
    const rects = [
      { id: 'a', rect: { x: 0, y: 0, width: 600, height: 300 } },
      { id: 'b', rect: { x: 560, y: 0, width: 248, height: 244 } },
      { id: 'c', rect: { x: 820, y: 20, width: 248, height: 244 } },
    ];
    const moves = pushApart('a', rects);
    const after = rects.map((r) => ({ ...r.rect, x: r.rect.x + (moves.get(r.id)?.x ?? 0), y: r.rect.y + (moves.get(r.id)?.y ?? 0) }));
    for (let i = 0; i < after.length; i++) for (let j = i + 1; j < after.length; j++) expect(clear(after[i]!, after[j]!)).toBe(true);
  });

  it('leaves clusters that are already clear where they are', () => {
    const moves = pushApart('a', [
      { id: 'a', rect: { x: 0, y: 0, width: 248, height: 244 } },
      { id: 'b', rect: { x: 248 + CLUSTER_SPACING, y: 0, width: 248, height: 244 } },
    ]);
    expect(moves.size).toBe(0);
  });

  it('in a document: a cluster that grew moves its neighbour and the neighbour’s notes, in one transaction', () => {
    const doc = new Y.Doc();
    createNote(doc, { id: 'n1', x: 16, y: 60, text: 'un', author: 'A' });
    createNote(doc, { id: 'n2', x: 244, y: 60, text: 'deux', author: 'A' });
    createClusterFromNotes(doc, ['n1'], { id: 'a', x: 0, y: 0 });
    createNote(doc, { id: 'n3', x: 316, y: 60, text: 'trois', author: 'A' });
    createClusterFromNotes(doc, ['n3'], { id: 'b', x: 300, y: 0 });
    // n2 joins a: a's frame now reaches x = 244 + 216 + 16 and covers b
    const before = notesInCluster(doc, 'b')[0]!;
    let updates = 0;
    doc.on('update', () => updates++);
    doc.transact(() => {
      const n2 = doc.getMap('notes').get('n2') as Y.Map<unknown>;
      n2.set('cluster', 'a');
    });
    updates = 0;
    expect(spreadClusters(doc, 'a')).toBe(1);
    expect(updates).toBe(1);
    const frames = clusterFrames(doc);
    expect(clear(frames.find((f) => f.id === 'a')!.rect, frames.find((f) => f.id === 'b')!.rect)).toBe(true);
    const moved = readCluster('b', getClustersMap(doc).get('b'))!;
    const after = notesInCluster(doc, 'b')[0]!;
    expect(after.x - before.x).toBe(moved.x - 300);
    expect(clusterBounds(moved, [after]).x).toBeGreaterThanOrEqual(244 + NOTE_WIDTH + 16 + CLUSTER_SPACING);
    expect(listNotes(doc)).toHaveLength(3);
  });

  it('writes nothing when nothing is in the way', () => {
    const doc = new Y.Doc();
    createCluster(doc, { id: 'a', x: 0, y: 0 });
    createCluster(doc, { id: 'b', x: 1000, y: 0 });
    let updates = 0;
    doc.on('update', () => updates++);
    expect(spreadClusters(doc, 'a')).toBe(0);
    expect(spreadClusters(doc, 'missing')).toBe(0);
    expect(updates).toBe(0);
  });
});
