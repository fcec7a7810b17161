import { describe, expect, it } from 'vitest';
import { ViewportStore } from './viewport.js';

function store(): ViewportStore {
  const viewport = new ViewportStore();
  viewport.size = { width: 1000, height: 800 };
  viewport.measureInsets = () => ({ top: 60, bottom: 100 });
  return viewport;
}

describe('ViewportStore', () => {
  it('fitted is the view fit sets, and leaves the current view alone', () => {
    const viewport = store();
    const board = { x: 0, y: 0, width: 11_000, height: 3_200 };
    const planned = viewport.fitted(board, 32, 0.7);
    expect(viewport.get()).toEqual({ x: 0, y: 0, zoom: 1 });
    viewport.fit(board, 32, 0.7);
    expect(viewport.get()).toEqual(planned);
    // too large to fit at a readable zoom: the top-left corner, below the top toolbar
    expect(planned).toEqual({ zoom: 0.7, x: 32, y: 60 + 32 });
  });

  it('shownWorld is what the whole canvas shows, toolbars included; visibleWorld leaves them out', () => {
    const viewport = store();
    viewport.set({ x: 100, y: -50, zoom: 0.5 });
    expect(viewport.shownWorld()).toEqual({ x: -200, y: 100, width: 2000, height: 1600 });
    expect(viewport.visibleWorld()).toEqual({ x: -200, y: 220, width: 2000, height: 1280 });
    expect(viewport.shownWorld({ x: 100, y: 40, zoom: 2 })).toEqual({ x: -50, y: -20, width: 500, height: 400 });
  });
});
