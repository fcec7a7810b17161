/**
 * The live rooms: loaded on first use, unloaded when the last client leaves, and the flush
 * pipeline that stores every room's new updates in one append per flush before relaying
 * them (the durability rule, SPEC.md R1). When flushes run is `FlushScheduler`'s business;
 * compactions are `Compactions`'; when awareness is relayed, `AwarenessRelay`'s.
 *
 * In a cluster (SPEC.md R18–R23) each loaded room is subscribed on the fan-out: a committed
 * batch is published with its storage seq, another instance's batches are applied and
 * relayed, and a gap in the seqs is filled from storage (`CatchUps`), never from the fan-out.
 */
import * as Y from 'yjs';
import { initBoard, initPlenary } from '@concerto/board';
import type { BoardTemplate } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { Limits } from './config.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { AwarenessRelay } from './awarenessRelay.js';
import { CatchUps } from './catchUps.js';
import { Compactions, compactionMargin } from './compactions.js';
import type { StoredLog } from './compactions.js';
import { Compactor } from './compactor.js';
import { FlushScheduler } from './flushScheduler.js';
import { LocalFanOut } from './fanout/index.js';
import type { FanOut, RoomEvent } from './fanout/index.js';
import type { Metrics } from './metrics.js';
import { QuietHeads } from './quietHeads.js';
import { Room, SERVER_ORIGIN } from './room.js';
import type { Batch } from './room.js';
import type { Storage } from './storage/index.js';

export interface RoomSpec {
  sessionId: string;
  name: string;
  /** display name of the group, written into the document's meta on first load */
  displayName: string;
  keyIdeaLimit: number;
  /** the session's template: gives a new board its zones on first load (packages/board R25) */
  template?: BoardTemplate | null;
  /** whether the session carries an axis over to this room (its read-only zone, board R25); default true */
  carriesOver?: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const RETRY_AFTER_FAILURE_MS = 500;
/** a room quiet this long after a commit publishes its head (R23) */
const HEAD_AFTER_QUIET_MS = 1_000;

export interface RegistryOptions {
  clock?: Clock;
  /** builds snapshots off the event loop; a worker thread by default */
  compactor?: Pick<Compactor, 'snapshot' | 'close'>;
  /** the other instances; alone by default (a LocalFanOut on its own bus) */
  fanOut?: FanOut;
  /** counters and latencies for GET /metrics; none by default */
  metrics?: Metrics;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** rooms with something to store, or whose unloading waits for a flush */
  private readonly dirty = new Set<Room>();
  /** rooms whose flushes wait for their compaction (their log is at the limit plus its margin) */
  private readonly heldForCompaction = new Set<Room>();
  private readonly awareness: AwarenessRelay<Room>;
  private readonly flushes: FlushScheduler;
  private readonly compactions: Compactions;
  private readonly compactor: Pick<Compactor, 'snapshot' | 'close'>;
  private readonly clock: Clock;
  private readonly fanOut: FanOut;
  private readonly heads: QuietHeads;
  private readonly catchUps: CatchUps;
  /** unsubscriptions under way: a reload of the room subscribes after them */
  private readonly unsubscribing = new Map<string, Promise<void>>();
  /** events for rooms being loaded, applied once the room is there */
  private readonly early = new Map<string, { event: RoomEvent; from: string }[]>();
  private healthy = true;
  private readonly healthListeners: ((healthy: boolean) => void)[] = [];
  private readonly goneListeners: ((sessionId: string) => void)[] = [];
  private readonly metrics: Metrics | null;

  constructor(
    private readonly storage: Storage,
    private readonly limits: Limits,
    private readonly log: Logger,
    options: RegistryOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.metrics = options.metrics ?? null;
    this.compactor = options.compactor ?? new Compactor();
    this.compactions = new Compactions(storage, this.compactor, (m) => log.warn(m), (sessionId, name, seq, snapshotBytes) => {
      this.metrics?.compactions.inc();
      // R30: the others' counters follow it
      this.fanOut.publishRoom(sessionId, name, { type: 'compacted', seq, snapshotBytes });
    });
    this.flushes = new FlushScheduler({ flush: () => this.flush(), hasWork: () => this.dirty.size > 0 }, limits.flushIntervalMs, this.clock);
    this.fanOut = options.fanOut ?? new LocalFanOut();
    this.heads = new QuietHeads(this.clock, HEAD_AFTER_QUIET_MS, (key) => this.publishHead(key));
    this.catchUps = new CatchUps(storage, this.clock, (room) => this.rooms.get(room.key) === room, (m) => log.warn(m));
    this.awareness = new AwarenessRelay(this.clock, (room, now) => {
      const local = room.flushAwareness(now);
      // R21: this instance's own clients' changes, ownership already checked
      if (local !== null && this.rooms.get(room.key) === room) this.fanOut.publishRoom(room.sessionId, room.name, { type: 'awareness', update: local });
    });
    this.fanOut.onInstancesChanged((alive) => {
      const now = this.clock.now();
      for (const room of this.rooms.values()) room.keepInstances(alive, now);
    });
    this.fanOut.onResync(() => void this.resync());
  }

