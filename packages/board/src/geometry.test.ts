import { describe, expect, it } from 'vitest';

import { cellPosition, clusterBounds, freeCell, freeSpot, noteRect, NOTE_HEIGHT, NOTE_WIDTH } from './geometry.js';

const origin = { x: 100, y: 100 };

describe('cluster layout', () => {
  it('gives the first free cell in reading order', () => {
    expect(freeCell(origin, [])).toEqual(cellPosition(origin, 0, 0));
    expect(freeCell(origin, [cellPosition(origin, 0, 0)])).toEqual(cellPosition(origin, 1, 0));
    const row = [0, 1, 2].map((c) => cellPosition(origin, c, 0));
    expect(freeCell(origin, row)).toEqual(cellPosition(origin, 0, 1));
  });

  it('gives the free cell nearest to a drop point', () => {
    const taken = [cellPosition(origin, 0, 0)];
    const near = cellPosition(origin, 2, 1);
    expect(freeCell(origin, taken, { x: near.x + 10, y: near.y - 5 })).toEqual(near);
  });

  it('frames the header and every note', () => {
    expect(clusterBounds(origin, [])).toEqual({ x: 100, y: 100, width: NOTE_WIDTH + 32, height: 60 + NOTE_HEIGHT + 16 });
    const far = { x: 900, y: 700 };
    const bounds = clusterBounds(origin, [far]);
    expect(bounds.x + bounds.width).toBe(far.x + NOTE_WIDTH + 16);
    expect(bounds.y + bounds.height).toBe(far.y + NOTE_HEIGHT + 16);
  });

  it('finds a free spot that covers nothing', () => {
    const center = { x: 0, y: 0 };
    const first = freeSpot(center, []);
    const second = freeSpot(center, [noteRect(first)]);
    expect(second).not.toEqual(first);
    const a = noteRect(first);
    const b = noteRect(second);
    const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap).toBe(false);
  });
});
