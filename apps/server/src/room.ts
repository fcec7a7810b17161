/**
 * One live room: its Y.Doc, its connections with their rights and awareness, the key-idea
 * rule, and the updates applied since the last flush. Transport-free: it takes decoded
 * messages and talks to clients through `Peer` (send, close). It owns its state — counters,
 * holds, the batch in flight, the stored seqs it holds — behind methods.
 *
 * The room never talks to storage or to other instances itself: the registry (`rooms.ts`)
 * takes its batch, appends it durably, and only then calls `commit`, which relays it (and
 * then publishes it). That ordering is the durability rule (SPEC.md R1, R18): nothing reaches
 * another client, here or on another instance, before it is stored.
 */
import * as Y from 'yjs';
import { CloseCode } from '@concerto/contract';
import { getKeyIdeasArray, trimKeyIdeas } from '@concerto/board';
import { AwarenessStates, decodeAwarenessUpdate, encodeAwarenessUpdate, NULL_STATE } from './awareness.js';
import type { AwarenessEntry } from './awareness.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import type { ClientMessage } from './protocol.js';
import type { ConnectionAccess, Peer } from './peer.js';
import type { TokenBucket } from './rateLimit.js';
import type { Limits } from './config.js';
import { SeqTracker } from './seqTracker.js';

/** Transaction origin of the server's own writes (key-idea trimming, pushes, initialisation). */
export const SERVER_ORIGIN = Symbol('concerto-server');

/** Transaction origin of what is already stored (another instance's batches, catch-up rows): relayed, never stored again. */
export const REMOTE_ORIGIN = Symbol('concerto-stored-elsewhere');

/** A client id per tab is the norm; a few more allow a client that reset its document. */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;
/** Largest awareness state (its JSON): a name, a colour, a cursor and a drag fit in a few hundred bytes (R25). */
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;
/** A client's awareness is relayed at most this often; what comes between is coalesced, latest wins (R26). */
export const AWARENESS_RELAY_MS = 50;
/** At most one warning per connection this often; the rest are counted (R27). */
const WARN_EVERY_MS = 60_000;

/** Why a message was dropped or a connection refused: a label of the `concerto_dropped_messages_total` metric. */
export type DropReason =
  | 'awareness-echo'
  | 'awareness-foreign-id'
  | 'awareness-too-many-ids'
  | 'awareness-too-large'
  | 'awareness-malformed'
  | 'rate-limit'
  | 'document-too-large'
  | 'invalid-update'
  | 'read-only-update';

/** One client's connection to a room: its peer, its rights, its rate limit and its client ids. */
export class Connection {
  /** the awareness client ids this connection speaks for (R8) */
  readonly clientIds = new Set<number>();
  private sentAt = 0;
  private isClosed = false;
  private warnedAt = -Infinity;
  private quietWarnings = 0;
  private rights: ConnectionAccess;

  constructor(
    private readonly peer: Peer,
    access: ConnectionAccess,
    private readonly bucket: TokenBucket,
    readonly label: string,
  ) {
    this.rights = access;
  }

  get access(): ConnectionAccess {
    return this.rights;
  }

  /** the session's rules changed (lock, close): takes effect on the next message (R4) */
  setAccess(access: ConnectionAccess): void {
    this.rights = access;
  }

  /** when the server last sent something (the heartbeat keeps idle clients from timing out) */
  get lastSentAt(): number {
    return this.sentAt;
  }

  /** set once closed (by either side), so late flushes skip it and late frames are ignored (R14) */
  get closed(): boolean {
    return this.isClosed;
  }

  /** one message allowed by the rate limit at `now`? (R7) */
  allows(now: number): boolean {
    return this.bucket.take(now);
  }

  send(message: Uint8Array, now: number): void {
    if (this.isClosed) return;
    this.sentAt = now;
    this.peer.send(message);
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.peer.close(code, reason);
  }

  /**
   * R27: may a warning about this connection be logged at `now`? One per minute; returns how
   * many were held back since the last one (to say so in the line), or null to stay quiet.
   */
  mayWarn(now: number): number | null {
    if (now - this.warnedAt < WARN_EVERY_MS) {
      this.quietWarnings += 1;
      return null;
    }
    const held = this.quietWarnings;
    this.warnedAt = now;
    this.quietWarnings = 0;
    return held;
  }