  get size(): number {
    return this.rooms.size;
  }

  /** R20: how long a seq gap is waited for before it is read from storage (adaptive) */
  get gapGraceMs(): number {
    return this.catchUps.grace.ms;
  }

  /** false while the last append failed: /healthz reports it */
  get storageHealthy(): boolean {
    return this.healthy;
  }

  /**
   * Issue 10 item 9: called when an append fails after a success (false), and when one succeeds
   * after a failure (true): that append carried every batch held back, so the backlog is stored.
   */
  onStorageHealth(listener: (healthy: boolean) => void): void {
    this.healthListeners.push(listener);
  }

  private setHealthy(healthy: boolean): void {
    if (this.healthy === healthy) return;
    this.healthy = healthy;
    for (const listener of this.healthListeners) listener(healthy);
  }

  get(sessionId: string, name: string): Room | undefined {
    return this.rooms.get(`${sessionId}/${name}`);
  }

  *all(): IterableIterator<Room> {
    yield* this.rooms.values();
  }

  /** The room, loaded if needed, held until `release`. */
  async acquire(spec: RoomSpec): Promise<Room> {
    const key = `${spec.sessionId}/${spec.name}`;
    let room = this.rooms.get(key);
    if (room === undefined) {
      let loading = this.loading.get(key);
      if (loading === undefined) {
        loading = this.load(spec).finally(() => this.loading.delete(key));
        this.loading.set(key, loading);
      }
      room = await loading;
    }
    room.hold();
    return room;
  }

  release(room: Room): void {
    room.unhold();
    this.unloadIfIdle(room);
  }

  /** R16: unloads the room once nobody uses it and everything it applied is stored. */
  unloadIfIdle(room: Room): void {
    if (!room.isIdle || this.rooms.get(room.key) !== room) return;
    if (room.hasPendingUpdates || room.isStoring || this.dirty.has(room)) {
      // stored by the next flush, which calls us again
      this.flushes.request();
      return;
    }
    this.rooms.delete(room.key);
    this.forget(room);
    if (room.storedRows > 1) {
      // Leave a single row behind, so the next cold load answers from it without integrating.
      // Built from the stored rows (R17): the next load of this room waits for it.
      this.compactions.fromStorage(room.sessionId, room.name, 1);
    }
    room.destroy();
  }

  /** the room left memory: no more events for it (R18) */
  private forget(room: Room): void {
    this.heads.forget(room.key);
    this.catchUps.forget(room);
    const done = this.fanOut
      .unsubscribeRoom(room.sessionId, room.name)
      .catch((err: Error) => this.log.warn(`${room.key}: unsubscribe failed: ${err.message}`))
      .finally(() => {
        if (this.unsubscribing.get(room.key) === done) this.unsubscribing.delete(room.key);
      });
    this.unsubscribing.set(room.key, done);
  }

