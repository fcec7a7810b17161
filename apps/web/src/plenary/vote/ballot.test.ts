import { describe, expect, it } from 'vitest';

import { ApiError } from '../../api/client.js';
import { ballotProblem, dotsOn, remainingVotes } from './ballot.js';
import { PARTICIPANT_ID, newParticipantId, participantId } from './participantId.js';

describe('remaining votes', () => {
  it('counts what is left, never below zero', () => {
    expect(remainingVotes(3, [])).toBe(3);
    expect(remainingVotes(3, ['a', 'a'])).toBe(1);
    expect(remainingVotes(3, ['a', 'b', 'c'])).toBe(0);
    expect(remainingVotes(2, ['a', 'b', 'c'])).toBe(0);
  });

  it('counts several dots on one item', () => {
    expect(dotsOn(['a', 'b', 'a'], 'a')).toBe(2);
    expect(dotsOn(['a', 'b', 'a'], 'c')).toBe(0);
  });
});

describe('a refused ballot', () => {
  it('is the limit while the vote is open, the end of the vote once closed, never a code', () => {
    expect(ballotProblem(new ApiError(409, 'conflict', ''), true)).toBe('limit');
    expect(ballotProblem(new ApiError(409, 'conflict', ''), false)).toBe('closed');
    expect(ballotProblem(new ApiError(0, 'network', ''), true)).toBe('network');
    expect(ballotProblem(new ApiError(403, 'forbidden', ''), true)).toBe('forbidden');
    expect(ballotProblem(new Error('?'), true)).toBe('other');
  });
});

describe('the anonymous participant id', () => {
  it('is made once per session on a device and matches what the server accepts', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const first = participantId('s1', storage);
    expect(first).toMatch(PARTICIPANT_ID);
    expect(participantId('s1', storage)).toBe(first);
    // another session: another id, so sessions cannot be linked
    expect(participantId('s2', storage)).not.toBe(first);
    store.set('concerto:voter:s1', 'bad id!');
    expect(participantId('s1', storage)).not.toBe('bad id!');
    expect(newParticipantId()).toMatch(PARTICIPANT_ID);
    expect(newParticipantId((b) => b.fill(255))).toBe('_____________________w');
  });

  it('follows the id another window kept last', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const mine = participantId('s1', storage);
    store.set('concerto:voter:s1', 'kept-by-the-other-window');
    expect(participantId('s1', storage)).toBe('kept-by-the-other-window');
    expect(mine).not.toBe('kept-by-the-other-window');
  });

  it('still works, and stays the same for the page, when storage refuses', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    const id = participantId('s1', broken);
    expect(id).toMatch(PARTICIPANT_ID);
    expect(participantId('s1', broken)).toBe(id);
  });
});
