import { useEffect } from 'react';

import { useT } from '../i18n/index.js';
import { AccessProblem } from './AccessProblem.js';
import { PlenaryRoom } from './PlenaryRoom.js';
import { useSessionAccess } from './useSessionAccess.js';
import './plenary.css';

/**
 * The plenary room (`/s/<id>/plenary#token=…`, any token of the session): every group's key
 * ideas live, the facilitator's themes, and the dot vote. The facilitator edits; everyone
 * else reads, and participants vote from their own device.
 */
export default function PlenaryPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const access = useSessionAccess(sessionId, 'plenary');
  const sessionTitle = access.status === 'ready' ? access.session.title : null;
  useEffect(() => {
    document.title = [t('plenary.title'), sessionTitle, 'Concerto'].filter(Boolean).join(' · ');
  }, [t, sessionTitle]);

  if (access.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (access.status === 'failed') return <AccessProblem title={t('plenary.title')} reason={access.reason} onRetry={access.retry} />;
  return <PlenaryRoom key={access.token} session={access.session} token={access.token} />;
}
