import { useCallback, useRef, useState } from 'react';

import { ApiError } from '../api/client.js';

export type ActionProblem = 'offline' | 'conflict' | 'refused' | 'busy' | 'failed';

export function problemOf(err: unknown): ActionProblem {
  if (err instanceof ApiError) {
    if (err.status === 0) return 'offline';
    if (err.status === 409) return 'conflict';
    if (err.status === 401 || err.status === 403) return 'refused';
    // the server's export queue is full (two exports render already): worth a retry, said so
    if (err.status === 503 && err.code === 'busy') return 'busy';
  }
  return 'failed';
}

/**
 * Runs the console's server calls one at a time per control, and keeps what went wrong to say
 * it (« Le serveur ne répond pas… »). The result arrives through the plenary room anyway, so
 * success needs no message of its own.
 */
export function useAction(): {
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  pending: boolean;
  problem: ActionProblem | null;
} {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ActionProblem | null>(null);
  const busy = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (busy.current) return false;
    busy.current = true;
    setPending(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (err) {
      setProblem(problemOf(err));
      return false;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { run, pending, problem };
}
