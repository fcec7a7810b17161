import { KeyboardCode } from '@dnd-kit/core';
import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

type Context = Parameters<KeyboardCoordinateGetter>[1]['context'];

/**
 * A dnd-kit keyboard coordinate getter that walks drop places in reading order instead of moving
 * pixels: Down/Right go to the next place of `order`, Up/Left to the previous one, and `target`
 * holds the place reached (the collision detection answers it). Used by the plenary's ideas and
 * the programme's themes.
 */
export function listWalker(order: (activeId: string) => readonly string[], target: { current: string | null }): KeyboardCoordinateGetter {
  return (event, { active, context }) => {
    const step = event.code === KeyboardCode.Down || event.code === KeyboardCode.Right ? 1
      : event.code === KeyboardCode.Up || event.code === KeyboardCode.Left ? -1 : 0;
    if (step === 0) return undefined;
    event.preventDefault();
    // Registered places, not only measured ones: dnd-kit measures the drop places a moment after
    // the pick-up, and an arrow pressed before that must not be lost.
    const places = order(String(active)).filter((id) => context.droppableContainers.get(id) !== undefined);
    const index = target.current === null ? (step > 0 ? -1 : places.length) : places.indexOf(target.current);
    const next = places[Math.max(0, Math.min(places.length - 1, index + step))];
    const rect = next === undefined ? undefined : placeRect(context, next);
    if (next === undefined || rect === undefined) return undefined;
    target.current = next;
    return { x: rect.left + 8, y: rect.top + 8 };
  };
}

function placeRect(context: Context, id: string): { left: number; top: number } | undefined {
  return context.droppableRects.get(id) ?? context.droppableContainers.get(id)?.node.current?.getBoundingClientRect();
}
