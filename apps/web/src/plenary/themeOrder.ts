/**
 * Placing an idea at a given position in a theme. The board's `addIdeaToTheme` only appends,
 * so a position is reached by taking out the ideas from that position on and appending them
 * again in the wanted order, inside one transaction (peers see a single change). Pure: this
 * file only plans; `PlenaryActions.placeIdea` applies the plan with board operations.
 */

export interface IdeaOrderPlan {
  /** ideas to take out of the theme, in order */
  remove: string[];
  /** then to append, in order */
  append: string[];
}

/**
 * The order of `current` (the theme's ideas as read) once `ideaId` is put at `toIndex`
 * (clamped), whether it was in the theme or not.
 */
export function orderWith(current: readonly string[], ideaId: string, toIndex: number): string[] {
  const rest = current.filter((id) => id !== ideaId);
  const at = Math.max(0, Math.min(Math.trunc(toIndex), rest.length));
  return [...rest.slice(0, at), ideaId, ...rest.slice(at)];
}

/** The fewest removals and appends that turn `current` into `wanted`; null when nothing changes. */
export function planIdeaOrder(current: readonly string[], wanted: readonly string[]): IdeaOrderPlan | null {
  let same = 0;
  while (same < current.length && same < wanted.length && current[same] === wanted[same]) same++;
  if (same === current.length && same === wanted.length) return null;
  const tail = wanted.slice(same);
  return { remove: current.slice(same).filter((id) => tail.includes(id)), append: tail };
}
