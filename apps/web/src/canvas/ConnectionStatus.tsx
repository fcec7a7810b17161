import { useT } from '../i18n/index.js';
import type { ConnectionState } from '../sync/useRoom.js';

/**
 * Connected, connecting or offline, in words and not only a colour; offline reassures that
 * nothing is lost. The text is a polite live region so a change is heard.
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  return (
    <p className={`connection connection--${state}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-text">
        {t(state === 'connected' ? 'connection.connected' : state === 'offline' ? 'connection.offline' : 'connection.connecting')}
      </span>
    </p>
  );
}
