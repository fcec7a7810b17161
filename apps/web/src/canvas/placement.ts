import type { BoardStore } from '../sync/boardStore.js';
import { freeSpot, noteRect, unionRects, zoneFrames } from '@concerto/board';
import type { Point, Rect } from '@concerto/board';

/** What covers the canvas: every cluster frame and every free note. */
export function occupiedRects(store: BoardStore): Rect[] {
  const rects: Rect[] = [];
  for (const cluster of store.allClusters()) rects.push(cluster.bounds);
  for (const note of store.allNotes()) if (note.cluster === null) rects.push(noteRect(note));
  return rects;
}

/** A free place for a note near `center`. */
export function spotNear(store: BoardStore, center: Point): Point {
  return freeSpot(center, occupiedRects(store));
}

/**
 * Everything on the canvas, for « Tout afficher »: the zones too, when the board has some — but
 * not an empty read-only zone, so that people arrive where they write. `carriedOver`: the
 * read-only zone shows what an earlier concertation identified (useBoardBounds), so it counts.
 */
export function contentBounds(store: BoardStore, carriedOver = false): Rect | null {
  const zones = store.getZones();
  const used = new Set([...store.allNotes()].map((note) => note.zone));
  const rects: Rect[] = zoneFrames(zones).filter((_frame, i) => !zones[i]!.readOnly || carriedOver || used.has(zones[i]!.id));
  for (const cluster of store.allClusters()) rects.push(cluster.bounds);
  for (const note of store.allNotes()) rects.push(noteRect(note));
  return unionRects(rects);
}