  /** the socket closed from the other side: nothing more is sent */
  markClosed(): void {
    this.isClosed = true;
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
  limits: Pick<Limits, 'maxDocumentBytes'>;
  /** the stored size and row count of the room's log when it was loaded */
  storedBytes: number;
  storedRows: number;
  /** the highest storage seq the loaded rows cover (0 for an empty room) */
  storedThroughSeq: number;
  /** called when the room has updates to store and relay */
  onDirty: (room: Room) => void;
  /** called when the room has awareness changes to relay (not stored: they skip the storage flush) */
  onAwareness: (room: Room) => void;
  log: (level: 'info' | 'warn', message: string) => void;
  /** counts a dropped message or a refused connection by reason (metrics); optional */
  count?: (reason: DropReason, n?: number) => void;
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
  private readonly connections = new Set<Connection>();
  private readonly awareness = new AwarenessStates();
  readonly sessionId: string;
  readonly name: string;
  readonly keyIdeaLimit: number | null;
  /** the log's size as stored, plus what is applied and not stored yet (R6) */
  private bytes: number;
  private rows: number;
  /** HTTP handlers and loaders hold the room too; it unloads when this and connections are 0 */
  private holds = 0;
  /** a batch of this room is being stored: unloading now would lose it for the next loader */
  private inFlight = false;

  private pendingUpdates: Uint8Array[] = [];
  private pendingOrigins = new Set<Connection | null>();
  private pendingAwareness = new Map<number, AwarenessEntry>();
  /** when each client's awareness was last relayed (R26) */
  private readonly relayedAt = new Map<number, number>();
  private stepOneWaiters: { connection: Connection; stateVector: Uint8Array }[] = [];
  private keyIdeasTouched = false;
  private readonly owners = new Map<number, Connection>();
  private readonly options: RoomOptions;
  /** which stored batches the document holds (R20) */
  private readonly seqs: SeqTracker;
  /** what the document emitted while applying stored updates: relayed, not stored */
  private storedOut: Uint8Array[] = [];
  /** this instance's own clients' awareness changes, to publish to other instances (R21) */
  private localAwareness = new Map<number, AwarenessEntry>();
  /** other instances' clients' awareness, by owning instance (R21, R22) */
  private readonly remoteAwareness = new Map<string, AwarenessStates>();

  constructor(doc: Y.Doc, options: RoomOptions) {
    this.ydoc = doc;
    this.baseState = options.baseState;
    this.options = options;
    this.sessionId = options.sessionId;
    this.name = options.name;
    this.keyIdeaLimit = options.keyIdeaLimit;
    this.bytes = options.storedBytes;
    this.rows = options.storedRows;
    this.seqs = new SeqTracker(options.storedThroughSeq);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.integrating) return; // the stored state: already on disk
      if (origin === REMOTE_ORIGIN) {
        this.bytes += update.length;
        this.storedOut.push(update);
        return;
      }
      // Counted when applied, not when stored: a burst must not slip past the size cap.
      this.bytes += update.length;
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

  /** everything applied to the document is stored: nothing pending, no batch being stored */
  get isDurable(): boolean {
    return this.pendingUpdates.length === 0 && !this.inFlight;
  }

  /** a batch taken by `takeBatch` is being stored (until `commit` or `restore`) */
  get isStoring(): boolean {
    return this.inFlight;
  }

  get isIdle(): boolean {
    return this.connections.size === 0 && this.holds === 0;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** rows in the room's stored log (snapshot included), as far as this process knows */
  get storedRows(): number {
    return this.rows;
  }

  /** bytes of the room's stored log, plus what is applied and not yet stored */
  get storedBytes(): number {
    return this.bytes;
  }

  /** present awareness states (client id, clock, JSON as sent), this instance's clients and others' */
  presentAwareness(): AwarenessEntry[] {
    const present = this.awareness.present();
    for (const states of this.remoteAwareness.values()) present.push(...states.present());
    return present;
  }

  /** every stored seq up to this one is in the document (R20) */
  get watermark(): number {
    return this.seqs.watermark;
  }

  /** the highest stored seq in the document */
  get highestSeq(): number {
    return this.seqs.highest;
  }

  /** a batch above the watermark is applied while one below it is missing: catch up (R20) */
  get hasSeqGap(): boolean {
    return this.seqs.hasGap;
  }

  /** does storage hold batches this document lacks, by another instance's `head`? */
  isBehind(head: number): boolean {
    return this.seqs.isBehind(head);
  }

  /**
   * R19: a batch another instance stored under `seq` (or, with `seq` null, rows read from
   * storage): applied to the document with REMOTE_ORIGIN, relayed at once to every local
   * connection, never stored again. Returns false when it depends on a batch the document
   * lacks: what could not be integrated is dropped and the seq is not counted as applied, so
   * the catch-up from storage brings it back.
   */
  applyStored(update: Uint8Array, seq: number | null, now: number): boolean {
    if (seq !== null && this.seqs.has(seq)) return true;
    let complete = true;
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (err) {
      this.options.log('warn', `${this.key}: a stored update does not decode: ${(err as Error).message}`);
      complete = false;
    }
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      store.pendingStructs = null;
      store.pendingDs = null;
      complete = false;
    }
    if (complete && seq !== null) {
      this.seqs.applied(seq);
      this.rows += 1;
    }
    const out = this.storedOut;
    this.storedOut = [];
    if (out.length > 0) {
      const message = encodeUpdate(out.length === 1 ? out[0]! : Y.mergeUpdates(out));
      for (const connection of this.connections) connection.send(message, now);
    }
    this.settleKeyIdeas();
    return complete;
  }

  /** every stored row through `lastSeq` (`rows` of them, read by a catch-up) is in the document */
  caughtUp(lastSeq: number, rows: number): void {
    if (lastSeq > this.seqs.watermark) this.rows += rows;
    this.seqs.caughtUp(lastSeq);
  }

  /**
   * R21: another instance's clients' awareness. A client id one of this instance's connections
   * owns is never overwritten from outside; the rest is kept per owning instance and relayed.
   */
  applyRemoteAwareness(instanceId: string, update: Uint8Array, now: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      return;
    }
    entries = entries.filter((e) => !this.owners.has(e.clientId));
    let states = this.remoteAwareness.get(instanceId);
    if (states === undefined) {
      states = new AwarenessStates();
      this.remoteAwareness.set(instanceId, states);
      // An instance this room had not heard from: it may have just loaded the room and know
      // none of our clients (they renew only every 15 s). Tell it now, once.
      for (const entry of this.awareness.present()) this.localAwareness.set(entry.clientId, entry);
      if (this.localAwareness.size > 0) this.options.onAwareness(this);
    }
    this.queueAwareness(states.apply(entries, now), false);
  }

