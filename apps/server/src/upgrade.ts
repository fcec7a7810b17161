/**
 * The websocket edge: `/ws/<sessionId>/<room>?token=…`. Checks the token and the room before
 * anything is synced, loads the room, then hands the socket to the sync core.
 * Refusals are sent as close codes (browsers cannot read an HTTP status on an upgrade).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { PERSON_ID } from '@concerto/board';
import { CloseCode } from '@concerto/contract';
import type { Limits } from './config.js';
import type { Logger, RoomRegistry } from './rooms.js';
import { Connection } from './connection.js';
import type { Room } from './room.js';
import { roomAccess, roomExists } from './rights.js';
import type { TokenClaims } from './tokens.js';
import type { SessionRecord } from './storage/index.js';
import { StorageUnavailableError } from './storage/port.js';
import { policyOf } from './sessions.js';
import { settingsOf } from './settings.js';
import type { Sessions } from './sessions.js';
import { roomSpec } from './routeKit.js';
import { TokenBucket } from './rateLimit.js';
import { decodeMessage, encodeStorageStatus, KEEP_ALIVE_FRAME as KEEP_ALIVE } from './protocol.js';
import type { ClientMessage } from './protocol.js';
import { wsPeer } from './wsPeer.js';
import type { Metrics, RefusalReason } from './metrics.js';
import type { RefusalLog } from './refusalLog.js';
import { originAllowed } from './origin.js';
import type { OriginPolicy } from './origin.js';

const PATH = /^\/ws\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;
/** Ping every interval; a socket that missed a whole interval is dead. */
const HEARTBEAT_MS = 15_000;
/** Awareness not renewed for this long is dropped (clients renew every 15 s). */
const AWARENESS_TIMEOUT_MS = 30_000;

const SUSPENDED = encodeStorageStatus(true);
const STORED = encodeStorageStatus(false);

const REFUSAL_OF: Record<number, RefusalReason> = {
  [CloseCode.unauthorized]: 'unauthorized',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.notFound]: 'not-found',
  [CloseCode.serviceRestart]: 'restarting',
  [CloseCode.tryAgainLater]: 'storage-unavailable',
  [CloseCode.internalError]: 'server-error',
};

export interface SocketDeps {
  sessions: Sessions;
  rooms: RoomRegistry;
  limits: Limits;
  log: Logger;
  origins: OriginPolicy;
  metrics: Metrics;
  /** refused connections: counted, and logged one line each but rate-limited per address */
  refusals: RefusalLog;
}

interface Live {
  socket: WebSocket;
  connection: Connection;
  room: Room;
  claims: TokenClaims;
  alive: boolean;
}

export class SocketServer {
  private readonly wss: WebSocketServer;
  private readonly live = new Set<Live>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextId = 1;
  private closing = false;

