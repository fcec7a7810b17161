/**
 * One live room: its Y.Doc, its connections and their awareness, and the updates applied
 * since the last flush. The room never talks to storage itself: the registry (`rooms.ts`)
 * takes its batch, appends it durably, and only then calls `commit`, which relays it.
 * That ordering is the durability rule: nothing reaches another client before it is stored.
 */
import * as Y from 'yjs';
import { CloseCode } from '@concerto/contract';
import { getKeyIdeasArray, trimKeyIdeas } from '@concerto/board';
import { AwarenessStates, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness.js';
import type { AwarenessEntry } from './awareness.js';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, ProtocolError } from './protocol.js';
import type { ConnectionAccess, Peer } from './peer.js';
import type { TokenBucket } from './rateLimit.js';
import { binaryFrame } from './wsFrame.js';
import type { Limits } from './config.js';

/** Transaction origin of the server's own writes (key-idea trimming, pushes, initialisation). */
export const SERVER_ORIGIN = Symbol('concerto-server');

/** A client id per tab is the norm; a few more allow a client that reset its document. */
const MAX_CLIENT_IDS_PER_CONNECTION = 4;

export class Connection {
  readonly clientIds = new Set<number>();
  lastSentAt = 0;
  /** set once the socket is closed, so late flushes skip it */
  closed = false;
  constructor(
    readonly peer: Peer,
    public access: ConnectionAccess,
    readonly bucket: TokenBucket,
    readonly label: string,
  ) {}

  send(frame: Uint8Array, now: number): void {
    if (this.closed) return;
    this.lastSentAt = now;
    this.peer.send(frame);
  }

  /** the same frame to many connections: encoded for the wire once, written as is */
  sendEncoded(wire: Buffer, frame: Uint8Array, now: number): void {
    if (this.closed) return;
    this.lastSentAt = now;
    if (this.peer.sendEncoded !== undefined) this.peer.sendEncoded(wire, frame);
    else this.peer.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.peer.close(code, reason);
  }
}

export interface RoomOptions {
  /**
   * The stored state as one update, not yet integrated into the document. A cold room answers
   * newcomers straight from it, and integrates it only when something needs the document
   * (a write, an HTTP read): joining a large room costs a database read, not a Yjs integration.
   */
  baseState: Uint8Array | null;
  /** runs once the document holds the stored state (e.g. stamping the schema) */
  afterIntegrate: (room: Room) => void;
  sessionId: string;
  name: string;
  /** the key-idea limit for a group canvas; null for the plenary */
  keyIdeaLimit: number | null;
  limits: Limits;
  /** the stored size and row count of the room's log when it was loaded */
  storedBytes: number;
  storedRows: number;
  /** called when the room has updates to store and relay */
  onDirty: (room: Room) => void;
  /** called when the room has awareness changes to relay (not stored: they skip the storage flush) */
  onAwareness: (room: Room) => void;
  log: (level: 'info' | 'warn', message: string) => void;
}

export interface Batch {
  room: Room;
  /** the room's updates since the last flush, merged into one */
  update: Uint8Array | null;
  /** the only connection these updates came from, which need not hear them back */
  soleOrigin: Connection | null;
  /** answers to sync step 1 computed from the state this batch makes durable */
  replies: { connection: Connection; frame: Uint8Array }[];
}

const EMPTY_STATE_VECTOR = 0;

