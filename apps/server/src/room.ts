/**
 * One live room: its Y.Doc, its connections (`connection.ts`: rights, rate limit, client ids),
 * the key-idea rule, and the updates applied since the last flush. Its awareness is
 * `RoomAwareness`'s (`roomAwareness.ts`). Transport-free: it takes decoded messages and talks
 * to clients through `Peer` (send, close). It owns its state — counters, holds, the batch in
 * flight, the stored seqs it holds — behind methods.
 *
 * The room never talks to storage or to other instances itself: the registry (`rooms.ts`)
 * takes its batch, appends it durably, and only then calls `commit`, which relays it (and
 * then publishes it). That ordering is the durability rule (SPEC.md R1, R18): nothing reaches
 * another client, here or on another instance, before it is stored.
 */
import * as Y from 'yjs';
import { CloseCode } from '@concerto/contract';
import { emptySheetChanges, getClustersMap, getKeyIdeasArray, getNotesMap, getSheetsMap, noteSheetChanges, settleReadOnlyZones, settleSheets, trimKeyIdeas } from '@concerto/board';
import type { SheetChanges } from '@concerto/board';
import { encodeAwarenessUpdate } from './awareness.js';
import type { AwarenessEntry } from './awareness.js';
import { Connection } from './connection.js';
import type { DropReason } from './connection.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import type { ClientMessage } from './protocol.js';
import type { Limits } from './config.js';
import { RoomAwareness } from './roomAwareness.js';
import { SeqTracker } from './seqTracker.js';
import { singleWriter } from './updateHeader.js';
import type { StoredLog } from './compactions.js';

/** Transaction origin of the server's own writes (key-idea trimming, pushes, initialisation). */
export const SERVER_ORIGIN = Symbol('concerto-server');

/** Transaction origin of what is already stored (another instance's batches, catch-up rows): relayed, never stored again. */
export const REMOTE_ORIGIN = Symbol('concerto-stored-elsewhere');

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

/** the document's state vector, but with `client` at `clock` */
function stateVectorWith(doc: Y.Doc, client: number, clock: number): Uint8Array {
  const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
  vector.set(client, clock);
  return Y.encodeStateVector(vector);
}

export class Room {
  private readonly ydoc: Y.Doc;
  private baseState: Uint8Array | null;
  private readonly connections = new Set<Connection>();
  private readonly awareness: RoomAwareness;
  readonly sessionId: string;
  readonly name: string;
  readonly keyIdeaLimit: number | null;
  /** the log's size as stored, plus what is applied and not stored yet (R6) */
  private bytes: number;
  /** bytes counted for the batch being stored */
  private inFlightBytes = 0;
  /**
   * seq of the stored log's first row (the snapshot's, once compacted). A room's seqs are
   * contiguous, so its rows are `logBase..highestSeq`: the count follows every batch, here or
   * from elsewhere, and every compaction anyone makes (SPEC.md R30).
   */
  private logBase: number;
  /** HTTP handlers and loaders hold the room too; it unloads when this and connections are 0 */
  private holds = 0;
  /** a batch of this room is being stored: unloading now would lose it for the next loader */
  private inFlight = false;

  private pendingUpdates: Uint8Array[] = [];
  private pendingOrigins = new Set<Connection | null>();
  private stepOneWaiters: { connection: Connection; stateVector: Uint8Array }[] = [];
  private keyIdeasTouched = false;
  /** notes and clusters a client's update changed, for the read-only zone check (board R33) */
  private zonesTouched: { notes: Set<string>; clusters: Set<string> } = { notes: new Set(), clusters: new Set() };
  /** what a client's update changed in the action sheets, for the sheet check (board S7) */
  private sheetsTouched: SheetChanges = emptySheetChanges();
  private readonly options: RoomOptions;
  /** which stored batches the document holds (R20) */
  private readonly seqs: SeqTracker;
  /** what the document emitted while applying stored updates: relayed, not stored */
  private storedOut: Uint8Array[] = [];

  /** the document's last transaction: what a client's update changed before it failed midway (applyClientUpdate) */
  private lastTransaction: Y.Transaction | null = null;

