/**
 * The order in which a board is read out in the report. Its geometry (note size, cluster
 * frames) comes from @concerto/board, the functions the web client draws with.
 */
import { NOTE_HEIGHT } from '@concerto/board';
import type { Note } from '@concerto/board';

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
