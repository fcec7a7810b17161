import { ApiError } from '../../api/client.js';

/*
 * A participant's dots, as pure functions: what is left, how many dots sit on an item, and
 * what to say when the server refuses a ballot (never a code alone).
 */

export function remainingVotes(limit: number, mine: readonly string[]): number {
  return Math.max(0, limit - mine.length);
}

export function dotsOn(mine: readonly string[], itemId: string): number {
  return mine.reduce((n, id) => (id === itemId ? n + 1 : n), 0);
}

export type BallotProblem = 'limit' | 'closed' | 'network' | 'forbidden' | 'other';

/**
 * Why a ballot was refused. A 409 is the limit while the vote is open (two taps raced past it,
 * or another device of the same person voted), and the end of the vote once it is closed.
 */
export function ballotProblem(err: unknown, voteOpen: boolean): BallotProblem {
  if (!(err instanceof ApiError)) return 'other';
  if (err.status === 0) return 'network';
  if (err.status === 409) return voteOpen ? 'limit' : 'closed';
  if (err.status === 401 || err.status === 403) return 'forbidden';
  return 'other';
}
