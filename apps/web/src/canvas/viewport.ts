import { useSyncExternalStore } from 'react';

import type { Point, Rect } from '@concerto/board';

/** screen = world × zoom + (x, y), in CSS pixels relative to the canvas element. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const MIN_ZOOM = 0.15;
/** On a phone, « Tout afficher » stops shrinking here (note text about 10 px) and lets people pan. */
export const PHONE_READABLE_ZOOM = 0.6;
/** The arrival view, and « Tout afficher » on a zoned board, stop shrinking here (note text about 11 px). */
export const READABLE_ZOOM = 0.7;
const PHONE_WIDTH = 640;

/** How much of the canvas's top and bottom edges floating toolbars cover, in CSS pixels. */
export interface Insets {
  top: number;
  bottom: number;
}

const NO_INSETS: Insets = { top: 0, bottom: 0 };

/**
 * The insets that `overlays` (toolbars floating over the canvas, in the same screen
 * coordinates as `canvas`) make: one in the lower half covers the bottom up to its top edge,
 * one in the upper half covers the top down to its bottom edge.
 */
export function coveredInsets(canvas: Rect, overlays: readonly Rect[]): Insets {
  let top = 0;
  let bottom = 0;
  for (const o of overlays) {
    if (o.width <= 0 || o.height <= 0) continue;
    if (o.x >= canvas.x + canvas.width || o.x + o.width <= canvas.x) continue;
    if (o.y >= canvas.y + canvas.height || o.y + o.height <= canvas.y) continue;
    if (o.y + o.height / 2 > canvas.y + canvas.height / 2) bottom = Math.max(bottom, canvas.y + canvas.height - o.y);
    else top = Math.max(top, o.y + o.height - canvas.y);
  }
  return { top, bottom };
}
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
  /** measures what the floating toolbars cover now; set by the canvas */
  measureInsets: () => Insets = () => NO_INSETS;

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

  /** The world point at the centre of the visible canvas (toolbars left out). */
  center(): Point {
    const { top, bottom } = this.measureInsets();
    return this.toWorld({ x: this.size.width / 2, y: top + (this.size.height - top - bottom) / 2 });
  }

  /** The part of the world on screen and not under a toolbar, in canvas units. */
  visibleWorld(): Rect {
    const { top, bottom } = this.measureInsets();
    const { zoom } = this.value;
    const corner = this.toWorld({ x: 0, y: top });
    return { x: corner.x, y: corner.y, width: this.size.width / zoom, height: Math.max(1, this.size.height - top - bottom) / zoom };
  }

  /** The part of the world the whole canvas shows in `view` (default: the current one), toolbars included. */
  shownWorld(view: Viewport = this.value): Rect {
    const { x, y, zoom } = view;
    return { x: -x / zoom, y: -y / zoom, width: this.size.width / zoom, height: this.size.height / zoom };
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
    this.set(this.fitted(rect, margin, minZoom));
  }

  /** The view `fit` would set, without setting it. */
  fitted(rect: Rect | null, margin = 32, minZoom = MIN_ZOOM): Viewport {
    // The toolbars float over the canvas: fit into what they leave, so no note footer hides under them.
    const { top, bottom } = this.measureInsets();
    const height = Math.max(1, this.size.height - top - bottom);
    if (rect === null) return { x: this.size.width / 2, y: top + height / 2, zoom: 1 };
    const zoom = clampZoom(Math.max(minZoom, Math.min(
      1,
      (this.size.width - 2 * margin) / Math.max(rect.width, 1),
      (height - 2 * margin) / Math.max(rect.height, 1),
    )));
    const fitsHeight = rect.height * zoom <= height - 2 * margin;
    const fitsWidth = rect.width * zoom <= this.size.width - 2 * margin;
    return {
      zoom,
      x: fitsWidth ? (this.size.width - rect.width * zoom) / 2 - rect.x * zoom : margin - rect.x * zoom,
      // When the content is taller than the view at the smallest readable zoom, show its top:
      // the person scrolls down from there rather than landing in the middle.
      y: fitsHeight ? top + (height - rect.height * zoom) / 2 - rect.y * zoom : top + margin - rect.y * zoom,
    };
  }

  /**
   * « Tout afficher »: everything, except on a phone-sized canvas or with `readable` (a board
   * with zones), where notes stay readable and what does not fit is reached by panning, from
   * the top-left corner.
   */
  fitAll(rect: Rect | null, readable = false): void {
    this.fit(rect, 32, this.size.width < PHONE_WIDTH ? PHONE_READABLE_ZOOM : readable ? READABLE_ZOOM : MIN_ZOOM);
  }

  /** Pans just enough for `rect` to be visible (keyboard focus on a note off screen). */
  reveal(rect: Rect, margin = 24): void {
    const { x, y, zoom } = this.value;
    const insets = this.measureInsets();
    const left = rect.x * zoom + x;
    const top = rect.y * zoom + y;
    const right = left + rect.width * zoom;
    const bottom = top + rect.height * zoom;
    let dx = 0;
    let dy = 0;
    if (left < margin) dx = margin - left;
    else if (right > this.size.width - margin) dx = Math.max(margin - left, this.size.width - margin - right);
    const topEdge = insets.top + margin;
    const bottomEdge = this.size.height - insets.bottom - margin;
    if (top < topEdge) dy = topEdge - top;
    else if (bottom > bottomEdge) dy = Math.max(topEdge - top, bottomEdge - bottom);
    if (dx !== 0 || dy !== 0) this.panBy(dx, dy);
  }
}

export function useViewport(store: ViewportStore): Viewport {
  return useSyncExternalStore(store.subscribe, store.get);
}
