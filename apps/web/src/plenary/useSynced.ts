import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/**
 * Whether the room has received the server's document once. The facilitator writes only
 * after that (a theme created on an empty copy would still merge, but an idea placed before
 * the ideas arrived would be refused), and a projector starts following only from there.
 */
export function useSynced(provider: WebsocketProvider | null): boolean {
  const [synced, setSynced] = useState(false);
  useEffect(() => {
    if (provider === null) return;
    if (provider.synced) setSynced(true);
    const onSync = (isSynced: boolean) => {
      if (isSynced) setSynced(true);
    };
    provider.on('sync', onSync);
    return () => provider.off('sync', onSync);
  }, [provider]);
  return synced;
}
