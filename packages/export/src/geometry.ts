/**
 * The board's geometry in canvas units, as the web client draws it (apps/web/src/sync/layout.ts):
 * the picture in the PDF must look like the board people saw. Kept in step by hand until the
 * constants move into @concerto/board.
 */
import type { Note } from '@concerto/board';

export const NOTE_WIDTH = 216;
export const NOTE_HEIGHT = 168;
export const CLUSTER_PADDING = 16;
export const CLUSTER_HEADER = 60;
export const CLUSTER_GAP = 12;
export const CLUSTER_COLUMNS = 3;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Top-left of grid cell (col, row) of a cluster whose frame starts at `origin`. */
export function cellPosition(origin: { x: number; y: number }, col: number, row: number): { x: number; y: number } {
  return {
    x: origin.x + CLUSTER_PADDING + col * (NOTE_WIDTH + CLUSTER_GAP),
    y: origin.y + CLUSTER_HEADER + row * (NOTE_HEIGHT + CLUSTER_GAP),
  };
}

/** The frame of a cluster: its header and every member note, with padding (as the web client). */
export function clusterFrame(origin: { x: number; y: number }, members: readonly { x: number; y: number }[]): Rect {
  let left = origin.x;
  let top = origin.y;
  let right = origin.x + 2 * CLUSTER_PADDING + NOTE_WIDTH;
  let bottom = origin.y + CLUSTER_HEADER + NOTE_HEIGHT + CLUSTER_PADDING;
  for (const m of members) {
    left = Math.min(left, m.x - CLUSTER_PADDING);
    top = Math.min(top, m.y - CLUSTER_HEADER);
    right = Math.max(right, m.x + NOTE_WIDTH + CLUSTER_PADDING);
    bottom = Math.max(bottom, m.y + NOTE_HEIGHT + CLUSTER_PADDING);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export function noteRect(note: { x: number; y: number }): Rect {
  return { x: note.x, y: note.y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
}

export function unionRects(rects: Iterable<Rect>): Rect | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Reading order on the board: rows from top to bottom, left to right within a row. Notes less
 * than half a note apart vertically count as one row, so a hand-placed row still reads in order.
 */
export function readingOrder<T extends Pick<Note, 'x' | 'y' | 'createdAt' | 'id'>>(items: readonly T[]): T[] {
  const band = NOTE_HEIGHT / 2;
  return [...items].sort((a, b) =>
    Math.floor(a.y / band) - Math.floor(b.y / band) || a.x - b.x || a.y - b.y || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
