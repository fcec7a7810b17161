import { useT } from '../i18n/index.js';
import { PlenaryRoom } from './PlenaryRoom.js';
import { SessionGate } from './SessionGate.js';
import './plenary.css';

/**
 * The plenary room (`/s/<id>/plenary#token=…`, any token of the session): every group's key
 * ideas live, the facilitator's themes, and the dot vote. The facilitator edits; everyone
 * else reads, and participants vote from their own device.
 */
export default function PlenaryPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  return (
    <SessionGate sessionId={sessionId} place="plenary" title={t('plenary.title')}>
      {(access) => <PlenaryRoom key={access.token} session={access.session} token={access.token} />}
    </SessionGate>
  );
}
