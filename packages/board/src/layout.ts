/**
 * Where clusters go (SPEC R22, R23): a new cluster takes a free place inside the part of the
 * board the person sees, and a cluster that grows or lands on others pushes them out of its
 * way. Pure geometry on rectangles in canvas units; `spreadClusters` applies the push to a
 * document.
 */
import type * as Y from 'yjs';

import { clusterBounds } from './geometry.js';
import type { Point, Rect } from './geometry.js';
import { listClusters, listNotes } from './read.js';
import { moveCluster } from './clusters.js';

/** Space kept between two cluster frames (and between a new cluster and anything else). */
export const CLUSTER_SPACING = 24;

function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The frame of an empty cluster whose header starts at `origin`. */
export function emptyClusterFrame(origin: Point): Rect {
  return clusterBounds(origin, []);
}

/**
 * R22: the origin (header corner) for a new empty cluster. Candidates lie on a grid around the
 * centre of `view` (the visible part of the board, toolbars excluded), nearest first; the first
 * one whose frame is inside `view` and keeps `CLUSTER_SPACING` from every occupied rectangle
 * wins. When the view is full, the nearest free place outside it (the caller then pans to it);
 * when there is none within reach, the centre itself.
 */
export function placeNewCluster(view: Rect, occupied: readonly Rect[]): Point {
  const size = emptyClusterFrame({ x: 0, y: 0 });
  const cx = view.x + view.width / 2 - size.width / 2;
  const cy = view.y + view.height / 2 - size.height / 2;
  const step = 40;
  const candidates: Point[] = [];
  const reach = 40;
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) candidates.push({ x: Math.round(cx + dx * step), y: Math.round(cy + dy * step) });
  }
  const distance = (p: Point) => (p.x - cx) ** 2 + (p.y - cy) ** 2;
  // Ties (same distance) are broken by reading order, so every client picks the same spot.
  candidates.sort((a, b) => distance(a) - distance(b) || a.y - b.y || a.x - b.x);
  const free = (p: Point) => !occupied.some((o) => overlaps(emptyClusterFrame(p), o, CLUSTER_SPACING));
  const inView = candidates.find((p) => inside(emptyClusterFrame(p), view) && free(p));
  if (inView !== undefined) return inView;
  return candidates.find(free) ?? { x: Math.round(cx), y: Math.round(cy) };
}

export interface PlacedRect {
  id: string;
  rect: Rect;
}

/**
 * R23: moves that clear `CLUSTER_SPACING` around the cluster `anchorId`. Each cluster in the
 * way moves right or down, whichever is the shorter way out (right on a tie), and whatever it
 * then runs into moves in turn, in reading order. The anchor itself never moves. Returns the
 * delta per moved cluster id (others are absent).
 */
export function pushApart(anchorId: string, rects: readonly PlacedRect[]): Map<string, Point> {
  const current = new Map(rects.map((r) => [r.id, { ...r.rect }]));
  const moves = new Map<string, Point>();
  const anchor = current.get(anchorId);
  if (anchor === undefined) return moves;
  const settled = [anchorId];
  // Pushes only go right or down, so this ends; the bound guards against a bug, not a case.
  for (let round = 0; round < settled.length && round < rects.length ** 2; round++) {
    const pusherId = settled[round]!;
    const pusher = current.get(pusherId)!;
    const inWay = [...current.entries()]
      .filter(([id, rect]) => id !== pusherId && id !== anchorId && overlaps(rect, pusher, CLUSTER_SPACING - 1e-9))
      .sort(([, a], [, b]) => a.y - b.y || a.x - b.x);
    for (const [id, rect] of inWay) {
      const right = pusher.x + pusher.width + CLUSTER_SPACING - rect.x;
      const down = pusher.y + pusher.height + CLUSTER_SPACING - rect.y;
      const delta = right <= down ? { x: right, y: 0 } : { x: 0, y: down };
      rect.x += delta.x;
      rect.y += delta.y;
      const before = moves.get(id) ?? { x: 0, y: 0 };
      moves.set(id, { x: before.x + delta.x, y: before.y + delta.y });
      settled.push(id);
    }
  }
  return moves;
}

/** Every cluster's frame, from the document. */
export function clusterFrames(doc: Y.Doc): PlacedRect[] {
  const notes = listNotes(doc);
  return listClusters(doc).map((cluster) => ({
    id: cluster.id,
    rect: clusterBounds(cluster, notes.filter((n) => n.cluster === cluster.id)),
  }));
}

/**
 * Applies R23 to a document: the clusters in the way of `clusterId` move (with their notes,
 * R13) in one transaction. Returns how many moved.
 */
export function spreadClusters(doc: Y.Doc, clusterId: string, origin?: unknown): number {
  const moves = pushApart(clusterId, clusterFrames(doc));
  if (moves.size === 0) return 0;
  const clusters = new Map(listClusters(doc).map((c) => [c.id, c]));
  doc.transact(() => {
    for (const [id, delta] of moves) {
      const cluster = clusters.get(id);
      if (cluster !== undefined) moveCluster(doc, id, cluster.x + delta.x, cluster.y + delta.y, {}, origin);
    }
  }, origin);
  return moves.size;
}