  constructor(private readonly deps: SocketDeps) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxMessageBytes, perMessageDeflate: false });
    this.wss.on('error', (err) => deps.log.error(`websocket server: ${err.message}`));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    deps.rooms.onStorageHealth((healthy) => this.tellStorage(healthy));
  }

  /**
   * Issue 10 item 9: while appends fail nothing is relayed (the durability rule), so every
   * open connection of this instance is told, and told again once the backlog is stored.
   * Each instance speaks of its own storage link; a newcomer hears it on joining (`admit`).
   */
  private tellStorage(healthy: boolean): void {
    const now = Date.now();
    for (const entry of this.live) entry.connection.send(healthy ? STORED : SUSPENDED, now);
    this.deps.log.info(healthy ? `storage is back: ${this.live.size} connection(s) told` : `storage suspended: ${this.live.size} connection(s) told`);
  }

  /** true once `close()` began: new upgrades are refused with 1012 and /healthz answers 503 */
  get isClosing(): boolean {
    return this.closing;
  }

  get connectionCount(): number {
    return this.live.size;
  }

  /** bytes queued to every socket, not yet written (metrics) */
  get queuedBytes(): number {
    let bytes = 0;
    for (const entry of this.live) bytes += entry.socket.bufferedAmount;
    return bytes;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    // Issue 10 item 7: a page of another site never gets as far as the token check.
    if (!originAllowed(this.deps.origins, request.headers.origin, request.headers.host)) {
      this.refused(request, 'origin', `origin ${JSON.stringify(request.headers.origin ?? '').slice(0, 80)} not allowed`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    void this.admit(request, socket, head).catch((err: Error) => {
      if (err instanceof StorageUnavailableError) {
        return this.refuse(request, socket, head, CloseCode.tryAgainLater, 'storage unavailable, try again');
      }
      this.deps.log.error(`websocket upgrade failed: ${err.message}`);
      this.refuse(request, socket, head, CloseCode.internalError, 'server error');
    });
  }

  private async admit(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.closing) return this.refuse(request, socket, head, CloseCode.serviceRestart, 'server restarting');
    const url = new URL(request.url ?? '/', 'http://x');
    const match = PATH.exec(url.pathname);
    if (match === null) return this.refuse(request, socket, head, CloseCode.notFound, 'no such room');
    const [, sessionId, roomName] = match as unknown as [string, string, string];
    // During a storage outage a room that is not loaded could neither load nor store its
    // first batch: say so at once with a retryable code rather than leave the client waiting.
    if (!this.deps.rooms.storageHealthy && this.deps.rooms.get(sessionId, roomName) === undefined) {
      return this.refuse(request, socket, head, CloseCode.tryAgainLater, 'storage unavailable, try again');
    }
    // The action-sheet phase: the person id the page gives decides its rights (rights.ts).
    const person = url.searchParams.get('person');
    const authenticate = async () => {
      const result = await this.deps.sessions.authenticate(url.searchParams.get('token'), sessionId);
      return result.ok && person !== null && PERSON_ID.test(person) ? { ...result, claims: { ...result.claims, person } } : result;
    };
    let auth = await authenticate();
    if (auth.ok && settingsOf(auth.session).rotation !== null && roomAccess(auth.claims, policyOf(auth.session), roomName) === 'none') {
      // Rounds move a rotating group's rights, and its page moves at once: a record cached
      // before a round change made elsewhere (its announcement lost) is read again before a
      // refusal, which would stop that page for good.
      this.deps.sessions.forget(sessionId);
      auth = await authenticate();
    }
    if (!auth.ok) {
      const code = auth.reason === 'unauthorized' ? CloseCode.unauthorized : auth.reason === 'forbidden' ? CloseCode.forbidden : CloseCode.notFound;
      return this.refuse(request, socket, head, code, auth.detail);
    }
    const policy = policyOf(auth.session);
    if (!roomExists(policy, roomName)) return this.refuse(request, socket, head, CloseCode.notFound, 'no such room');
    const access = roomAccess(auth.claims, policy, roomName);
    if (access === 'none') return this.refuse(request, socket, head, CloseCode.forbidden, 'this link does not open this room');

    const room = await this.deps.rooms.acquire(roomSpec(auth.session, roomName));
    if (socket.destroyed || this.closing) {
      this.deps.rooms.release(room);
      if (!socket.destroyed) this.refuse(request, socket, head, CloseCode.serviceRestart, 'server restarting');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const label = `#${this.nextId++} ${auth.claims.role}${auth.claims.groupId ? `:${auth.claims.groupId}` : ''}`;
      const { limits } = this.deps;
      const { metrics } = this.deps;
      const peer = wsPeer(ws, socket, {
        maxBufferedBytes: limits.maxSendBufferBytes,
        onSent: (bytes) => metrics.sent(bytes),
        onSlow: (queued) => this.refused(request, 'slow-reader', `${room.key}: ${label} reads too slowly (${queued} bytes queued): closed with ${CloseCode.tryAgainLater}`),
      });
      const connection = new Connection(
        peer,
        access,
        new TokenBucket(limits.messagesPerSecond, limits.messageBurst, Date.now()),
        label,
      );
      const entry: Live = { socket: ws, connection, room, claims: auth.claims, alive: true };
      this.live.add(entry);
      ws.on('error', (err) => this.deps.log.warn(`${room.key}: socket ${label}: ${err.message}`));
      ws.on('pong', () => {
        entry.alive = true;
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) {
          connection.close(CloseCode.unsupportedData, 'binary frames only');
          return;
        }
        if (connection.closed) return; // R13: nothing more is read from it
        let message: ClientMessage;
        try {
          message = decodeMessage(data);
        } catch (err) {
          this.deps.log.warn(`${room.key}: closing ${label} (${CloseCode.unsupportedData}): ${(err as Error).message}`);
          connection.close(CloseCode.unsupportedData, (err as Error).message.slice(0, 120));
          return;
        }
        room.receive(connection, message, Date.now());
      });
      ws.on('close', () => {
        this.live.delete(entry);
        room.leave(connection, Date.now());
        this.deps.rooms.unloadIfIdle(room);
      });
      room.join(connection, Date.now());
      if (!this.deps.rooms.storageHealthy) connection.send(SUSPENDED, Date.now());
      this.deps.rooms.release(room);
    });
  }

  /**
   * A session's rules changed (lock, close, groups): live connections get their new access
   * at once, so a locked room stops accepting writes without anyone reconnecting.
   */
  applyPolicy(session: SessionRecord): void {
    const policy = policyOf(session);
    for (const entry of this.live) {
      if (entry.room.sessionId !== session.id) continue;
      const access = roomAccess(entry.claims, policy, entry.room.name);
      if (access === 'none') entry.connection.close(CloseCode.forbidden, 'this room is no longer open to this link');
      else entry.connection.setAccess(access);
    }
  }

  /** The access of each live connection of a session (operators, tests). */
  accessOf(sessionId: string): { room: string; access: 'read' | 'write' }[] {
    return [...this.live].filter((e) => e.room.sessionId === sessionId && !e.connection.closed).map((e) => ({ room: e.room.name, access: e.connection.access }));
  }

  /** Closes every connection of a session (it was deleted). */
  closeSession(sessionId: string): void {
    for (const entry of this.live) {
      if (entry.room.sessionId === sessionId) entry.connection.close(CloseCode.notFound, 'this session was deleted');
    }
  }

  /** one log line per refused connection, with its reason; never the URL (its query holds the token) */
  private refused(request: IncomingMessage, reason: RefusalReason, detail: string): void {
    const path = (request.url ?? '').split('?')[0]!.slice(0, 160);
    const address = request.socket.remoteAddress ?? '?';
    this.deps.refusals.refuse(reason, address, `refused ${address} ${path}: ${reason}: ${detail}`);
  }

  private refuse(request: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    this.refused(request, REFUSAL_OF[code] ?? 'server-error', `${code} ${reason}`);
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => undefined);
      ws.close(code, reason.slice(0, 120));
    });
  }

  private beat(): void {
    const now = Date.now();
    for (const entry of this.live) {
      if (!entry.alive) {
        entry.socket.terminate();
        continue;
      }
      entry.alive = false;
      entry.socket.ping();
      // y-websocket clients drop a connection that was silent for 30 s: say something.
      if (now - entry.connection.lastSentAt >= HEARTBEAT_MS) entry.connection.send(KEEP_ALIVE, now);
    }
    for (const room of this.deps.rooms.all()) room.expireAwareness(now - AWARENESS_TIMEOUT_MS, now);
  }

  /** Closes every socket with 1012 so clients reconnect to the next process. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const closed = [...this.live].map(
      (entry) => new Promise<void>((resolve) => {
        entry.socket.once('close', () => resolve());
        entry.socket.close(CloseCode.serviceRestart, 'server restarting');
        setTimeout(() => {
          entry.socket.terminate();
          resolve();
        }, 2_000).unref();
      }),
    );
    await Promise.all(closed);
    this.wss.close();
  }
}
