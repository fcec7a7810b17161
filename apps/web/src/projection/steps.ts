import type { Focus, PlenarySnapshot } from '@concerto/board';

/*
 * What the projection shows, one step at a time, and how it follows the facilitator.
 * Pure: the page keeps a `FollowState` in a reducer and renders `displayedStep`.
 */

export type Step =
  | { kind: 'all' }
  | { kind: 'group'; id: string }
  | { kind: 'themes' }
  | { kind: 'theme'; id: string }
  | { kind: 'vote' };

export function stepKey(step: Step): string {
  return 'id' in step ? `${step.kind}:${step.id}` : step.kind;
}

export function sameStep(a: Step, b: Step): boolean {
  return stepKey(a) === stepKey(b);
}

/**
 * The order the arrow keys walk: all groups, each group that has shared, the themes together,
 * each theme, then the vote when there is one.
 */
export function projectionSteps(plenary: PlenarySnapshot, hasVote: boolean): Step[] {
  const steps: Step[] = [{ kind: 'all' }];
  for (const group of plenary.groups) if (group.pushedAt !== null) steps.push({ kind: 'group', id: group.id });
  if (plenary.themes.length > 0) {
    steps.push({ kind: 'themes' });
    for (const theme of plenary.themes) steps.push({ kind: 'theme', id: theme.id });
  }
  if (hasVote) steps.push({ kind: 'vote' });
  return steps;
}

export function stepOfFocus(focus: Focus): Step {
  return focus.kind === 'all' ? { kind: 'all' } : { kind: focus.kind, id: focus.id };
}

/**
 * Whether a step can be shown with this plenary: a focused group that has not shared yet is
 * shown (it says so); a deleted theme, or a vote that no longer exists, is not.
 */
export function isShowable(step: Step, plenary: PlenarySnapshot, hasVote: boolean): boolean {
  switch (step.kind) {
    case 'group': return plenary.groups.some((g) => g.id === step.id);
    case 'theme': return plenary.themes.some((t) => t.id === step.id);
    case 'themes': return plenary.themes.length > 0;
    case 'vote': return hasVote;
    default: return true;
  }
}

/**
 * The step before or after `current`, stopping at the ends. A step that is not in the walk (a
 * group that has not shared) steps from where it would stand: the first step.
 */
export function neighbourStep(steps: readonly Step[], current: Step, direction: 1 | -1): Step {
  const index = steps.findIndex((step) => sameStep(step, current));
  if (index < 0) return steps[0] ?? { kind: 'all' };
  return steps[Math.max(0, Math.min(steps.length - 1, index + direction))] ?? current;
}

/**
 * `local` is where the projector's operator stepped with the arrows; null follows the
 * facilitator. `pinned` is the vote, brought up when the facilitator opened or closed it.
 * `focusKey` and `voteKey` are the last facilitator actions seen.
 */
export interface FollowState {
  local: Step | null;
  pinned: Step | null;
  focusKey: string;
  voteKey: string;
}

export type FollowEvent =
  | { type: 'focus'; focus: Focus }
  | { type: 'vote'; key: string }
  | { type: 'step'; to: Step }
  | { type: 'follow' };

export function initialFollow(focus: Focus, voteKey: string): FollowState {
  return { local: null, pinned: null, focusKey: stepKey(stepOfFocus(focus)), voteKey };
}

/**
 * A new focus from the facilitator takes every projector there, whatever its operator did;
 * opening or closing a vote brings the vote up. Arrows step locally until the next change.
 */
export function follow(state: FollowState, event: FollowEvent): FollowState {
  switch (event.type) {
    case 'focus': {
      const key = stepKey(stepOfFocus(event.focus));
      return key === state.focusKey ? state : { ...state, local: null, pinned: null, focusKey: key };
    }
    case 'vote':
      if (event.key === state.voteKey) return state;
      if (event.key === '') return { ...state, voteKey: '', pinned: null };
      return { ...state, voteKey: event.key, local: null, pinned: { kind: 'vote' } };
    case 'step':
      return { ...state, local: event.to };
    case 'follow':
      return state.local === null ? state : { ...state, local: null };
  }
}

/** What is on screen: the operator's step, else the vote just opened or closed, else the facilitator's focus. */
export function displayedStep(state: FollowState, focus: Focus, plenary: PlenarySnapshot, hasVote: boolean): Step {
  for (const candidate of [state.local, state.pinned, stepOfFocus(focus)]) {
    if (candidate !== null && isShowable(candidate, plenary, hasVote)) return candidate;
  }
  return { kind: 'all' };
}
