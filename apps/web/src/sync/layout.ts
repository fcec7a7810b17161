/**
 * The board's geometry lives in @concerto/board (shared with the export's pictures); the canvas
 * imports it from here.
 */
export {
  CLUSTER_COLUMNS,
  CLUSTER_GAP,
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  cellPosition,
  clusterBounds,
  freeCell,
  freeSpot,
  noteRect,
  unionRects,
} from '@concerto/board';
export type { Point, Rect } from '@concerto/board';