  /** a client of another instance, present there (R21): nobody here speaks for it */
  private isRemoteClient(clientId: number): boolean {
    for (const states of this.remoteAwareness.values()) if (states.isPresent(clientId)) return true;
    return false;
  }

  /** R22: the instances alive now; the states of clients of any other instance are removed and the removal relayed */
  keepInstances(alive: ReadonlySet<string>, now: number): void {
    for (const [instanceId, states] of this.remoteAwareness) {
      if (alive.has(instanceId)) continue;
      this.remoteAwareness.delete(instanceId);
      this.queueAwareness(states.remove(states.present().map((e) => e.clientId), now), false);
    }
  }

  /** an HTTP handler or a loader uses the room: it stays loaded until `unhold` */
  hold(): void {
    this.holds += 1;
  }

  unhold(): void {
    if (this.holds === 0) throw new Error(`${this.key}: released more often than held`);
    this.holds -= 1;
  }

  /** a compaction replaced rows of the stored log by one snapshot row (R17) */
  compacted(replacedRows: number, replacedBytes: number, snapshotBytes: number): void {
    // Rows appended since stay after the snapshot.
    this.rows -= replacedRows;
    this.bytes += snapshotBytes - replacedBytes;
  }

  /** A new client: the server's sync step 1 and the present awareness states. */
  join(connection: Connection, now: number): void {
    this.connections.add(connection);
    const stateVector = this.baseState !== null ? Y.encodeStateVectorFromUpdate(this.baseState) : Y.encodeStateVector(this.ydoc);
    connection.send(encodeSyncStep1(stateVector), now);
    const present = this.presentAwareness();
    if (present.length > 0) connection.send(encodeAwareness(encodeAwarenessUpdate(present)), now);
  }

  leave(connection: Connection, now: number): void {
    if (!this.connections.delete(connection)) return;
    connection.markClosed();
    for (const clientId of connection.clientIds) {
      if (this.owners.get(clientId) === connection) this.owners.delete(clientId);
    }
    this.queueAwareness(this.awareness.remove(connection.clientIds, now));
    this.stepOneWaiters = this.stepOneWaiters.filter((w) => w.connection !== connection);
  }

