/**
 * The board's geometry comes from @concerto/board, the same functions the web client draws
 * with: the picture in the PDF looks like the board people saw.
 */
import { NOTE_HEIGHT } from '@concerto/board';
import type { Note } from '@concerto/board';

export {
  CLUSTER_COLUMNS,
  CLUSTER_GAP,
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  cellPosition,
  clusterBounds as clusterFrame,
  noteRect,
  unionRects,
} from '@concerto/board';
export type { Rect } from '@concerto/board';

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
