import type { UniqueIdentifier } from '@dnd-kit/core';
import type { PlenarySnapshot } from '@concerto/board';

/*
 * Names of what is dragged and where it may land, as dnd-kit ids. An idea shows twice (in its
 * group and in its theme), so its drag id says where from.
 */

export type Drop =
  | { kind: 'pool' }
  | { kind: 'theme'; themeId: string }
  | { kind: 'slot'; themeId: string; ideaId: string };

export function dragId(place: 'group' | 'theme', ideaId: string): string {
  return `drag|${place}|${ideaId}`;
}

export function dragOf(id: UniqueIdentifier): { place: string; ideaId: string } | null {
  const [kind, place, ...rest] = String(id).split('|');
  return kind === 'drag' && place !== undefined && rest.length > 0 ? { place, ideaId: rest.join('|') } : null;
}

export function dropId(drop: Drop): string {
  if (drop.kind === 'pool') return 'pool';
  if (drop.kind === 'theme') return `theme|${drop.themeId}`;
  return `slot|${drop.themeId}|${drop.ideaId}`;
}

export function dropOf(id: UniqueIdentifier): Drop | null {
  const [kind, themeId, ...rest] = String(id).split('|');
  if (kind === 'pool') return { kind: 'pool' };
  if (kind === 'theme' && themeId !== undefined) return { kind: 'theme', themeId };
  if (kind === 'slot' && themeId !== undefined && rest.length > 0) return { kind: 'slot', themeId, ideaId: rest.join('|') };
  return null;
}

/** The keyboard's walk: out of every theme, then each theme (at its end) followed by its ideas. */
export function keyboardOrder(plenary: PlenarySnapshot): string[] {
  const order = [dropId({ kind: 'pool' })];
  for (const theme of plenary.themes) {
    order.push(dropId({ kind: 'theme', themeId: theme.id }));
    for (const ideaId of theme.ideaIds) order.push(dropId({ kind: 'slot', themeId: theme.id, ideaId }));
  }
  return order;
}
