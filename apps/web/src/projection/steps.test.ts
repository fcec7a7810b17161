import { describe, expect, it } from 'vitest';
import type { Focus, PlenarySnapshot } from '@concerto/board';

import { displayedStep, follow, initialFollow, neighbourStep, projectionSteps, stepKey } from './steps.js';
import type { FollowState, Step } from './steps.js';

const plenary: PlenarySnapshot = {
  groups: [
    { id: 'g1', name: 'Groupe 1', pushedAt: 1, keyIdeas: [{ id: 'g1:a', text: 'A' }] },
    { id: 'g2', name: 'Groupe 2', pushedAt: null, keyIdeas: [] },
    { id: 'g3', name: 'Groupe 3', pushedAt: 2, keyIdeas: [{ id: 'g3:b', text: 'B' }] },
  ],
  themes: [
    { id: 't1', label: 'Accès', ideaIds: ['g1:a'], synthesis: '' },
    { id: 't2', label: 'Comptes', ideaIds: [], synthesis: '' },
  ],
};
const all: Focus = { kind: 'all' };
const keys = (steps: Step[]) => steps.map(stepKey);

describe('the projection steps (arrow keys)', () => {
  it('walk everything, then each group that shared, the themes, each theme, then the vote', () => {
    expect(keys(projectionSteps(plenary, true))).toEqual(['all', 'group:g1', 'group:g3', 'themes', 'theme:t1', 'theme:t2', 'vote']);
    expect(keys(projectionSteps({ groups: plenary.groups, themes: [] }, false))).toEqual(['all', 'group:g1', 'group:g3']);
  });

  it('stop at both ends, and step from the start when the current view is not in the walk', () => {
    const steps = projectionSteps(plenary, false);
    expect(stepKey(neighbourStep(steps, { kind: 'all' }, -1))).toBe('all');
    expect(stepKey(neighbourStep(steps, { kind: 'all' }, 1))).toBe('group:g1');
    expect(stepKey(neighbourStep(steps, { kind: 'theme', id: 't2' }, 1))).toBe('theme:t2');
    expect(stepKey(neighbourStep(steps, { kind: 'group', id: 'g2' }, 1))).toBe('all');
  });
});

describe('following the facilitator', () => {
  const show = (state: FollowState, focus: Focus, hasVote = true) => stepKey(displayedStep(state, focus, plenary, hasVote));

  it('shows the facilitator’s focus until the operator steps, then the operator’s step', () => {
    const focus: Focus = { kind: 'group', id: 'g3' };
    let state = follow(initialFollow(all, ''), { type: 'focus', focus });
    expect(show(state, focus)).toBe('group:g3');
    state = follow(state, { type: 'step', to: { kind: 'themes' } });
    expect(show(state, focus)).toBe('themes');
    // The same focus written again (another control change) does not take the projector back.
    state = follow(state, { type: 'focus', focus });
    expect(show(state, focus)).toBe('themes');
  });

  it('a new focus takes every projector there, whatever its operator did', () => {
    let state = follow(initialFollow(all, ''), { type: 'step', to: { kind: 'group', id: 'g1' } });
    const focus: Focus = { kind: 'theme', id: 't1' };
    state = follow(state, { type: 'focus', focus });
    expect(state.local).toBeNull();
    expect(show(state, focus)).toBe('theme:t1');
  });

  it('brings the vote up when it opens or closes (still following), not when the projector loads with one', () => {
    let state = initialFollow(all, 'v1:open');
    expect(show(state, all)).toBe('all');
    state = follow(follow(state, { type: 'step', to: { kind: 'themes' } }), { type: 'vote', key: 'v1:closed' });
    expect(show(state, all)).toBe('vote');
    expect(state.local).toBeNull();
    // The operator steps away, and comes back to what the facilitator put up: the vote.
    state = follow(follow(state, { type: 'step', to: { kind: 'all' } }), { type: 'follow' });
    expect(show(state, all)).toBe('vote');
    // The next focus wins over the vote.
    const focus: Focus = { kind: 'group', id: 'g1' };
    expect(show(follow(state, { type: 'focus', focus }), focus)).toBe('group:g1');
    // The vote disappearing leaves the operator's view alone.
    state = follow(follow(state, { type: 'step', to: { kind: 'themes' } }), { type: 'vote', key: '' });
    expect(show(state, all, false)).toBe('themes');
  });

  it('falls back to everything when the focused theme was deleted', () => {
    const focus: Focus = { kind: 'theme', id: 'gone' };
    expect(show(follow(initialFollow(all, ''), { type: 'focus', focus }), focus)).toBe('all');
    // A focused group that has not shared is still shown (it says so).
    const waiting: Focus = { kind: 'group', id: 'g2' };
    expect(show(initialFollow(waiting, ''), waiting)).toBe('group:g2');
  });
});
