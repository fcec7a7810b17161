import { useEffect } from 'react';
import type { ReactNode } from 'react';

import { useT } from '../i18n/index.js';
import { AccessProblem } from './AccessProblem.js';
import { ElsewhereNotice } from '../session/LinkProblem.js';
import { useSession } from '../session/useSession.js';
import type { SessionState } from '../session/useSession.js';

type Ready = Extract<SessionState, { status: 'ready' }>;

/**
 * The session behind a plenary or projection page: loading, a link problem, or the page itself,
 * with the tab titled after the page and the session.
 */
export function SessionGate({ sessionId, place, title, children }: {
  sessionId: string;
  place: 'plenary' | 'projection';
  title: string;
  children: (access: Ready) => ReactNode;
}) {
  const t = useT();
  const access = useSession(sessionId, { page: place });
  const sessionTitle = access.status === 'ready' ? access.session.title : null;
  useEffect(() => {
    document.title = [title, sessionTitle, 'Concerto'].filter(Boolean).join(' · ');
  }, [title, sessionTitle]);

  if (access.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (access.status === 'failed') return <AccessProblem title={title} reason={access.reason} onRetry={access.retry} />;
  if (access.status === 'elsewhere') return <ElsewhereNotice title={title} session={access.session} target={access.target} />;
  return <>{children(access)}</>;
}
