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
  /**
   * The action-sheet phase (issue 11 §4): the rounds stop and each person chooses their axis.
   * `counts`: how many people chose each axis (by axis id). Absent while the rounds go on.
   */
  choosing?: { counts: Record<string, number> };
}

/** A person's choice of axis is kept under an id their device makes: letters, digits, - and _. */
export const PERSON_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** How many people chose each of `axisIds` (0 for none), from the choices person → axis id. */
export function axisCounts(choices: Readonly<Record<string, string>>, axisIds: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(axisIds.map((id) => [id, 0]));
  for (const axis of Object.values(choices)) if (axis in counts) counts[axis]! += 1;
  return counts;
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
  const choosing = readChoosing(v['choosing']);
  return {
    round: Math.min(round, rounds),
    rounds,
    status: (ROTATION_STATUSES as readonly unknown[]).includes(status) ? (status as RotationState['status']) : 'waiting',
    ...(choosing === null ? {} : { choosing }),
  };
}

function readChoosing(value: unknown): { counts: Record<string, number> } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = (value as { counts?: unknown }).counts;
  const counts: Record<string, number> = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [axis, n] of Object.entries(raw)) if (typeof n === 'number' && Number.isInteger(n) && n >= 0) counts[axis] = n;
  }
  return { counts };
}
