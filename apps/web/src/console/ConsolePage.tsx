import { useEffect, useState } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { ApiError, fetchSession } from '../api/client.js';
import { clockOffset } from '../control/timer.js';
import { useT } from '../i18n/index.js';
import { LinkProblem } from '../session/LinkProblem.js';
import type { LinkProblemReason } from '../session/LinkProblem.js';
import { takeToken } from '../session/storage.js';
import { Console } from './Console.js';
import '../styles/console.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; session: SessionDescription; offsetMs: number }
  | { status: 'failed'; reason: LinkProblemReason };

/**
 * The facilitator's console (`/s/<id>/facilitate#token=…`), a chunk of its own: the link's
 * token must be the facilitator's; any other is « ce lien n’est plus valable ».
 */
export default function ConsolePage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [token] = useState(() => takeToken(sessionId, 'facilitate'));
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    const sentAt = Date.now();
    fetchSession(sessionId, token).then(
      (session) => {
        if (cancelled) return;
        if (session.you.role !== 'facilitator') setLoaded({ status: 'failed', reason: 'invalid-link' });
        else setLoaded({ status: 'ready', session, offsetMs: clockOffset(session.serverTime, sentAt, Date.now()) });
      },
      (err: unknown) => {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        setLoaded({ status: 'failed', reason: status === 401 || status === 403 ? 'invalid-link' : status === 404 ? 'not-found' : 'unreachable' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, token, attempt]);

  const title = t('console.problemTitle');
  if (token === null) return <LinkProblem reason="no-token" title={title} />;
  if (loaded.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (loaded.status === 'failed') {
    return <LinkProblem reason={loaded.reason} title={title} onRetry={loaded.reason === 'unreachable' ? () => setAttempt((n) => n + 1) : undefined} />;
  }
  return <Console session={loaded.session} token={token} offsetMs={loaded.offsetMs} />;
}
