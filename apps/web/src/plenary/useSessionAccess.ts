import { useEffect, useState } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { ApiError, fetchSession } from '../api/client.js';
import type { LinkProblemReason } from '../session/LinkProblem.js';
import { takeToken } from '../session/storage.js';

export type SessionAccess =
  | { status: 'loading' }
  | { status: 'failed'; reason: LinkProblemReason; retry?: () => void }
  | { status: 'ready'; token: string; session: SessionDescription; /** server clock minus this device's */ clockOffset: number };

const PREFIX = 'concerto:token:';

/**
 * Another token of this session that this tab already holds: a participant who opened the
 * plenary from their group's canvas, or the facilitator from the console, needs no new link.
 * The facilitator's comes first (it can do most), then any group's.
 */
export function tokenFromTab(sessionId: string, places: readonly string[]): string | null {
  try {
    const storage = window.sessionStorage;
    for (const place of places) {
      const token = storage.getItem(`${PREFIX}${sessionId}:${place}`);
      if (token) return token;
    }
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(`${PREFIX}${sessionId}:`)) return storage.getItem(key);
    }
  } catch {
    // no session storage: only the link's own token counts
  }
  return null;
}

function reasonOf(err: unknown): LinkProblemReason {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return 'invalid-link';
  if (err instanceof ApiError && err.status === 404) return 'not-found';
  return 'unreachable';
}

/**
 * The token of a plenary or projection link (`#token=…`, any token of the session) and the
 * session it opens. A link pasted into the same tab later replaces it.
 */
export function useSessionAccess(sessionId: string, place: 'plenary' | 'projection'): SessionAccess {
  const fallbacks = place === 'plenary' ? ['facilitate'] : ['plenary', 'facilitate'];
  const [token, setToken] = useState(() => takeToken(sessionId, place) ?? tokenFromTab(sessionId, fallbacks));
  const [access, setAccess] = useState<SessionAccess>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.includes('token=')) return;
      setToken(takeToken(sessionId, place));
      setAccess({ status: 'loading' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [sessionId, place]);

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    const asked = Date.now();
    fetchSession(sessionId, token).then(
      (session) => {
        // Half the round trip is the best guess of when the server read its clock.
        const clockOffset = session.serverTime - (asked + Date.now()) / 2;
        if (!cancelled) setAccess({ status: 'ready', token, session, clockOffset });
      },
      (err: unknown) => {
        if (cancelled) return;
        const reason = reasonOf(err);
        setAccess({ status: 'failed', reason, retry: reason === 'unreachable' ? () => setAttempt((n) => n + 1) : undefined });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, token, attempt]);

  if (token === null) return { status: 'failed', reason: 'no-token' };
  return access;
}
