import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode, FATAL_CLOSE_CODES } from '@concerto/contract';
import { getClustersMap, getKeyIdeasArray, getNotesMap } from '@concerto/board';

import { BoardActions } from './actions.js';
import { BoardStore } from './boardStore.js';
import { PresenceStore } from './presence.js';

export type ConnectionState = 'connecting' | 'connected' | 'offline';
/** Why the room stopped for good: the link is refused, or the group is full. */
export type RoomFailure = 'invalid-link' | 'not-found' | 'too-large';

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
  /** display name, for authorship and presence */
  name: string;
  keyIdeaLimit: number;
  readOnly: boolean;
  /** default: same host, `/ws` */
  wsBase?: string;
}

export function defaultWsBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

function failureOf(code: number): RoomFailure | null {
  if (code === CloseCode.notFound) return 'not-found';
  if (FATAL_CLOSE_CODES.includes(code)) return 'invalid-link';
  if (code === CloseCode.documentTooLarge) return 'too-large';
  return null;
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
  const { sessionId, roomId, token, wsBase } = options;
  const [room, setRoom] = useState<Room | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [failure, setFailure] = useState<RoomFailure | null>(null);
  const [loads, setLoads] = useState(0);
  // Values read by long-lived objects through closures: kept current without re-creating the room.
  const [live] = useState(() => ({ name: options.name, limit: options.keyIdeaLimit, readOnly: options.readOnly }));
  live.name = options.name;
  live.limit = options.keyIdeaLimit;
  live.readOnly = options.readOnly;

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`concerto:${sessionId}/${roomId}`, doc);
    let failed = false;
    const provider = new WebsocketProvider(wsBase ?? defaultWsBase(), `${sessionId}/${roomId}`, doc, {
      params: { token },
      // Only a refused link or a full group are final; 4429 (too fast) and 1012 (restart) retry.
      shouldReconnect: (event) => failureOf(event.code) === null,
      maxBackoffTime: 5000,
    });
    const store = new BoardStore(doc);
    const presence = new PresenceStore(provider.awareness);
    const origin = { client: doc.clientID };
    const actions = new BoardActions(doc, store, origin, () => live.name, () => live.limit);
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

    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') setConnection('connected');
      else if (status === 'disconnected') setConnection('offline');
    };
    const onClosed = ({ code }: { code: number }) => {
      const reason = failureOf(code);
      if (reason === null) return;
      failed = true;
      provider.disconnect();
      setFailure(reason);
    };
    // The browser knows before the socket does: go offline at once, reconnect when back.
    const onOffline = () => {
      provider.disconnect();
      setConnection('offline');
    };
    const onOnline = () => {
      if (!failed) provider.connect();
    };
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
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
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setRoom(null);
    };
  }, [sessionId, roomId, token, wsBase, live]);

  useEffect(() => {
    if (room !== null) room.actions.readOnly = options.readOnly;
  }, [room, options.readOnly]);

  useEffect(() => {
    if (room !== null && options.name !== '') room.presence.setUser(options.name);
  }, [room, options.name]);

  return { room, connection, failure, loads };
}