  private async load(spec: RoomSpec): Promise<Room> {
    const key = `${spec.sessionId}/${spec.name}`;
    await this.compactions.wait(key);
    await this.unsubscribing.get(key);
    // Subscribed before reading, so a batch stored after the read is not missed: what arrives
    // meanwhile waits in `early` and is applied (or found already there) once the room exists.
    this.early.set(key, []);
    let loaded;
    try {
      await this.fanOut.subscribeRoom(spec.sessionId, spec.name, (event, from) => this.onRoomEvent(key, event, from));
      loaded = await this.storage.loadRoom(spec.sessionId, spec.name);
    } catch (err) {
      this.early.delete(key);
      await this.fanOut.unsubscribeRoom(spec.sessionId, spec.name).catch(() => undefined);
      throw err;
    }
    const doc = new Y.Doc();
    let storedBytes = 0;
    for (const update of loaded.updates) storedBytes += update.length;
    // One stored row (a snapshot): kept as is and integrated lazily (R13). Several: integrated
    // now, and compacted right away, so the next cold load of this room finds a single row.
    const single = loaded.updates.length === 1 ? loaded.updates[0]! : null;
    if (loaded.updates.length > 1) {
      doc.transact(() => {
        for (const update of loaded.updates) Y.applyUpdate(doc, update);
      });
    }
    const stamp = (room: Room) => {
      if (spec.name === PLENARY_ROOM) initPlenary(room.doc, SERVER_ORIGIN);
      else initBoard(room.doc, { groupId: spec.name, name: spec.displayName, template: spec.template ?? null, carriesOver: spec.carriesOver }, SERVER_ORIGIN);
    };
    const room = new Room(doc, {
      baseState: single,
      afterIntegrate: stamp,
      sessionId: spec.sessionId,
      name: spec.name,
      keyIdeaLimit: spec.name === PLENARY_ROOM ? null : spec.keyIdeaLimit,
      limits: this.limits,
      storedBytes,
      storedRows: loaded.rows,
      storedThroughSeq: loaded.lastSeq,
      onDirty: (r) => this.markDirty(r),
      onAwareness: (r) => this.awareness.mark(r),
      log: (level, message) => this.log[level](message),
      count: (reason, n) => this.metrics?.drop(reason, n),
    });
    if (loaded.rows > 1) {
      // The document holds exactly the rows just read: a snapshot of them, built before the stamp.
      this.compactions.withSnapshot(spec.sessionId, spec.name, Y.encodeStateAsUpdate(doc), loaded.lastSeq, (log) => this.followStorage(room, log));
    }
    // An empty or multi-row room is integrated already: stamp it now (a no-op once stamped).
    if (single === null) stamp(room);
    this.rooms.set(room.key, room);
    const early = this.early.get(key) ?? [];
    this.early.delete(key);
    for (const { event, from } of early) this.onRoomEvent(key, event, from);
    return room;
  }

  /** R19–R21: what another instance says about a loaded room. */
  private onRoomEvent(key: string, event: RoomEvent, from: string): void {
    const room = this.rooms.get(key);
    if (room === undefined) {
      this.early.get(key)?.push({ event, from });
      return;
    }
    const now = this.clock.now();
    switch (event.type) {
      case 'update':
        if (!room.applyStored(event.update, event.seq, now)) void this.catchUps.run(room);
        else if (room.hasSeqGap) this.catchUps.checkGapLater(room);
        else this.catchUps.delivered(room);
        return;
      case 'head':
        if (room.isBehind(event.seq)) void this.catchUps.run(room);
        return;
      case 'compacted':
        this.compactions.follow(room.sessionId, room.name, event.seq, event.snapshotBytes, (log) => this.followStorage(room, log));
        return;
      case 'awareness':
        room.applyRemoteAwareness(from, event.update, now);
        return;
    }
  }

  private publishHead(key: string): void {
    const room = this.rooms.get(key);
    if (room !== undefined) this.fanOut.publishRoom(room.sessionId, room.name, { type: 'head', seq: room.highestSeq });
  }

  /** R23: the link to the other instances came back: every loaded room catches up, then says where it is. */
  private async resync(): Promise<void> {
    await Promise.all(
      [...this.rooms.values()].map(async (room) => {
        await this.catchUps.run(room);
        this.publishHead(room.key);
      }),
    );
  }

  markDirty(room: Room): void {
    this.dirty.add(room);
    this.flushes.request();
  }

  /** Waits until everything applied so far is stored and relayed (a failed store is retried now). */
  async drain(): Promise<void> {
    while (this.flushes.busy || this.dirty.size > 0) {
      this.flushes.hurry();
      this.flushes.request();
      await this.flushes.idle();
    }
  }

  private async flush(): Promise<void> {
    const started = this.clock.monotonic();
    const rooms = [...this.dirty];
    this.dirty.clear();
    const batches: Batch[] = [];
    for (const room of rooms) {
      if (room.hasPendingUpdates && this.mustWaitForCompaction(room)) continue;
      if (room.hasPendingUpdates) batches.push(room.takeBatch());
    }
    await this.store(batches);
    this.metrics?.flushSeconds.observe((this.clock.monotonic() - started) / 1000);
    for (const room of rooms) this.unloadIfIdle(room);
  }

