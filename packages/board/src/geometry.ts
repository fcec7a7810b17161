/**
 * Geometry of the board in canvas units (the document's `x`, `y`). Pure functions, shared by the
 * web client (cluster frames, drops, free spots, "fit everything") and the export (the board
 * pictured in the PDF must look like the board people saw).
 *
 * Notes keep their own position in the document, also inside a cluster: a cluster is a frame
 * drawn around its notes. "Tidy" means a note dropped into a cluster snaps to a free cell of
 * the cluster's grid, so every client and the export see the same tidy picture.
 */
export const NOTE_WIDTH = 216;
export const NOTE_HEIGHT = 168;
export const CLUSTER_PADDING = 16;
export const CLUSTER_HEADER = 60;
export const CLUSTER_GAP = 12;
export const CLUSTER_COLUMNS = 3;

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Position of grid cell (col, row) of a cluster whose frame starts at `origin`. */
export function cellPosition(origin: Point, col: number, row: number): Point {
  return {
    x: origin.x + CLUSTER_PADDING + col * (NOTE_WIDTH + CLUSTER_GAP),
    y: origin.y + CLUSTER_HEADER + row * (NOTE_HEIGHT + CLUSTER_GAP),
  };
}

/** The grid cell nearest to a note position (may be outside the grid when a client wrote odd positions). */
function cellOf(origin: Point, position: Point): { col: number; row: number } {
  return {
    col: Math.round((position.x - origin.x - CLUSTER_PADDING) / (NOTE_WIDTH + CLUSTER_GAP)),
    row: Math.round((position.y - origin.y - CLUSTER_HEADER) / (NOTE_HEIGHT + CLUSTER_GAP)),
  };
}

/**
 * The free cell of the cluster grid nearest to `target` (default: the first free cell in
 * reading order). `members` are the positions of the other notes of the cluster.
 */
export function freeCell(origin: Point, members: readonly Point[], target?: Point): Point {
  const taken = new Set(members.map((m) => {
    const c = cellOf(origin, m);
    return `${c.col},${c.row}`;
  }));
  const rows = Math.ceil((members.length + 1) / CLUSTER_COLUMNS) + 1;
  let best: Point | null = null;
  let bestDistance = Infinity;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < CLUSTER_COLUMNS; col++) {
      if (taken.has(`${col},${row}`)) continue;
      const cell = cellPosition(origin, col, row);
      if (target === undefined) return cell;
      const distance = (cell.x - target.x) ** 2 + (cell.y - target.y) ** 2;
      if (distance < bestDistance) {
        best = cell;
        bestDistance = distance;
      }
    }
  }
  return best ?? cellPosition(origin, 0, rows);
}

/** The frame of a cluster: its header, and every member note with padding around. */
export function clusterBounds(origin: Point, members: readonly Point[]): Rect {
  const minRight = origin.x + 2 * CLUSTER_PADDING + NOTE_WIDTH;
  const minBottom = origin.y + CLUSTER_HEADER + NOTE_HEIGHT + CLUSTER_PADDING;
  let left = origin.x;
  let top = origin.y;
  let right = minRight;
  let bottom = minBottom;
  for (const m of members) {
    left = Math.min(left, m.x - CLUSTER_PADDING);
    top = Math.min(top, m.y - CLUSTER_HEADER);
    right = Math.max(right, m.x + NOTE_WIDTH + CLUSTER_PADDING);
    bottom = Math.max(bottom, m.y + NOTE_HEIGHT + CLUSTER_PADDING);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export function noteRect(position: Point): Rect {
  return { x: position.x, y: position.y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
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

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * A place for a new note near `center` that covers no other note or cluster: tries the centre,
 * then rings of candidates around it.
 */
export function freeSpot(center: Point, occupied: readonly Rect[]): Point {
  const start = { x: Math.round(center.x - NOTE_WIDTH / 2), y: Math.round(center.y - NOTE_HEIGHT / 2) };
  // Room around each note for the frame of a cluster made from it later.
  const stepX = NOTE_WIDTH + 2 * CLUSTER_PADDING + 24;
  const stepY = NOTE_HEIGHT + CLUSTER_HEADER + 24;
  for (let ring = 0; ring < 12; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const candidate = { x: start.x + dx * stepX, y: start.y + dy * stepY };
        const rect = noteRect(candidate);
        if (!occupied.some((o) => overlaps(o, rect))) return candidate;
      }
    }
  }
  return start;
}
