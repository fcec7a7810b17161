import { useEffect, useReducer } from 'react';
import type { PlenaryView } from '../sync/plenaryStore.js';
import { displayedStep, follow, initialFollow, neighbourStep, projectionSteps } from './steps.js';
import type { Step } from './steps.js';

export interface Following {
  steps: Step[];
  step: Step;
  /** true while the operator's arrows, not the facilitator, chose the step */
  local: boolean;
  go(direction: 1 | -1): void;
  followAgain(): void;
}

function voteKeyOf(view: PlenaryView): string {
  const vote = view.control.vote;
  return vote === null ? '' : `${vote.id}:${vote.open ? 'open' : 'closed'}`;
}

/** The projection's step: the facilitator's focus, the vote when it opens or closes, or the operator's arrows. */
export function useFollow(view: PlenaryView): Following {
  const [state, dispatch] = useReducer(follow, undefined, () => initialFollow(view.control.focus, voteKeyOf(view)));
  const { focus, vote } = view.control;
  const focusKind = focus.kind;
  const focusId = focus.kind === 'all' ? '' : focus.id;
  const voteKey = voteKeyOf(view);

  useEffect(() => {
    dispatch({ type: 'focus', focus: focusKind === 'all' ? { kind: 'all' } : { kind: focusKind, id: focusId } });
  }, [focusKind, focusId]);
  useEffect(() => {
    dispatch({ type: 'vote', key: voteKey });
  }, [voteKey]);

  const hasVote = vote !== null;
  const steps = projectionSteps(view.plenary, hasVote);
  const step = displayedStep(state, focus, view.plenary, hasVote);
  return {
    steps,
    step,
    local: state.local !== null,
    go: (direction) => dispatch({ type: 'step', to: neighbourStep(steps, step, direction) }),
    followAgain: () => dispatch({ type: 'follow' }),
  };
}
