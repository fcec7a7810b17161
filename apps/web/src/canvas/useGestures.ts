import { useEffect } from 'react';
import type { RefObject } from 'react';

import type { Point } from '@concerto/board';
import type { ViewportStore } from './viewport.js';

export interface GestureHandlers {
  /** double click or double tap on empty canvas, in world units */
  onDoubleTap(world: Point): void;
  /** pointer moved over the canvas, in world units (for the shared cursor) */
  onHover(world: Point): void;
}

/** While true (a note or cluster is being dragged), panning stops. Shared with the drag layer. */
export const gestureLock = { dragging: false, lastDragEnd: 0 };

const INTERACTIVE = 'button, textarea, input, select, a, [data-no-pan]';
const TAP_SLOP = 8;
const DOUBLE_TAP_MS = 350;

/**
 * Pan and zoom of the canvas: the wheel scrolls (pans), Ctrl+wheel or a trackpad pinch zooms
 * around the pointer; dragging empty canvas with a
 * mouse, or anywhere with one finger, pans; two fingers pinch. A note is dragged by the drag
 * layer (dnd-kit), which takes over a touch after a long press: the pan then stops.
 */
export function useGestures(
  ref: RefObject<HTMLElement | null>,
  viewport: ViewportStore,
  handlers: { current: GestureHandlers },
): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const pointers = new Map<number, Point>();
    let moved = 0;
    let lastTap: { at: number; point: Point } | null = null;

    const local = (event: { clientX: number; clientY: number }): Point => {
      const rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };

    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? element.clientHeight : 1;
      if (event.ctrlKey || event.metaKey) {
        // Ctrl+wheel zooms, as in a page; a trackpad pinch arrives as ctrl+wheel with small deltas.
        viewport.zoomBy(Math.exp(-event.deltaY * unit * 0.01), local(event));
        return;
      }
      // The wheel scrolls the board, as it scrolls any page (and a trackpad's two fingers pan):
      // on a zoned board the wheel zooming out of a readable view was what people met first
      // when they tried to reach the next zone. Shift turns a mouse wheel sideways.
      const sideways = event.shiftKey && event.deltaX === 0;
      viewport.panBy(-(sideways ? event.deltaY : event.deltaX) * unit, sideways ? 0 : -event.deltaY * unit);
    };

    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Element;
      if (target.closest(INTERACTIVE)) return;
      if (event.pointerType === 'mouse' && (event.button !== 0 || target.closest('.note, .cluster-header'))) return;
      pointers.set(event.pointerId, local(event));
      if (pointers.size === 1) moved = 0;
    };

    const onPointerMove = (event: PointerEvent) => {
      const point = local(event);
      if (element.contains(event.target as Node)) handlers.current.onHover(viewport.toWorld(point));
      const previous = pointers.get(event.pointerId);
      if (previous === undefined) return;
      if (gestureLock.dragging) {
        pointers.clear();
        return;
      }
      if (pointers.size === 1) {
        moved += Math.abs(point.x - previous.x) + Math.abs(point.y - previous.y);
        viewport.panBy(point.x - previous.x, point.y - previous.y);
      } else if (pointers.size === 2) {
        const other = [...pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
        if (other !== undefined) {
          const before = Math.hypot(previous.x - other.x, previous.y - other.y);
          const after = Math.hypot(point.x - other.x, point.y - other.y);
          const mid = { x: (point.x + other.x) / 2, y: (point.y + other.y) / 2 };
          if (before > 0) viewport.zoomBy(after / before, mid);
          viewport.panBy((point.x - previous.x) / 2, (point.y - previous.y) / 2);
          moved += TAP_SLOP;
        }
      }
      pointers.set(event.pointerId, point);
    };

    const onPointerUp = (event: PointerEvent) => {
      const point = pointers.get(event.pointerId);
      const wasSingle = pointers.size === 1;
      pointers.delete(event.pointerId);
      if (point === undefined || !wasSingle || moved > TAP_SLOP || gestureLock.dragging) return;
      const target = event.target as Element;
      if (target.closest('.note, .cluster-frame')) return;
      const now = event.timeStamp;
      if (lastTap !== null && now - lastTap.at < DOUBLE_TAP_MS
        && Math.hypot(point.x - lastTap.point.x, point.y - lastTap.point.y) < 24) {
        lastTap = null;
        handlers.current.onDoubleTap(viewport.toWorld(point));
      } else {
        lastTap = { at: now, point };
      }
    };

    const onPointerCancel = (event: PointerEvent) => {
      pointers.delete(event.pointerId);
    };

    const observer = new ResizeObserver(() => {
      viewport.size = { width: element.clientWidth, height: element.clientHeight };
    });
    viewport.size = { width: element.clientWidth, height: element.clientHeight };
    observer.observe(element);

    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('pointermove', onPointerMove);
    window.addEventListener('pointerup', onPointerUp);
    window.addEventListener('pointercancel', onPointerCancel);
    return () => {
      observer.disconnect();
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointermove', onPointerMove);
      window.removeEventListener('pointerup', onPointerUp);
      window.removeEventListener('pointercancel', onPointerCancel);
    };
  }, [ref, viewport, handlers]);
}
