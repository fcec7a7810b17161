import { useT } from '../i18n/index.js';
import { ElsewhereNotice, LinkProblem } from '../session/LinkProblem.js';
import { useSession } from '../session/useSession.js';
import { Console } from './Console.js';
import '../styles/console.css';

/**
 * The facilitator's console (`/s/<id>/facilitate#token=…`), a chunk of its own: the link's
 * token must be the facilitator's; another of the session says what it opens.
 */
export default function ConsolePage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const loaded = useSession(sessionId, { page: 'facilitate' });
  if (loaded.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  const title = t('console.problemTitle');
  if (loaded.status === 'failed') {
    return <LinkProblem reason={loaded.reason} title={title} onRetry={loaded.retry} messages={{ 'no-token': 'link.noToken.console' }} />;
  }
  if (loaded.status === 'elsewhere') return <ElsewhereNotice title={title} session={loaded.session} target={loaded.target} />;
  return <Console session={loaded.session} token={loaded.token} offsetMs={loaded.offsetMs} />;
}
