import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode, FATAL_CLOSE_CODES, STORAGE_STATUS_MESSAGE, StorageStatus } from '@concerto/contract';
import { storageNotices } from './storageNotice.js';
import type { StorageNotices } from './storageNotice.js';

export type ConnectionState = 'connecting' | 'connected' | 'offline';
/** Why the room stopped for good: the link is refused, or the group is full. */
export type RoomFailure = 'invalid-link' | 'not-found' | 'too-large';

export function defaultWsBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** A close code that ends the room for good, and why; null for those that retry (4429, 1012…). */
export function failureOf(code: number): RoomFailure | null {
  if (code === CloseCode.notFound) return 'not-found';
  if (FATAL_CLOSE_CODES.includes(code)) return 'invalid-link';
  if (code === CloseCode.documentTooLarge) return 'too-large';
  return null;
}

export interface RoomOpening {
  sessionId: string;
  /** a group id or `plenary` */
  room: string;
  token: string;
  /** the action-sheet phase: the person id whose chosen axis gives a rotating group's link its rights */
  person?: string;
  /** default: a new document, destroyed with the room */
  doc?: Y.Doc;
  /** default: same host, `/ws` */
  wsBase?: string;
  /** no awareness entry is ever sent (the console watching a group must not appear present) */
  silent?: boolean;
  onStatus?: (state: ConnectionState) => void;
  /** a refused link, a deleted session or a full group: the room stopped and will not retry */
  onFailure?: (failure: RoomFailure) => void;
  /** where the server's storage status goes; default: the page's (the banner shows it) */
  storageNotices?: StorageNotices;
}

export interface OpenedRoom {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** stopped for good after a failure (a reconnect must not be attempted) */
  readonly failed: boolean;
  destroy(): void;
}

/**
 * One websocket to one room of a session, as every page opens it (canvas, plenary, console
 * watches): the token as a parameter, a final stop on a refused link, backoff capped at 5 s.
 */
export function openRoom(opening: RoomOpening): OpenedRoom {
  const ownDoc = opening.doc === undefined;
  const doc = opening.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(opening.wsBase ?? defaultWsBase(), `${opening.sessionId}/${opening.room}`, doc, {
    params: opening.person === undefined ? { token: opening.token } : { token: opening.token, person: opening.person },
    shouldReconnect: (event) => failureOf(event.code) === null,
    maxBackoffTime: 5000,
  });
  // Before the socket opens, so no awareness entry is sent.
  if (opening.silent === true) provider.awareness.setLocalState(null);
  let failed = false;
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') opening.onStatus?.('connected');
    else if (status === 'disconnected') opening.onStatus?.('offline');
  };
  // y-websocket says « disconnected » only for a socket that had connected: an attempt that
  // never got through (a page opened or reloaded where the server cannot be reached, while the
  // browser believes it is online) would otherwise stay « Connexion… » for as long as it lasts.
  const onConnectionClose = () => {
    if (!provider.wsconnected) opening.onStatus?.('offline');
  };
  const onClosed = ({ code }: { code: number }) => {
    const failure = failureOf(code);
    if (failure === null) return;
    failed = true;
    provider.disconnect();
    opening.onFailure?.(failure);
  };
  provider.on('status', onStatus);
  provider.on('closed', onClosed);
  provider.on('connection-close', onConnectionClose);
  const stopStorage = followStorageStatus(provider, opening.storageNotices ?? storageNotices);
  return {
    doc,
    provider,
    get failed() {
      return failed;
    },
    destroy() {
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnectionClose);
      stopStorage();
      provider.destroy();
      if (ownDoc) doc.destroy();
    },
  };
}

/**
 * Issue 10 item 9: the server's storage status message (docs/contract.md), `[4, status]`.
 * The server says « suspended » on joining during an outage and says nothing when all is well,
 * so a connection (a reconnect, perhaps to another process) that syncs without hearing it
 * finds storage working: whatever it said before is over.
 */
export function followStorageStatus(provider: WebsocketProvider, notices: StorageNotices): () => void {
  const source = notices.source();
  let heard = false;
  provider.messageHandlers[STORAGE_STATUS_MESSAGE] = (_encoder, decoder) => {
    // one byte, 0 or 1 (a varUint below 128): read here without lib0
    const status = decoder.arr[decoder.pos];
    decoder.pos = decoder.arr.length;
    heard = true;
    source.set(status === StorageStatus.suspended);
  };
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') heard = false;
  };
  const onSync = (synced: boolean) => {
    if (synced && !heard) source.set(false);
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  return () => {
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    source.close();
  };
}

/** How long a room left behind may wait for the server to take what it holds. */
const LINGER_MAX_MS = 10 * 60_000;

/**
 * Closes a room the page is leaving without losing what was written in it. Connected and
 * synced, every local change has already gone out on the socket, and closing sends what is
 * queued before the close frame: it closes at once. Otherwise (offline, reconnecting: a
 * rotating group moved to its next board meanwhile) the room stays open unseen — no presence —
 * until it has synced with the server, which takes the changes it lacks from this device's
 * sync step 2, then closes. `done` runs once it is closed.
 */
export function closeWhenFlushed(opened: OpenedRoom, done: () => void = () => undefined): void {
  const { provider } = opened;
  if (opened.failed || (provider.wsconnected && provider.synced)) {
    opened.destroy();
    done();
    return;
  }
  provider.awareness.setLocalState(null);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timeout);
    provider.off('sync', onSync);
    window.removeEventListener('online', onOnline);
    opened.destroy();
    done();
  };
  // Synced means the server answered this connection's sync step 1; this device's step 2
  // (what the server lacks) went out before, answering the server's own step 1.
  const onSync = (synced: boolean) => {
    if (synced) setTimeout(finish, 0);
  };
  const onOnline = () => provider.connect();
  const timeout = setTimeout(finish, LINGER_MAX_MS);
  provider.on('sync', onSync);
  window.addEventListener('online', onOnline);
  if (navigator.onLine !== false && !opened.failed) provider.connect();
}
