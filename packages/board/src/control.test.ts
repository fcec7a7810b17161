import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTimerTime, getControlMap, readControl, setControl, startTimer, stopTimer, timerRemainingMs } from './control.js';
import { castVote, getVotesMap, readBallot, tallyVotes, withdrawVote } from './votes.js';

describe('session control', () => {
  it('reads defaults from an empty or garbage control map, never throwing', () => {
    const doc = new Y.Doc();
    expect(readControl(doc)).toEqual({ phase: null, timer: null, lockedRooms: [], focus: { kind: 'all' }, closed: false, vote: null, rotation: null });
    const map = getControlMap(doc);
    map.set('phase', 42);
    map.set('timer', 'soon');
    map.set('lockedRooms', ['groupe-1', 3, null]);
    map.set('focus', { kind: 'group' });
    map.set('vote', { id: 7 });
    expect(readControl(doc)).toEqual({ phase: null, timer: null, lockedRooms: ['groupe-1'], focus: { kind: 'all' }, closed: false, vote: null, rotation: null });
  });

  it('starts, extends and stops the timer', () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, 1_000);
    expect(timerRemainingMs(readControl(doc).timer!, 31_000)).toBe(30_000);
    addTimerTime(doc, 60_000, 31_000);
    expect(timerRemainingMs(readControl(doc).timer!, 31_000)).toBe(90_000);
    stopTimer(doc, 41_000);
    const stopped = readControl(doc).timer!;
    expect(stopped.running).toBe(false);
    expect(timerRemainingMs(stopped, 99_000)).toBe(80_000);
  });

  it('sets phase and focus', () => {
    const doc = new Y.Doc();
    setControl(doc, 'phase', 'clustering');
    setControl(doc, 'focus', { kind: 'theme', id: 't1' });
    expect(readControl(doc)).toMatchObject({ phase: 'clustering', focus: { kind: 'theme', id: 't1' } });
  });
});

describe('dot votes', () => {
  it('counts at most the limit per participant, even when concurrent writes overshoot', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(castVote(a, 'v', 'p1', 'x', 2)).toBe(true);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // two replicas each add a second dot concurrently: three once merged
    castVote(a, 'v', 'p1', 'y', 2);
    castVote(b, 'v', 'p1', 'z', 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBallot(a, 'v', 'p1', 2)).toHaveLength(2);
    expect(readBallot(a, 'v', 'p1', 2)).toEqual(readBallot(b, 'v', 'p1', 2));
    const tally = tallyVotes(a, 'v', 2);
    expect([...tally.counts.values()].reduce((s, n) => s + n, 0)).toBe(2);
    expect(tally.voters).toBe(1);
    expect(castVote(a, 'v', 'p1', 'w', 2)).toBe(false);
  });

  it('withdraws a dot and tolerates garbage ballots', () => {
    const doc = new Y.Doc();
    castVote(doc, 'v', 'p', 'x', 3);
    castVote(doc, 'v', 'p', 'x', 3);
    expect(withdrawVote(doc, 'v', 'p', 'x')).toBe(true);
    expect(tallyVotes(doc, 'v', 3).counts.get('x')).toBe(1);
    expect(withdrawVote(doc, 'v', 'p', 'nope')).toBe(false);
    getVotesMap(doc).set('w', 'garbage');
    expect(tallyVotes(doc, 'w', 3)).toEqual({ counts: new Map(), voters: 0 });
  });
});

describe('idea flags', () => {
  it('hides and highlights plenary ideas', async () => {
    const { readIdeaFlags, setIdeaFlags } = await import('./ideaFlags.js');
    const doc = new Y.Doc();
    setIdeaFlags(doc, 'groupe-1:a', { hidden: true });
    setIdeaFlags(doc, 'groupe-1:a', { highlighted: true });
    expect(readIdeaFlags(doc).get('groupe-1:a')).toEqual({ hidden: true, highlighted: true });
    doc.getMap('ideaFlags').set('junk', 5);
    expect(readIdeaFlags(doc).has('junk')).toBe(false);
  });
});
