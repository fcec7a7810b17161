import { useEffect, useState } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { ApiError, sessionRequest } from '../api/client.js';
import { clockOffset } from '../control/timer.js';
import type { LinkProblemReason } from './LinkProblem.js';
import { dropToken, elsewhereOf, keepToken, placeKey, tokenFor } from './links.js';
import type { Elsewhere, Place } from './links.js';
import { loadCached, saveCached } from './storage.js';

export type { Place } from './links.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; reason: LinkProblemReason; retry?: () => void }
  /** the token is good but opens another page: say which, and offer to go there */
  | { status: 'elsewhere'; session: SessionDescription; target: Elsewhere }
  | { status: 'ready'; token: string; session: SessionDescription; /** server clock minus this device's */ offsetMs: number };

function reasonOf(err: unknown): LinkProblemReason {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return 'invalid-link';
  if (err instanceof ApiError && err.status === 404) return 'not-found';
  return 'unreachable';
}

/**
 * The session behind a page: the token of the link just opened (the fragment), else one this
 * device keeps for the session; the session's description; and the server's clock. A link
 * pasted into the same tab later replaces the token. With `offline`, the last description seen
 * opens the page when the server cannot be reached (a reload offline keeps the canvas).
 */
export function useSession(sessionId: string, place: Place, options: { offline?: boolean } = {}): SessionState {
  const key = placeKey(place);
  const [token, setToken] = useState(() => tokenFor(sessionId, place));
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const offline = options.offline === true;

  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.includes('token=')) return;
      setToken(tokenFor(sessionId, place));
      setState({ status: 'loading' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // `place` is read through `key`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, key]);

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    const cacheKey = `session:${sessionId}:${key}`;
    const retry = () => setAttempt((n) => n + 1);
    const { sentAt, response } = sessionRequest(sessionId, token);
    response.then(
      ({ session, receivedAt }) => {
        if (cancelled) return;
        keepToken(sessionId, session.you, token);
        const target = elsewhereOf(place, session.you);
        if (target !== null) {
          setState({ status: 'elsewhere', session, target });
          return;
        }
        if (offline) saveCached(cacheKey, session);
        setState({ status: 'ready', token, session, offsetMs: clockOffset(session.serverTime, sentAt, receivedAt) });
      },
      (err: unknown) => {
        if (cancelled) return;
        const reason = reasonOf(err);
        if (reason === 'invalid-link') dropToken(sessionId, token);
        const cached = offline && reason === 'unreachable' ? loadCached<SessionDescription>(cacheKey) : null;
        // Offline with a cached description: its serverTime is old, so no clock correction.
        if (cached !== null) setState({ status: 'ready', token, session: cached, offsetMs: 0 });
        else setState({ status: 'failed', reason, retry: reason === 'unreachable' ? retry : undefined });
      },
    );
    return () => {
      cancelled = true;
    };
    // `place` is read through `key`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, key, token, attempt, offline]);

  if (token === null) return { status: 'failed', reason: 'no-token' };
  return state;
}
