import { useEffect, useState } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { ApiError, fetchSession } from '../api/client.js';
import { clockOffset } from '../control/timer.js';
import type { LinkProblemReason } from './LinkProblem.js';
import { findToken, loadCached, saveCached, takeToken } from './storage.js';

/** The pages a link opens; a group's canvas names its group. */
export type Place = { page: 'group'; groupId: string } | { page: 'facilitate' | 'plenary' | 'projection' };

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; reason: LinkProblemReason; retry?: () => void }
  | { status: 'ready'; token: string; session: SessionDescription; /** server clock minus this device's */ offsetMs: number };

/** Where a place's token is kept for the tab. */
export function placeKey(place: Place): string {
  return place.page === 'group' ? place.groupId : place.page;
}

/** Other tokens of the session this tab holds that also open the place, best first. */
function fallbacksOf(place: Place): string[] {
  if (place.page === 'plenary') return ['facilitate'];
  if (place.page === 'projection') return ['plenary', 'facilitate'];
  return [];
}

function reasonOf(err: unknown): LinkProblemReason {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return 'invalid-link';
  if (err instanceof ApiError && err.status === 404) return 'not-found';
  return 'unreachable';
}

/** A token that opens the session but not this place (the console needs the facilitator's). */
function wrongPlace(place: Place, session: SessionDescription): boolean {
  return place.page === 'facilitate' && session.you.role !== 'facilitator';
}

/**
 * The session behind a page: the token of its link (from the fragment, else the one kept for
 * this tab), the session's description, and the server's clock. A link pasted into the same tab
 * later replaces the token. With `offline`, the last description seen opens the page when the
 * server cannot be reached (a reload offline keeps the canvas).
 */
export function useSession(sessionId: string, place: Place, options: { offline?: boolean } = {}): SessionState {
  const key = placeKey(place);
  const [token, setToken] = useState(() => {
    const fallbacks = fallbacksOf(place);
    return takeToken(sessionId, key) ?? (fallbacks.length > 0 ? findToken(sessionId, fallbacks) : null);
  });
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const offline = options.offline === true;

  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.includes('token=')) return;
      setToken(takeToken(sessionId, key));
      setState({ status: 'loading' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [sessionId, key]);

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    const cacheKey = `session:${sessionId}:${key}`;
    const sentAt = Date.now();
    const retry = () => setAttempt((n) => n + 1);
    fetchSession(sessionId, token).then(
      (session) => {
        if (cancelled) return;
        if (wrongPlace(place, session)) {
          setState({ status: 'failed', reason: 'invalid-link' });
          return;
        }
        if (offline) saveCached(cacheKey, session);
        setState({ status: 'ready', token, session, offsetMs: clockOffset(session.serverTime, sentAt, Date.now()) });
      },
      (err: unknown) => {
        if (cancelled) return;
        const reason = reasonOf(err);
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
