import { useT } from '../i18n/index.js';
import type { ConnectionState } from '../sync/useRoom.js';

/** Connected or not, in words; offline says the page catches up by itself. */
export function RoomStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  return (
    <p className={`connection connection--${state}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {t(`plenary.connection.${state}`)}
    </p>
  );
}
