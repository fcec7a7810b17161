import type { Note } from './types.js';

/*
 * Rotating groups (issue 11 §2): a session organised by theme has one board per axis, and
 * participant groups that visit the boards in rounds. Pure: which board a group is on, which
 * boards it has visited, and what a round left on a board (SPEC R31).
 */

/** Round state, as the server keeps it (session record) and mirrors it (plenary `control.rotation`). */
export interface RotationState {
  /** the current round, 1-based */
  round: number;
  /** `waiting`: the round is announced, not started; `running`: under way; `ended`: finished */
  status: 'waiting' | 'running' | 'ended';
  /** how many rounds the session has (one per axis: everyone works on every axis) */
  rounds: number;
}

export const ROTATION_STATUSES = ['waiting', 'running', 'ended'] as const;

/**
 * The axis (index in the session's axes) group `groupIndex` works on in `round` (1-based):
 * group i visits axis (i + round − 1) mod n, so in n rounds every group visits every axis once,
 * and while there are no more groups than axes, no two groups share a board.
 */
export function axisIndexFor(groupIndex: number, round: number, axisCount: number): number {
  if (axisCount <= 0) return 0;
  const step = Math.max(0, Math.trunc(round) - 1);
  return (((Math.trunc(groupIndex) + step) % axisCount) + axisCount) % axisCount;
}

/**
 * The axes a group has worked on up to `round` included, in order (no repeats). A group keeps
 * writing on them so that an edit in flight at a round change, or sent after a return from
 * offline, still lands where it was written (the server's rule, apps/server/src/rights.ts).
 */
export function visitedAxes(groupIndex: number, round: number, axisCount: number): number[] {
  const visited: number[] = [];
  for (let r = 1; r <= Math.max(1, Math.trunc(round)); r++) {
    const axis = axisIndexFor(groupIndex, r, axisCount);
    if (!visited.includes(axis)) visited.push(axis);
  }
  return visited;
}

/** The whole plan: `plan[round − 1][groupIndex]` is the axis index. */
export function rotationPlan(groupCount: number, axisCount: number, rounds = axisCount): number[][] {
  return Array.from({ length: rounds }, (_, r) => Array.from({ length: groupCount }, (_, g) => axisIndexFor(g, r + 1, axisCount)));
}

/** One group's contribution to a board in one round. */
export interface RoundContribution {
  /** the participant group's id; null for notes written without a group (a board host, the facilitator) */
  group: string | null;
  notes: Note[];
}

/**
 * What `round` left on a board, by group in the order given (unknown groups after them, then
 * notes without a group): the recap a board host sees when the next group arrives.
 */
export function roundContributions(notes: readonly Note[], round: number, groupOrder: readonly string[] = []): RoundContribution[] {
  const byGroup = new Map<string | null, Note[]>();
  for (const note of notes) {
    if (note.round !== round) continue;
    const group = note.group ?? null;
    const list = byGroup.get(group) ?? [];
    list.push(note);
    byGroup.set(group, list);
  }
  const rank = (group: string | null) => {
    if (group === null) return Number.MAX_SAFE_INTEGER;
    const index = groupOrder.indexOf(group);
    return index === -1 ? groupOrder.length : index;
  };
  return [...byGroup.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a ?? '').localeCompare(b ?? ''))
    .map(([group, list]) => ({ group, notes: list }));
}

/** Reads a rotation state written by someone else; null when it is not one. Never throws. */
export function readRotation(value: unknown): RotationState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const round = v['round'];
  const rounds = v['rounds'];
  const status = v['status'];
  if (typeof round !== 'number' || !Number.isInteger(round) || round < 1) return null;
  if (typeof rounds !== 'number' || !Number.isInteger(rounds) || rounds < 1) return null;
  return {
    round: Math.min(round, rounds),
    rounds,
    status: (ROTATION_STATUSES as readonly unknown[]).includes(status) ? (status as RotationState['status']) : 'waiting',
  };
}
