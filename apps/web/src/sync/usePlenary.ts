import { useEffect, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode, FATAL_CLOSE_CODES, PLENARY_ROOM } from '@concerto/contract';
import type { GroupDescription } from '@concerto/contract';

import { PlenaryStore } from './plenaryStore.js';
import type { PlenaryView } from './plenaryStore.js';
import { defaultWsBase } from './useRoom.js';
import type { ConnectionState, RoomFailure } from './useRoom.js';

export interface PlenaryConnection {
  /** null until the room is set up */
  store: PlenaryStore | null;
  provider: WebsocketProvider | null;
  connection: ConnectionState;
  failure: RoomFailure | null;
}

/**
 * The session's plenary room, opened beside a canvas, the console or a projector: every page of
 * a session follows its control state (timer, phase, locks, focus, vote) through it.
 * Participants and projectors read it; the facilitator also writes themes into it.
 */
export function usePlenaryRoom(sessionId: string, token: string, groups: readonly GroupDescription[], wsBase?: string): PlenaryConnection {
  const [state, setState] = useState<PlenaryConnection>({ store: null, provider: null, connection: 'connecting', failure: null });

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(wsBase ?? defaultWsBase(), `${sessionId}/${PLENARY_ROOM}`, doc, {
      params: { token },
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.includes(event.code),
      maxBackoffTime: 5000,
    });
    const store = new PlenaryStore(doc, groups);
    setState({ store, provider, connection: 'connecting', failure: null });
    const onStatus = ({ status }: { status: string }) => {
      setState((s) => ({ ...s, connection: status === 'connected' ? 'connected' : status === 'disconnected' ? 'offline' : s.connection }));
    };
    const onClosed = ({ code }: { code: number }) => {
      if (!FATAL_CLOSE_CODES.includes(code)) return;
      provider.disconnect();
      setState((s) => ({ ...s, failure: code === CloseCode.notFound ? 'not-found' : 'invalid-link' }));
    };
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    return () => {
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
      store.destroy();
      provider.destroy();
      doc.destroy();
    };
    // groups are applied by the effect below without reconnecting
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, token, wsBase]);

  useEffect(() => {
    state.store?.setGroups(groups);
  }, [state.store, groups]);

  return state;
}

const EMPTY_VIEW: PlenaryView = {
  control: { phase: null, timer: null, lockedRooms: [], focus: { kind: 'all' }, closed: false, vote: null },
  plenary: { groups: [], themes: [] },
  flags: new Map(),
  tally: new Map(),
  voters: 0,
};

/** The plenary's read model, re-rendering when it changes. */
export function usePlenaryView(store: PlenaryStore | null): PlenaryView {
  return useSyncExternalStore(
    store?.subscribe ?? noopSubscribe,
    store?.getView ?? emptyView,
  );
}

function noopSubscribe(): () => void {
  return () => undefined;
}
function emptyView(): PlenaryView {
  return EMPTY_VIEW;
}
