import { useEffect, useLayoutEffect, useState } from 'react';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { getClustersMap, getKeyIdeasArray, getNotesMap } from '@concerto/board';

import { BoardActions } from './actions.js';
import type { NoteOrigin } from './actions.js';
import { BoardStore } from './boardStore.js';
import { closeWhenFlushed, openRoom } from './openRoom.js';
import type { ConnectionState, RoomFailure } from './openRoom.js';
import { PresenceStore } from './presence.js';

export { defaultWsBase } from './openRoom.js';
export type { ConnectionState, RoomFailure } from './openRoom.js';

export interface Room {
  doc: Y.Doc;
  store: BoardStore;
  presence: PresenceStore;
  actions: BoardActions;
  undo: Y.UndoManager;
}

export interface RoomOptions {
  sessionId: string;
  roomId: string;
  token: string;
  /** the action-sheet phase: the person id that gives this link its rights on the chosen axis */
  person?: string;
  /** display name, for authorship and presence */
  name: string;
  keyIdeaLimit: number;
  readOnly: boolean;
  /** a session by theme: the round and group new notes record (board SPEC R30) */
  noteOrigin?: NoteOrigin | null;
  /** default: same host, `/ws` */
  wsBase?: string;
}

/**
 * The lifecycle of one canvas room: the Y.Doc, its copy in IndexedDB (so an offline
 * participant keeps writing and can even reload), the websocket to the server, awareness,
 * the read model and the undo manager. Everything is torn down when the room changes.
 */
export function useRoom(options: RoomOptions): {
  room: Room | null;
  connection: ConnectionState;
  failure: RoomFailure | null;
  /** how many sources have delivered the document so far: this device's copy, then the server */
  loads: number;
} {
  const { sessionId, roomId, token, person, wsBase } = options;
  const [room, setRoom] = useState<Room | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [failure, setFailure] = useState<RoomFailure | null>(null);
  const [loads, setLoads] = useState(0);
  // Values read by long-lived objects through closures: kept current without re-creating the room.
  const [live] = useState(() => ({ name: options.name, limit: options.keyIdeaLimit, readOnly: options.readOnly, noteOrigin: options.noteOrigin ?? null }));
  live.name = options.name;
  live.noteOrigin = options.noteOrigin ?? null;
  live.limit = options.keyIdeaLimit;
  live.readOnly = options.readOnly;

  // A layout effect: the socket opens as the page commits, not after the browser has painted a
  // page that has nothing to show until the board arrives.
  useLayoutEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`concerto:${sessionId}/${roomId}`, doc);
    const opened = openRoom({
      sessionId, room: roomId, token, person, doc, wsBase,
      onStatus: setConnection,
      onFailure: setFailure,
    });
    const { provider } = opened;
    const store = new BoardStore(doc);
    const presence = new PresenceStore(provider.awareness);
    const origin = { client: doc.clientID };
    const actions = new BoardActions(doc, store, origin, () => live.name, () => live.limit, () => live.noteOrigin);
    actions.readOnly = live.readOnly;
    const undo = new Y.UndoManager([getNotesMap(doc), getClustersMap(doc), getKeyIdeasArray(doc)], {
      trackedOrigins: new Set([origin]),
      captureTimeout: 600,
    });
    setRoom({ doc, store, presence, actions, undo });
    setConnection('connecting');
    setFailure(null);
    setLoads(0);
    let serverLoaded = false;
    void local.whenSynced.then(() => setLoads((n) => n + 1));
    const onSync = (synced: boolean) => {
      if (!synced || serverLoaded) return;
      serverLoaded = true;
      setLoads((n) => n + 1);
    };
    provider.on('sync', onSync);

    // The browser knows before the socket does: go offline at once, reconnect when back.
    const onOffline = () => {
      provider.disconnect();
      setConnection('offline');
    };
    const onOnline = () => {
      if (!opened.failed) provider.connect();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) onOffline();

    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      provider.off('sync', onSync);
      undo.destroy();
      presence.destroy();
      store.destroy();
      setRoom(null);
      // A note being typed when the page moves on (a round change) still reaches the server.
      closeWhenFlushed(opened, () => {
        void local.destroy();
        doc.destroy();
      });
    };
  }, [sessionId, roomId, token, person, wsBase, live]);

  useEffect(() => {
    if (room !== null) room.actions.readOnly = options.readOnly;
  }, [room, options.readOnly]);

  useEffect(() => {
    if (room !== null && options.name !== '') room.presence.setUser(options.name);
  }, [room, options.name]);

  return { room, connection, failure, loads };
}