function isEmptyUpdate(update: Uint8Array): boolean {
  // no struct and no deletion: what a client with nothing new sends as its sync step 2
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export class Room {
  private readonly ydoc: Y.Doc;
  private baseState: Uint8Array | null;
  private integrating = false;
  readonly connections = new Set<Connection>();
  readonly awareness = new AwarenessStates();
  readonly sessionId: string;
  readonly name: string;
  readonly keyIdeaLimit: number | null;
  storedBytes: number;
  storedRows: number;
  /** HTTP handlers and loaders hold the room too; it unloads when this and connections are 0 */
  holds = 0;
  /** a batch of this room is being stored: unloading now would lose it for the next loader */
  inFlight = false;

  private pendingUpdates: Uint8Array[] = [];
  private pendingOrigins = new Set<Connection | null>();
  private pendingAwareness = new Map<number, AwarenessEntry>();
  private stepOneWaiters: { connection: Connection; stateVector: Uint8Array }[] = [];
  private keyIdeasTouched = false;
  private readonly owners = new Map<number, Connection>();
  private readonly options: RoomOptions;

  constructor(doc: Y.Doc, options: RoomOptions) {
    this.ydoc = doc;
    this.baseState = options.baseState;
    this.options = options;
    this.sessionId = options.sessionId;
    this.name = options.name;
    this.keyIdeaLimit = options.keyIdeaLimit;
    this.storedBytes = options.storedBytes;
    this.storedRows = options.storedRows;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.integrating) return; // the stored state: already on disk
      // Counted when applied, not when stored: a burst must not slip past the size cap.
      this.storedBytes += update.length;
      this.pendingUpdates.push(update);
      this.pendingOrigins.add(origin instanceof Connection ? origin : null);
      options.onDirty(this);
    });
    if (this.keyIdeaLimit !== null) {
      getKeyIdeasArray(doc).observe(() => {
        this.keyIdeasTouched = true;
      });
    }
  }

  /** The room's document, with the stored state integrated (done on first use). */
  get doc(): Y.Doc {
    if (this.baseState !== null) this.integrate();
    return this.ydoc;
  }

  get isIntegrated(): boolean {
    return this.baseState === null;
  }

  private integrate(): void {
    const base = this.baseState!;
    this.baseState = null;
    this.integrating = true;
    try {
      Y.applyUpdate(this.ydoc, base);
    } finally {
      this.integrating = false;
    }
    this.options.afterIntegrate(this);
  }

  /** Frees the document without integrating what it never needed. */
  destroy(): void {
    this.baseState = null;
    this.ydoc.destroy();
  }

  get key(): string {
    return `${this.sessionId}/${this.name}`;
  }

  get hasPendingUpdates(): boolean {
    return this.pendingUpdates.length > 0 || this.stepOneWaiters.length > 0;
  }

  get isIdle(): boolean {
    return this.connections.size === 0 && this.holds === 0;
  }

  /** A new client: the server's sync step 1 and the present awareness states. */
  join(connection: Connection, now: number): void {
    this.connections.add(connection);
    const stateVector = this.baseState !== null ? Y.encodeStateVectorFromUpdate(this.baseState) : Y.encodeStateVector(this.ydoc);
    connection.send(encodeSyncStep1(stateVector), now);
    const present = this.awareness.present();
    if (present.length > 0) connection.send(encodeAwareness(encodeAwarenessUpdate(present)), now);
  }

  leave(connection: Connection, now: number): void {
    if (!this.connections.delete(connection)) return;
    connection.closed = true;
    for (const clientId of connection.clientIds) {
      if (this.owners.get(clientId) === connection) this.owners.delete(clientId);
    }
    this.queueAwareness(this.awareness.remove(connection.clientIds, now));
    this.stepOneWaiters = this.stepOneWaiters.filter((w) => w.connection !== connection);
  }

  /**
   * Handles one frame from a connection. Returns normally, or closes the connection itself
   * with the right code when the frame breaks a rule. Never throws.
   */
  receive(connection: Connection, frame: Uint8Array, now: number, durableNow: boolean): void {
    if (connection.closed) return;
    if (!connection.bucket.take(now)) {
      connection.close(CloseCode.tooManyMessages, 'too many messages');
      return;
    }
    let message;
    try {
      message = decodeMessage(frame);
    } catch (err) {
      this.refuse(connection, CloseCode.unsupportedData, (err as Error).message);
      return;
    }
    switch (message.type) {
      case 'sync-step1':
        this.answerStepOne(connection, message.stateVector, now, durableNow);
        return;
      case 'sync-step2':
      case 'update':
        // Read-only connections send their step 2 on every connect: ignore it quietly.
        if (connection.access === 'write') this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update, now);
        return;
      case 'query-awareness': {
        const present = this.awareness.present();
        connection.send(encodeAwareness(encodeAwarenessUpdate(present)), now);
        return;
      }
    }
  }

  private answerStepOne(connection: Connection, stateVector: Uint8Array, now: number, durableNow: boolean): void {
    if (durableNow && this.pendingUpdates.length === 0) {
      let diff: Uint8Array;
      try {
        const base = this.baseState;
        if (base === null) diff = Y.encodeStateAsUpdate(this.ydoc, stateVector);
        // A newcomer with an empty document gets the stored state as it is.
        else diff = stateVector.length === 1 && stateVector[0] === EMPTY_STATE_VECTOR ? base : Y.diffUpdate(base, stateVector);
      } catch (err) {
        this.refuse(connection, CloseCode.invalidPayload, `bad state vector: ${(err as Error).message}`);
        return;
      }
      connection.send(encodeSyncStep2(diff), now);
      return;
    }
    // Part of the state is not on disk yet: answer once the flush that stores it is durable.
    this.stepOneWaiters.push({ connection, stateVector });
    this.options.onDirty(this);
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (isEmptyUpdate(update)) return;
    if (this.storedBytes + update.length > this.options.limits.maxDocumentBytes) {
      connection.close(CloseCode.documentTooLarge, 'document size limit reached');
      this.options.log('warn', `${this.key}: document size limit reached, ${connection.label} closed`);
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (err) {
      this.refuse(connection, CloseCode.invalidPayload, `update does not decode: ${(err as Error).message}`);
      return;
    }
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // A causal gap: structures whose dependencies the server never saw. They are not part
      // of the document (Yjs parks them), so dropping them changes nothing; the client
      // reconnects, and its sync step 2 then carries everything it has.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.refuse(connection, CloseCode.invalidPayload, 'update depends on changes the server does not have');
      return;
    }
    if (this.keyIdeasTouched && this.keyIdeaLimit !== null) {
      this.keyIdeasTouched = false;
      // Concurrent marks can overshoot the limit once merged: the server settles it for everyone.
      trimKeyIdeas(this.doc, this.keyIdeaLimit, SERVER_ORIGIN);
    }
  }

  private applyAwareness(connection: Connection, update: Uint8Array, now: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (err) {
      this.refuse(connection, CloseCode.unsupportedData, (err as Error).message);
      return;
    }
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner === connection) continue;
      if (owner !== undefined || connection.clientIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) {
        // Speaking for someone else's client id: drop the whole message, keep the connection.
        this.options.log('warn', `${this.key}: ${connection.label} sent awareness for a client id it does not own`);
        return;
      }
    }
    for (const entry of entries) {
      if (!connection.clientIds.has(entry.clientId)) {
        connection.clientIds.add(entry.clientId);
        this.owners.set(entry.clientId, connection);
      }
    }
    this.queueAwareness(this.awareness.apply(entries, now));
  }

  private queueAwareness(changed: readonly AwarenessEntry[]): void {
    if (changed.length === 0) return;
    for (const entry of changed) this.pendingAwareness.set(entry.clientId, entry);
    this.options.onAwareness(this);
  }

  /** Expires awareness of clients that stopped renewing it (clients renew every 15 s). */
  expireAwareness(before: number, now: number): void {
    this.queueAwareness(this.awareness.expire(before, now));
  }

  /** Relays the awareness changes of this window, latest state per client, one frame for all. */
  flushAwareness(now: number): void {
    if (this.pendingAwareness.size === 0) return;
    const frame = encodeAwareness(encodeAwarenessUpdate(this.pendingAwareness.values()));
    this.pendingAwareness.clear();
    for (const connection of this.connections) connection.send(frame, now);
  }

  /** Takes what must be stored before it can be relayed. */
  takeBatch(): Batch {
    const updates = this.pendingUpdates;
    const origins = this.pendingOrigins;
    this.pendingUpdates = [];
    this.pendingOrigins = new Set();
    const update = updates.length === 0 ? null : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    const soleOrigin = origins.size === 1 ? ([...origins][0] ?? null) : null;
    const replies: Batch['replies'] = [];
    for (const { connection, stateVector } of this.stepOneWaiters) {
      if (connection.closed) continue;
      try {
        replies.push({ connection, frame: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)) });
      } catch (err) {
        this.refuse(connection, CloseCode.invalidPayload, `bad state vector: ${(err as Error).message}`);
      }
    }
    this.stepOneWaiters = [];
    return { room: this, update, soleOrigin, replies };
  }

  /** The batch is durable: relay it. */
  commit(batch: Batch, now: number): void {
    for (const { connection, frame } of batch.replies) connection.send(frame, now);
    if (batch.update === null) return;
    this.storedRows += 1;
    const frame = encodeUpdate(batch.update);
    const wire = binaryFrame(frame);
    for (const connection of this.connections) {
      if (connection !== batch.soleOrigin) connection.sendEncoded(wire, frame, now);
    }
  }

  /** Storage failed: put the batch back in front of what came since, to retry. */
  restore(batch: Batch): void {
    if (batch.update !== null) {
      this.pendingUpdates.unshift(batch.update);
      this.pendingOrigins.add(null);
    }
    for (const { connection } of batch.replies) {
      // recomputed from the state at the next flush
      this.stepOneWaiters.push({ connection, stateVector: Y.encodeStateVector(new Y.Doc()) });
    }
  }

  private refuse(connection: Connection, code: number, reason: string): void {
    this.options.log('warn', `${this.key}: closing ${connection.label} (${code}): ${reason}`);
    connection.close(code, reason.slice(0, 120));
  }
}

export { ProtocolError };