  /**
   * Handles one decoded message from a connection. Returns normally, or closes the connection
   * itself with the right code when the message breaks a rule. Never throws.
   */
  receive(connection: Connection, message: ClientMessage, now: number): void {
    if (connection.closed) return;
    if (!connection.allows(now)) {
      this.options.count?.('rate-limit');
      this.options.log('warn', `${this.key}: closing ${connection.label} (${CloseCode.tooManyMessages}): too many messages`);
      connection.close(CloseCode.tooManyMessages, 'too many messages');
      return;
    }
    switch (message.type) {
      case 'sync-step1':
        this.answerStepOne(connection, message.stateVector, now);
        return;
      case 'sync-step2':
      case 'update':
        // Read-only connections send their step 2 on every connect: ignore it quietly.
        if (connection.access === 'write') this.applyClientUpdate(connection, message.update);
        else if (!isEmptyUpdate(message.update)) this.options.count?.('read-only-update');
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update, now);
        return;
      case 'query-awareness': {
        const present = this.presentAwareness();
        connection.send(encodeAwareness(encodeAwarenessUpdate(present)), now);
        return;
      }
    }
  }

  /** R3: a sync step 2 only ever carries stored state. */
  private answerStepOne(connection: Connection, stateVector: Uint8Array, now: number): void {
    if (this.isDurable) {
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
    if (this.bytes + update.length > this.options.limits.maxDocumentBytes) {
      this.options.count?.('document-too-large');
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
    this.settleKeyIdeas();
  }

  /** R11: concurrent marks can overshoot the limit once merged: the server settles it for everyone. */
  private settleKeyIdeas(): void {
    if (this.keyIdeasTouched && this.keyIdeaLimit !== null) {
      this.keyIdeasTouched = false;
      trimKeyIdeas(this.doc, this.keyIdeaLimit, SERVER_ORIGIN);
    }
  }

  /**
   * R8, R25, R27: a connection's awareness message. Echoes of states the room already has
   * (y-websocket clients send back every state they receive) are dropped silently and counted;
   * the rest must be the connection's own client ids — at most four, counting the ids this
   * message would add — with states of at most MAX_AWARENESS_STATE_BYTES, or the whole
   * message is dropped (the connection stays open).
   */
  private applyAwareness(connection: Connection, update: Uint8Array, now: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (err) {
      this.refuse(connection, CloseCode.unsupportedData, (err as Error).message, 'awareness-malformed');
      return;
    }
    const own: AwarenessEntry[] = [];
    const added: number[] = [];
    let echoes = 0;
    for (const entry of entries) {
      if (this.owners.get(entry.clientId) === connection) own.push(entry);
      else if (this.isEcho(entry)) echoes += 1;
      else if (this.owners.has(entry.clientId) || this.isRemoteClient(entry.clientId)) {
        return this.dropAwareness(connection, 'awareness-foreign-id', 'sent awareness for a client id it does not own', now);
      } else {
        own.push(entry);
        if (!added.includes(entry.clientId)) added.push(entry.clientId);
      }
    }
    if (echoes > 0) this.options.count?.('awareness-echo', echoes);
    if (connection.clientIds.size + added.length > MAX_CLIENT_IDS_PER_CONNECTION) {
      return this.dropAwareness(connection, 'awareness-too-many-ids', `would speak for more than ${MAX_CLIENT_IDS_PER_CONNECTION} client ids`, now);
    }
    // JSON length in UTF-16 units: a bound on characters, cheap, close enough to bytes for a cap
    if (own.some((e) => e.state.length > MAX_AWARENESS_STATE_BYTES)) {
      return this.dropAwareness(connection, 'awareness-too-large', `sent an awareness state over ${MAX_AWARENESS_STATE_BYTES} bytes`, now);
    }
    for (const clientId of added) {
      connection.clientIds.add(clientId);
      this.owners.set(clientId, connection);
    }
    this.queueAwareness(this.awareness.apply(own, now));
  }

  /**
   * R27: what the room already has — a clock it knows for this client, not newer — or the
   * removal of a client it never knew: a client sends that only back, never for itself.
   */
  private isEcho(entry: AwarenessEntry): boolean {
    let known = this.awareness.clockOf(entry.clientId);
    for (const states of this.remoteAwareness.values()) {
      const clock = states.clockOf(entry.clientId);
      if (clock !== undefined && (known === undefined || clock > known)) known = clock;
    }
    if (known !== undefined) return entry.clock <= known;
    return entry.state === NULL_STATE;
  }

  /** R8, R27: drops the whole message; a warning (one per connection per minute), always a count */
  private dropAwareness(connection: Connection, reason: DropReason, what: string, now: number): void {
    this.options.count?.(reason);
    const held = connection.mayWarn(now);
    if (held === null) return;
    const more = held > 0 ? ` (${held} more dropped since the last warning)` : '';
    this.options.log('warn', `${this.key}: ${connection.label} ${what}: message dropped${more}`);
  }

  /** `local`: changes of this instance's own clients, which other instances must hear of too */
  private queueAwareness(changed: readonly AwarenessEntry[], local = true): void {
    if (changed.length === 0) return;
    for (const entry of changed) {
      this.pendingAwareness.set(entry.clientId, entry);
      if (local) this.localAwareness.set(entry.clientId, entry);
    }
    this.options.onAwareness(this);
  }

  /** Expires awareness of clients that stopped renewing it (clients renew every 15 s). */
  expireAwareness(before: number, now: number): void {
    this.queueAwareness(this.awareness.expire(before, now));
    for (const states of this.remoteAwareness.values()) this.queueAwareness(states.expire(before, now), false);
    for (const [clientId, at] of this.relayedAt) if (at < before) this.relayedAt.delete(clientId);
  }

  /**
   * R26: when the awareness held back by the per-client pacing is due (null: nothing held).
   * The registry flushes again then.
   */
  get awarenessDueAt(): number | null {
    let due: number | null = null;
    for (const clientId of this.pendingAwareness.keys()) {
      const at = (this.relayedAt.get(clientId) ?? -Infinity) + AWARENESS_RELAY_MS;
      if (due === null || at < due) due = at;
    }
    return due;
  }

  /**
   * Relays the awareness changes that are due (R9, R26): latest state per client, at most one
   * relay per client every AWARENESS_RELAY_MS (a removal goes at once), one frame for all —
   * except that a connection is not sent its own clients' states back. Returns this instance's
   * own clients' relayed changes as one awareness update, to publish (R21).
   */
  flushAwareness(now: number): Uint8Array | null {
    const due: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.pendingAwareness) {
      const last = this.relayedAt.get(clientId);
      if (entry.state !== NULL_STATE && last !== undefined && now - last < AWARENESS_RELAY_MS) continue;
      due.push(entry);
      this.pendingAwareness.delete(clientId);
      this.relayedAt.set(clientId, now);
    }
    if (due.length > 0) {
      const byOwner = new Map<Connection, number>();
      for (const entry of due) {
        const owner = this.owners.get(entry.clientId);
        if (owner !== undefined) byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
      }
      const frame = encodeAwareness(encodeAwarenessUpdate(due));
      for (const connection of this.connections) {
        const owned = byOwner.get(connection);
        if (owned === undefined) connection.send(frame, now);
        else if (owned < due.length) {
          const others = due.filter((e) => this.owners.get(e.clientId) !== connection);
          connection.send(encodeAwareness(encodeAwarenessUpdate(others)), now);
        }
      }
    }
    if (this.localAwareness.size === 0) return null;
    const publish: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.localAwareness) {
      if (this.pendingAwareness.has(clientId)) continue; // held back: published when relayed
      publish.push(entry);
      this.localAwareness.delete(clientId);
    }
    return publish.length === 0 ? null : encodeAwarenessUpdate(publish);
  }

  /** Takes what must be stored before it can be relayed; the room is storing until `commit` or `restore`. */
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
    this.inFlight = true;
    return { room: this, update, soleOrigin, replies };
  }

  /**
   * The batch is durable, stored under `seq` (null when it had no update): relay it (R1, R2).
   * The message is encoded once for every connection.
   */
  commit(batch: Batch, now: number, seq: number | null = null): void {
    this.inFlight = false;
    for (const { connection, frame } of batch.replies) connection.send(frame, now);
    if (batch.update === null) return;
    this.rows += 1;
    if (seq !== null) this.seqs.applied(seq);
    const message = encodeUpdate(batch.update);
    for (const connection of this.connections) {
      if (connection !== batch.soleOrigin) connection.send(message, now);
    }
  }

  /** Storage failed: put the batch back in front of what came since, to retry (R15). */
  restore(batch: Batch): void {
    this.inFlight = false;
    if (batch.update !== null) {
      this.pendingUpdates.unshift(batch.update);
      this.pendingOrigins.add(null);
    }
    for (const { connection } of batch.replies) {
      // recomputed from the state at the next flush
      this.stepOneWaiters.push({ connection, stateVector: Y.encodeStateVector(new Y.Doc()) });
    }
  }

  private refuse(connection: Connection, code: number, reason: string, why: DropReason = 'invalid-update'): void {
    this.options.count?.(why);
    this.options.log('warn', `${this.key}: closing ${connection.label} (${code}): ${reason}`);
    connection.close(code, reason.slice(0, 120));
  }
}
