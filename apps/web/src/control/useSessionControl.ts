import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { GroupDescription } from '@concerto/contract';

import { usePlenaryRoom, usePlenaryView } from '../sync/usePlenary.js';
import type { PlenaryConnection } from '../sync/usePlenary.js';
import type { PlenaryView } from '../sync/plenaryStore.js';

/** True once the provider has received the server's copy of the document at least once. */
export function useProviderSynced(provider: WebsocketProvider | null): boolean {
  const [synced, setSynced] = useState(false);
  useEffect(() => {
    setSynced(provider?.synced === true);
    if (provider === null) return;
    const onSync = (value: boolean) => {
      if (value) setSynced(true);
    };
    provider.on('sync', onSync);
    return () => provider.off('sync', onSync);
  }, [provider]);
  return synced;
}

export interface SessionControlState {
  connection: PlenaryConnection;
  view: PlenaryView;
  /**
   * The view is the server's, not the empty one a page starts with. Decisions that must not
   * be taken on a guess (revealing drafts, dropping a lock the session said it had) wait for it.
   */
  synced: boolean;
}

/** The plenary room of a session and its live read model (timer, phase, locks, closed…). */
export function useSessionControl(sessionId: string, token: string, groups: readonly GroupDescription[]): SessionControlState {
  const connection = usePlenaryRoom(sessionId, token, groups);
  const view = usePlenaryView(connection.store);
  const synced = useProviderSynced(connection.provider);
  return { connection, view, synced };
}