  private async store(batches: Batch[]): Promise<void> {
    const toStore = batches.filter((b) => b.update !== null);
    const seqOf = new Map<Batch, number>();
    /** sessions whose rows storage refused: deleted, maybe by another instance not heard from yet */
    const gone = new Set<string>();
    if (toStore.length > 0) {
      try {
        const appending = this.clock.monotonic();
        const seqs = await this.storage.append(toStore.map((b) => ({ sessionId: b.room.sessionId, room: b.room.name, update: b.update! })));
        toStore.forEach((batch, i) => {
          const seq = seqs[i];
          if (typeof seq === 'number') seqOf.set(batch, seq);
          else if (seq === null) gone.add(batch.room.sessionId);
        });
        this.metrics?.commitSeconds.observe((this.clock.monotonic() - appending) / 1000);
        this.setHealthy(true);
      } catch (err) {
        this.metrics?.storageErrors.inc();
        this.setHealthy(false);
        this.log.error(`storing ${toStore.length} room update(s) failed, will retry: ${(err as Error).message}`);
        for (const batch of batches) {
          batch.room.restore(batch);
          this.dirty.add(batch.room);
        }
        this.flushes.retryIn(RETRY_AFTER_FAILURE_MS);
        return;
      }
    }
    const committedAt = this.clock.now();
    for (const batch of batches) {
      const { room, update } = batch;
      if (gone.has(room.sessionId)) continue; // not stored: never relayed (R31)
      const seq = seqOf.get(batch) ?? null;
      room.commit(batch, committedAt, seq);
      if (update === null || seq === null) continue;
      // R18: published only now, after the commit, with its seq
      this.fanOut.publishRoom(room.sessionId, room.name, { type: 'update', seq, update });
      this.heads.committed(room.key);
      if (room.hasSeqGap) this.catchUps.checkGapLater(room);
    }
    for (const batch of batches) this.compactIfLong(batch.room);
    for (const sessionId of gone) this.sessionGone(sessionId);
  }

  /**
   * Issue 9 / R31: storage refused a session's rows, so it was deleted (the deleting instance's
   * notice may be lost or still on its way): its rooms leave memory, and the listeners close
   * its connections, as on that notice.
   */
  onSessionGone(listener: (sessionId: string) => void): void {
    this.goneListeners.push(listener);
  }

  private sessionGone(sessionId: string): void {
    this.log.warn(`session ${sessionId}: storage refused its rows, it was deleted; its rooms are dropped`);
    this.evict(sessionId);
    for (const listener of this.goneListeners) listener(sessionId);
  }

  /**
   * A room whose log reached the limit plus its margin while its compaction runs keeps its
   * updates pending (merged into one batch, relayed later: R1 holds) until the compaction
   * ends, then flushes. Without a running compaction nothing waits: storing comes first.
   */
  private mustWaitForCompaction(room: Room): boolean {
    const limit = this.limits.compactAfterRows;
    if (room.storedRows < limit + compactionMargin(limit) || !this.compactions.has(room.key)) return false;
    if (!this.heldForCompaction.has(room)) {
      this.heldForCompaction.add(room);
      void this.compactions.wait(room.key).then(() => {
        this.heldForCompaction.delete(room);
        this.dirty.add(room);
        this.flushes.request();
      });
    }
    return true;
  }

  /**
   * Replaces a long log by one snapshot built from the stored rows themselves (R17), beside
   * the flushes, not in their way; the adapter makes the swap atomic.
   */
  private compactIfLong(room: Room): void {
    const limit = this.limits.compactAfterRows;
    if (room.storedRows <= limit) return;
    // Past the limit as far as this room knows; storage says (another instance may have
    // compacted it and its notice been lost): compacted only if still past it.
    this.compactions.fromStorage(room.sessionId, room.name, limit, (log) => this.followStorage(room, log));
  }

  /** R30: the room's counters take the stored log's size, if the room is still the loaded one */
  private followStorage(room: Room, log: StoredLog): void {
    if (this.rooms.get(room.key) === room) room.followStorage(log);
  }

  /** Stops the compaction worker, once compactions and catch-ups are done. */
  async close(): Promise<void> {
    await this.catchUps.settled();
    await this.compactions.settled();
    await this.compactor.close();
  }

  /** Resolves when no compaction is running (tests and shutdown). */
  compactionsSettled(): Promise<void> {
    return this.compactions.settled();
  }

  /** Drops a room from memory without storing anything more (the session was deleted). */
  evict(sessionId: string): Room[] {
    const evicted: Room[] = [];
    for (const room of this.rooms.values()) {
      if (room.sessionId === sessionId) evicted.push(room);
    }
    for (const room of evicted) {
      this.rooms.delete(room.key);
      this.dirty.delete(room);
      this.forget(room);
      room.destroy();
    }
    return evicted;
  }
}
