import { useT } from '../i18n/index.js';
import { LinkProblem } from '../session/LinkProblem.js';
import { useSession } from '../session/useSession.js';
import { Console } from './Console.js';
import '../styles/console.css';

/**
 * The facilitator's console (`/s/<id>/facilitate#token=…`), a chunk of its own: the link's
 * token must be the facilitator's.
 */
export default function ConsolePage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const loaded = useSession(sessionId, { page: 'facilitate' });
  if (loaded.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (loaded.status === 'failed') return <LinkProblem reason={loaded.reason} title={t('console.problemTitle')} onRetry={loaded.retry} />;
  return <Console session={loaded.session} token={loaded.token} offsetMs={loaded.offsetMs} />;
}
