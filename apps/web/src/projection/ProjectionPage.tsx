import type { SessionDescription } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import { AccessProblem } from '../plenary/AccessProblem.js';
import { SessionGate } from '../plenary/SessionGate.js';
import { useSynced } from '../plenary/useSynced.js';
import { usePlenaryRoom } from '../sync/usePlenary.js';
import { ProjectionScreen } from './ProjectionScreen.js';
import './projection.css';

/**
 * The projection (`/s/<id>/projection#token=…`): the plenary for a big screen, read only, that
 * follows the facilitator's focus.
 */
export default function ProjectionPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  return (
    <SessionGate sessionId={sessionId} place="projection" title={t('projection.title')}>
      {(access) => <ProjectionRoom key={access.token} session={access.session} token={access.token} clockOffset={access.offsetMs} />}
    </SessionGate>
  );
}

function ProjectionRoom({ session, token, clockOffset }: { session: SessionDescription; token: string; clockOffset: number }) {
  const t = useT();
  const { store, provider, connection, failure } = usePlenaryRoom(session.id, token, session.groups);
  const synced = useSynced(provider);
  if (failure !== null) return <AccessProblem title={t('projection.title')} reason={failure} />;
  // Following starts from the document as the server has it, not from an empty copy.
  if (store === null || !synced) return <p className="loading" role="status">{t('common.loading')}</p>;
  return <ProjectionScreen session={session} token={token} store={store} connection={connection} clockOffset={clockOffset} />;
}
