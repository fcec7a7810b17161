import { useSyncExternalStore } from 'react';

import type { Point, Rect } from '@concerto/board';

/** screen = world × zoom + (x, y), in CSS pixels relative to the canvas element. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const MIN_ZOOM = 0.15;
export const MAX_ZOOM = 2.5;

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/**
 * Pan and zoom of the canvas, outside React state: the world layer and the cursors subscribe,
 * the notes do not, so panning never re-renders a note.
 */
export class ViewportStore {
  private value: Viewport = { x: 0, y: 0, zoom: 1 };
  private readonly listeners = new Set<() => void>();
  /** size of the canvas element, kept by the canvas */
  size = { width: 800, height: 600 };
  /** the person panned or zoomed: automatic fitting no longer moves their view */
  touched = false;

  get = (): Viewport => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: Viewport): void {
    const value = { x: next.x, y: next.y, zoom: clampZoom(next.zoom) };
    if (value.x === this.value.x && value.y === this.value.y && value.zoom === this.value.zoom) return;
    this.value = value;
    this.listeners.forEach((listener) => listener());
  }

  toWorld(screen: Point): Point {
    const { x, y, zoom } = this.value;
    return { x: (screen.x - x) / zoom, y: (screen.y - y) / zoom };
  }

  /** The world point at the centre of the visible canvas. */
  center(): Point {
    return this.toWorld({ x: this.size.width / 2, y: this.size.height / 2 });
  }

  panBy(dx: number, dy: number): void {
    this.touched = true;
    this.set({ ...this.value, x: this.value.x + dx, y: this.value.y + dy });
  }

  /** Zooms by `factor`, keeping the world point under `screen` (default: the centre) in place. */
  zoomBy(factor: number, screen: Point = { x: this.size.width / 2, y: this.size.height / 2 }): void {
    this.touched = true;
    const zoom = clampZoom(this.value.zoom * factor);
    const world = this.toWorld(screen);
    this.set({ zoom, x: screen.x - world.x * zoom, y: screen.y - world.y * zoom });
  }

  /**
   * Shows the whole of `rect`, with a margin, never zooming in past 100 % nor out past
   * `minZoom` (the automatic fit on arrival keeps notes readable and leaves the rest for panning).
   */
  fit(rect: Rect | null, margin = 32, minZoom = MIN_ZOOM): void {
    if (rect === null) {
      this.set({ x: this.size.width / 2, y: this.size.height / 2, zoom: 1 });
      return;
    }
    const zoom = clampZoom(Math.max(minZoom, Math.min(
      1,
      (this.size.width - 2 * margin) / Math.max(rect.width, 1),
      (this.size.height - 2 * margin) / Math.max(rect.height, 1),
    )));
    this.set({
      zoom,
      x: (this.size.width - rect.width * zoom) / 2 - rect.x * zoom,
      y: (this.size.height - rect.height * zoom) / 2 - rect.y * zoom,
    });
  }

  /** Pans just enough for `rect` to be visible (keyboard focus on a note off screen). */
  reveal(rect: Rect, margin = 24): void {
    const { x, y, zoom } = this.value;
    const left = rect.x * zoom + x;
    const top = rect.y * zoom + y;
    const right = left + rect.width * zoom;
    const bottom = top + rect.height * zoom;
    let dx = 0;
    let dy = 0;
    if (left < margin) dx = margin - left;
    else if (right > this.size.width - margin) dx = Math.max(margin - left, this.size.width - margin - right);
    if (top < margin) dy = margin - top;
    else if (bottom > this.size.height - margin) dy = Math.max(margin - top, this.size.height - margin - bottom);
    if (dx !== 0 || dy !== 0) this.panBy(dx, dy);
  }
}

export function useViewport(store: ViewportStore): Viewport {
  return useSyncExternalStore(store.subscribe, store.get);
}
