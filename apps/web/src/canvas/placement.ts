import type { BoardStore } from '../sync/boardStore.js';
import type { ViewportStore } from './viewport.js';
import { freeSpot, NOTE_HEIGHT, noteRect, unionRects, ZONE_HEADER, zoneFrames } from '@concerto/board';
import { READABLE_ZOOM } from './viewport.js';
import type { Point, Rect, Zone } from '@concerto/board';

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
 * Everything on the canvas, for « Tout afficher » and the arrival view. On a board with zones,
 * the zones that hold notes or clusters, so that the empty columns of five side by side do not
 * shrink the notes to nothing; while the board is empty, the zones people write in. Whole
 * frames, taller than most screens: the fit shows their top. `carriedOver`: the read-only zone
 * shows what an earlier concertation identified (useBoardBounds), so it counts. `focus`: a zone
 * the view is for (the arrival view of the action-sheet phase, boardBounds.ts), alone when the
 * board has it.
 */
export function contentBounds(store: BoardStore, carriedOver = false, focus: string | null = null): Rect | null {
  const zones = store.getZones();
  const focused = focus === null ? -1 : zones.findIndex((zone) => zone.id === focus);
  if (focused >= 0) {
    // One zone's column and what is in it: at a readable zoom, five columns side by side left
    // the one the phase is about 1,700 px to the right, behind the carried-over axis.
    const rects: Rect[] = [zoneFrames(zones)[focused]!];
    for (const cluster of store.allClusters()) if (cluster.zone === focus) rects.push(cluster.bounds);
    for (const note of store.allNotes()) if (note.zone === focus) rects.push(noteRect(note));
    return unionRects(rects);
  }
  const used = new Set<string | null>();
  for (const note of store.allNotes()) used.add(note.zone);
  for (const cluster of store.allClusters()) used.add(cluster.zone);
  const written = zones.some((zone) => used.has(zone.id));
  const rects: Rect[] = zoneFrames(zones).filter((_frame, i) => {
    const zone = zones[i]!;
    return zone.readOnly ? carriedOver || used.has(zone.id) : written ? used.has(zone.id) : true;
  });
  for (const cluster of store.allClusters()) rects.push(cluster.bounds);
  for (const note of store.allNotes()) rects.push(noteRect(note));
  return unionRects(rects);
}

/**
 * « Tout afficher »: the board's content (contentBounds); a zoned board never below a readable
 * zoom, the zones that do not fit left to panning (a 5-zone board fitted whole was at 21 %).
 */
export function fitBoard(viewport: ViewportStore, store: BoardStore, carriedOver: boolean): void {
  viewport.fitAll(contentBounds(store, carriedOver), store.getZones().length > 0);
}

/** A zone's heading band (with room for a first row of notes) and what is in it, or null off the board's zones. */
function zoneParts(store: BoardStore, zoneId: string): { heading: Rect; content: Rect | null } | null {
  const zones = store.getZones();
  const index = zones.findIndex((zone) => zone.id === zoneId);
  if (index < 0) return null;
  const frame = zoneFrames(zones)[index]!;
  const rects: Rect[] = [];
  for (const cluster of store.allClusters()) if (cluster.zone === zoneId) rects.push(cluster.bounds);
  for (const note of store.allNotes()) if (note.zone === zoneId) rects.push(noteRect(note));
  return {
    heading: { x: frame.x, y: frame.y, width: frame.width, height: ZONE_HEADER + NOTE_HEIGHT + 24 },
    content: rects.length === 0 ? null : unionRects(rects),
  };
}

/**
 * What the zone strip's button for `zoneId` shows: the zone's heading with room for a first row
 * of notes, and every note and cluster in it — not the whole column, 1,316 units tall, which
 * would keep the zoom at its floor even for a zone of two notes. Null off the board's zones.
 */
export function zoneViewBounds(store: BoardStore, zoneId: string): Rect | null {
  const parts = zoneParts(store, zoneId);
  if (parts === null) return null;
  return parts.content === null ? parts.heading : unionRects([parts.heading, parts.content]);
}

/**
 * Brings one zone on screen (the zone strip): its heading and notes, at a readable zoom. When
 * they do not fit together at that zoom (a note dropped far down the column), the notes win:
 * the view starts at the first of them, the strip's button having said which zone it is — the
 * heading alone, the notes under the toolbar, was what one click gave. The person chose this
 * view: fitting on arrival or on a reload of the board no longer moves it.
 */
export function showZone(viewport: ViewportStore, store: BoardStore, zoneId: string): void {
  const parts = zoneParts(store, zoneId);
  if (parts === null) return;
  const { heading, content } = parts;
  let bounds = content === null ? heading : unionRects([heading, content]);
  if (content !== null) {
    const view = viewport.fitted(bounds, 32, READABLE_ZOOM);
    const { bottom } = viewport.measureInsets();
    if ((content.y + content.height) * view.zoom + view.y > viewport.size.height - bottom) {
      bounds = { x: heading.x, y: content.y - 24, width: heading.width, height: content.height + 24 };
    }
  }
  viewport.touched = true;
  viewport.fit(bounds, 32, READABLE_ZOOM);
}

/**
 * The zones at least a third of whose column width is inside `world` (what the canvas shows)
 * and whose column reaches into it vertically: « in view » for the strip's marks.
 */
export function zonesInView(zones: readonly Zone[], world: Rect): string[] {
  return zoneFrames(zones).filter((frame) => {
    const visible = Math.min(frame.x + frame.width, world.x + world.width) - Math.max(frame.x, world.x);
    const vertical = frame.y < world.y + world.height && frame.y + frame.height > world.y;
    return vertical && visible >= frame.width / 3;
  }).map((frame) => frame.id);
}
