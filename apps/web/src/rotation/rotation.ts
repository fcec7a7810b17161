import { axisIndexFor } from '@concerto/board';
import type { RotationState } from '@concerto/board';
import type { GroupDescription, SessionDescription } from '@concerto/contract';

/*
 * A session organised by theme, as a page sees it: the round (live from the plenary once it
 * has synced, else as the session said on load), and where a rotating group is now.
 */

/** The round state to follow; null for a session by group. */
export function roundStateOf(session: SessionDescription, live: RotationState | null, synced: boolean): RotationState | null {
  if (session.rotation === null) return null;
  // The mirror is written at the first round call: until then the session's own word holds.
  if (synced && live !== null) return live;
  const { round, rounds, status, choosing } = session.rotation;
  return { round, rounds, status, ...(choosing ? { choosing } : {}) };
}

export interface Visit {
  round: number;
  rounds: number;
  status: RotationState['status'];
  /** the rotating group */
  group: GroupDescription;
  /** the axis board it works on in this round */
  board: GroupDescription;
}

/** Where rotating group `groupId` is in `state`; null when it is not one of the session's rotating groups. */
export function visitOf(session: SessionDescription, groupId: string, state: RotationState | null): Visit | null {
  const index = session.rotation?.groups.findIndex((g) => g.id === groupId) ?? -1;
  if (state === null || index === -1 || session.groups.length === 0) return null;
  const group = session.rotation!.groups[index]!;
  const board = session.groups[axisIndexFor(index, state.round, session.groups.length)]!;
  return { round: state.round, rounds: state.rounds, status: state.status, group, board };
}

/** A rotating group's display name, from its id (notes keep the id); the id itself when unknown. */
export function rotatingGroupName(session: SessionDescription, groupId: string): string {
  return session.rotation?.groups.find((g) => g.id === groupId)?.name ?? groupId;
}

/**
 * « le groupe B » for « Groupe B » in French sentences (« ajouté au tour 2 par le groupe B »);
 * other names as they are.
 */
export function groupInSentence(name: string, locale: string): string {
  if (!locale.startsWith('fr')) return name;
  const match = /^groupe\s+(.+)$/i.exec(name);
  return match ? `le groupe ${match[1]}` : name;
}
