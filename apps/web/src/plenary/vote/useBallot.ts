import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { readBallot } from '@concerto/board';
import type { VoteState } from '@concerto/board';

import { control } from '../../api/client.js';
import type { PlenaryStore } from '../../sync/plenaryStore.js';
import { ballotProblem, remainingVotes } from './ballot.js';
import type { BallotProblem } from './ballot.js';

export interface Ballot {
  voteId: string;
  limit: number;
  /** this device's counted dots, in order (from the live document) */
  mine: readonly string[];
  remaining: number;
  /** the last refusal, until the next accepted ballot */
  problem: BallotProblem | null;
  /** requests on their way */
  pending: number;
  /** dots this device may still add, counting the taps on their way */
  canAdd: boolean;
  cast(itemId: string): void;
  withdraw(itemId: string): void;
}

const NONE: readonly string[] = [];

/**
 * This device's dots in the open vote. The dots are read from the live plenary document (the
 * server writes them), so two tabs or a reload agree; casting goes through the HTTP API, which
 * enforces the limit. Every tap is sent, none waits for the one before: a tap past the limit,
 * counting the taps still on their way, is refused at once in words, and the server refuses
 * what two devices of one voter might still send together.
 */
export function useBallot(store: PlenaryStore, vote: VoteState | null, participantId: string, sessionId: string, token: string): Ballot | null {
  const cache = useRef<{ key: string; mine: readonly string[] }>({ key: '', mine: NONE });
  const voteId = vote?.id ?? '';
  const limit = vote?.votesPerParticipant ?? 0;

  const subscribe = useCallback((listener: () => void) => {
    store.doc.on('afterTransaction', listener);
    return () => store.doc.off('afterTransaction', listener);
  }, [store]);
  const mine = useSyncExternalStore(subscribe, () => {
    if (voteId === '') return NONE;
    const next = readBallot(store.doc, voteId, participantId, limit);
    const key = `${voteId}|${next.join('|')}`;
    if (key !== cache.current.key) cache.current = { key, mine: next };
    return cache.current.mine;
  });

  const [said, setSaid] = useState<{ voteId: string; problem: BallotProblem | null }>({ voteId: '', problem: null });
  const problem = said.voteId === voteId ? said.problem : null;
  const [pending, setPending] = useState(0);
  // Adds sent and not answered yet: a ref, so four taps within one frame all see each other.
  const addsOnTheirWay = useRef(0);
  const open = vote?.open === true;
  // Two quick taps race: one may be refused while the other counts, answered in any order. A
  // refusal stays said until a tap sent after it was heard is accepted.
  const sent = useRef(0);
  const refusalHeardAt = useRef(0);

  const send = useCallback((itemId: string, action: 'add' | 'remove') => {
    const seq = ++sent.current;
    const settle = (next: BallotProblem | null) => {
      if (next === null && seq <= refusalHeardAt.current) return;
      if (next !== null) refusalHeardAt.current = sent.current;
      setSaid({ voteId, problem: next });
    };
    setPending((n) => n + 1);
    if (action === 'add') addsOnTheirWay.current++;
    control.ballot(sessionId, token, participantId, itemId, action).then(
      () => settle(null),
      (err: unknown) => settle(ballotProblem(err, open)),
    ).finally(() => {
      if (action === 'add') addsOnTheirWay.current--;
      setPending((n) => n - 1);
    });
  }, [sessionId, token, participantId, open, voteId]);
  const mineLength = mine.length;

  return useMemo(() => {
    if (vote === null) return null;
    return {
      voteId: vote.id,
      limit,
      mine,
      remaining: remainingVotes(limit, mine),
      problem,
      pending,
      canAdd: remainingVotes(limit, mine) > 0,
      cast: (itemId: string) => {
        if (mineLength + addsOnTheirWay.current < limit) {
          send(itemId, 'add');
          return;
        }
        // Said now, and kept until a tap sent after this one is accepted (not cleared by the
        // answer to an earlier tap still on its way).
        refusalHeardAt.current = sent.current;
        setSaid({ voteId: vote.id, problem: 'limit' });
      },
      withdraw: (itemId: string) => send(itemId, 'remove'),
    };
  }, [vote, limit, mine, mineLength, problem, pending, send]);
}
