import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readSheetTemplate } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { GroupDescription } from '@concerto/contract';

import { openRoom } from './openRoom.js';
import type { ConnectionState, RoomFailure } from './openRoom.js';
import { PlenaryStore } from './plenaryStore.js';
import type { PlenaryView } from './plenaryStore.js';

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
    const opened = openRoom({
      sessionId, room: PLENARY_ROOM, token, wsBase,
      onStatus: (connection) => setState((s) => ({ ...s, connection })),
      onFailure: (failure) => setState((s) => ({ ...s, failure })),
    });
    const store = new PlenaryStore(opened.doc, groups);
    setState({ store, provider: opened.provider, connection: 'connecting', failure: null });
    return () => {
      store.destroy();
      opened.destroy();
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
  control: { phase: null, timer: null, lockedRooms: [], focus: { kind: 'all' }, closed: false, vote: null, rotation: null },
  plenary: { groups: [], themes: [] },
  flags: new Map(),
  tally: new Map(),
  voters: 0,
  sheetTemplate: readSheetTemplate(new Y.Doc()),
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