  /** every change to the document, as Yjs encodes it (a client's own new edit skips it: see applyClientUpdate) */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE_ORIGIN) {
      this.bytes += update.length;
      this.storedOut.push(update);
      return;
    }
    // Counted when applied, not when stored: a burst must not slip past the size cap.
    this.bytes += update.length;
    this.pendingUpdates.push(update);
    this.pendingOrigins.add(origin instanceof Connection ? origin : null);
    this.options.onDirty(this);
  };

  constructor(doc: Y.Doc, options: RoomOptions) {
    this.ydoc = doc;
    this.baseState = options.baseState;
    this.options = options;
    this.sessionId = options.sessionId;
    this.name = options.name;
    this.keyIdeaLimit = options.keyIdeaLimit;
    this.bytes = options.storedBytes;
    this.logBase = options.storedThroughSeq - options.storedRows + 1;
    this.seqs = new SeqTracker(options.storedThroughSeq);
    this.awareness = new RoomAwareness({
      key: this.key,
      onChange: () => options.onAwareness(this),
      log: options.log,
      count: options.count,
      refuse: (connection, code, reason, why) => this.refuse(connection, code, reason, why),
    });
    doc.on('update', this.onUpdate);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      this.lastTransaction = transaction;
    });
    if (this.keyIdeaLimit !== null) {
      getKeyIdeasArray(doc).observe(() => {
        this.keyIdeasTouched = true;
      });
      // A group board: what clients change in notes and clusters is checked against its
      // read-only zones once applied (settleZones). Only clients' changes: the stored state
      // and other instances' rows were checked where they were written.
      const track = (into: Set<string>) => (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
        if (!(transaction.origin instanceof Connection)) return;
        for (const event of events) {
          const key = event.path[0];
          if (typeof key === 'string') into.add(key);
          else for (const changed of event.changes.keys.keys()) into.add(changed);
        }
      };
      getNotesMap(doc).observeDeep(track(this.zonesTouched.notes));
      getClustersMap(doc).observeDeep(track(this.zonesTouched.clusters));
      // And what they change in the action sheets: a shape that hides a sheet's fields is put back (settleSheets).
      getSheetsMap(doc).observeDeep((events, transaction) => {
        if (transaction.origin instanceof Connection) noteSheetChanges(events, this.sheetsTouched);
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
    // The stored state is already on disk: nothing to store or relay, so no listener for Yjs
    // to encode it again for (a third of the integration's time, measured on a 50-note board).
    this.ydoc.off('update', this.onUpdate);
    try {
      Y.applyUpdate(this.ydoc, base);
    } finally {
      this.ydoc.on('update', this.onUpdate);
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
    return Math.max(0, this.seqs.highest - this.logBase + 1);
  }

  /** bytes of the room's stored log, plus what is applied and not yet stored */
  get storedBytes(): number {
    return this.bytes;
  }

  /** present awareness states (client id, clock, JSON as sent), this instance's clients and others' */
  presentAwareness(): AwarenessEntry[] {
    return this.awareness.present();
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
    if (complete && seq !== null) this.seqs.applied(seq);
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
    if (rows > 0) this.logBase = lastSeq - rows + 1;
    this.seqs.caughtUp(lastSeq);
  }

  /** R21: another instance's clients' awareness (see RoomAwareness.applyRemote) */
  applyRemoteAwareness(instanceId: string, update: Uint8Array, now: number): void {
    this.awareness.applyRemote(instanceId, update, now);
  }

  /** R22: the instances alive now; their absent peers' clients are removed and the removal relayed */
  keepInstances(alive: ReadonlySet<string>, now: number): void {
    this.awareness.keepInstances(alive, now);
  }

  /** an HTTP handler or a loader uses the room: it stays loaded until `unhold` */
  hold(): void {
    this.holds += 1;
  }

  unhold(): void {
    if (this.holds === 0) throw new Error(`${this.key}: released more often than held`);
    this.holds -= 1;
  }

  /**
   * R30: the stored log as storage just gave it (after a compaction here or elsewhere): the
   * counters take it, plus what is applied and not stored yet.
   */
  followStorage(log: StoredLog): void {
    if (log.rows > 0) this.logBase = log.lastSeq - log.rows + 1;
    let unstored = this.inFlightBytes;
    for (const update of this.pendingUpdates) unstored += update.length;
    this.bytes = log.bytes + unstored;
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
    this.awareness.leave(connection, now);
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
        this.awareness.receive(connection, message.update, now);
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
    const doc = this.doc; // integrates the stored state first: its stamp is stored through onUpdate
    // A client's own new edit: its structs are one client's and start where the document's copy
    // of that client ends, so all of them are new, and the bytes as sent are what Yjs would
    // encode again from the transaction (its deletions at most a superset, harmless to relay).
    // They are stored and relayed as they came, without Yjs writing that update out again
    // (a state vector, a sort and an encoder per update: about a quarter of the server's Yjs
    // work per move, measured). Anything else goes the full way, through onUpdate.
    const writer = singleWriter(update);
    const asSent = writer !== null && writer.clock === Y.getState(doc.store, writer.client);
    if (asSent) doc.off('update', this.onUpdate);
    let undecodable: string | null = null;
    try {
      Y.applyUpdate(doc, update, connection);
    } catch (err) {
      undecodable = (err as Error).message;
    } finally {
      if (asSent) doc.on('update', this.onUpdate);
    }
    const store = doc.store;
    if (undecodable !== null || store.pendingStructs !== null || store.pendingDs !== null) {
      // Bytes that do not decode, or a causal gap: structures whose dependencies the server
      // never saw. Those are not part of the document (Yjs parks them) and are dropped; the
      // client reconnects, and its sync step 2 then carries everything it has.
      store.pendingStructs = null;
      store.pendingDs = null;
      // What did integrate before the failure is in the document and must be stored like any
      // change: on the full path onUpdate had it from Yjs; as sent, it is this client's structs
      // from `clock` on (nobody else's state moved) plus the deletions applied, which the
      // document's delete set holds.
      if (asSent && this.changedBy(connection, writer.client, writer.clock)) {
        this.onUpdate(Y.encodeStateAsUpdate(doc, stateVectorWith(doc, writer.client, writer.clock)), connection);
      }
      this.refuse(connection, CloseCode.invalidPayload, undecodable !== null ? `update does not decode: ${undecodable}` : 'update depends on changes the server does not have');
      return;
    }
    if (asSent) this.onUpdate(update, connection);
    this.settleZones();
    this.settleSheets();
    this.settleKeyIdeas();
  }

  /** did the document's last transaction, the connection's, change anything (a struct of `client` past `clock`, or a deletion)? */
  private changedBy(connection: Connection, client: number, clock: number): boolean {
    const transaction = this.lastTransaction;
    if (transaction === null || transaction.origin !== connection) return false;
    return transaction.deleteSet.clients.size > 0 || Y.getState(this.ydoc.store, client) > clock;
  }

  /**
   * Board S7: a sheet entry or nested text a client wrote in a shape that hides fields (a
   * first-layout map with empty texts) is put back, its words kept in the fields' texts.
   */
  private settleSheets(): void {
    const touched = this.sheetsTouched;
    if (touched.entries.size === 0 && touched.nestedTexts.length === 0) return;
    this.sheetsTouched = emptySheetChanges();
    settleSheets(this.doc, touched, SERVER_ORIGIN);
  }

  /**
   * Board R33: a note or cluster a client put in a read-only zone (the carry-over from an earlier
   * concertation) is moved out by the server for everyone, as key ideas past the limit are
   * trimmed: Yjs updates cannot be refused piecemeal once merged, so the server settles them.
   */
  private settleZones(): void {
    const touched = this.zonesTouched;
    if (touched.notes.size === 0 && touched.clusters.size === 0) return;
    this.zonesTouched = { notes: new Set(), clusters: new Set() };
    settleReadOnlyZones(this.doc, touched, SERVER_ORIGIN);
  }

  /** R11: concurrent marks can overshoot the limit once merged: the server settles it for everyone. */
  private settleKeyIdeas(): void {
    if (this.keyIdeasTouched && this.keyIdeaLimit !== null) {
      this.keyIdeasTouched = false;
      trimKeyIdeas(this.doc, this.keyIdeaLimit, SERVER_ORIGIN);
    }
  }

  /** Expires awareness of clients that stopped renewing it (clients renew every 15 s). */
  expireAwareness(before: number, now: number): void {
    this.awareness.expire(before, now);
  }

  /** R26: when the awareness held back by the per-client pacing is due (null: nothing held); the registry flushes again then */
  get awarenessDueAt(): number | null {
    return this.awareness.dueAt;
  }

  /** R9, R26: relays the awareness changes that are due; returns this instance's own clients' changes to publish (R21) */
  flushAwareness(now: number): Uint8Array | null {
    return this.awareness.flush(this.connections, now);
  }

  /** Takes what must be stored before it can be relayed; the room is storing until `commit` or `restore`. */
  takeBatch(): Batch {
    const updates = this.pendingUpdates;
    const origins = this.pendingOrigins;
    this.inFlightBytes = 0;
    for (const update of updates) this.inFlightBytes += update.length;
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
    this.inFlightBytes = 0;
    for (const { connection, frame } of batch.replies) connection.send(frame, now);
    if (batch.update === null) return;
    if (seq !== null) this.seqs.applied(seq);
    const message = encodeUpdate(batch.update);
    for (const connection of this.connections) {
      if (connection !== batch.soleOrigin) connection.send(message, now);
    }
  }

  /** Storage failed: put the batch back in front of what came since, to retry (R15). */
  restore(batch: Batch): void {
    this.inFlight = false;
    this.inFlightBytes = 0;
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
