/**
 * The live rooms: loaded on first use, unloaded when the last client leaves, and the flush
 * pipeline that stores every room's new updates in one append per event-loop turn before
 * relaying them (the durability rule).
 */
import * as Y from 'yjs';
import { initBoard, initPlenary } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { Limits } from './config.js';
import { Compactor } from './compactor.js';
import { Room, SERVER_ORIGIN } from './room.js';
import type { Batch } from './room.js';
import type { Storage } from './storage/index.js';

export interface RoomSpec {
  sessionId: string;
  name: string;
  /** display name of the group, written into the document's meta on first load */
  displayName: string;
  keyIdeaLimit: number;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const RETRY_AFTER_FAILURE_MS = 500;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** rooms whose unloading waits for a flush; a join in the meantime cancels it */
  private readonly dirty = new Set<Room>();
  private flushScheduled = false;
  private readonly awarenessDirty = new Set<Room>();
  private awarenessScheduled = false;
  private lastFlushAt = -Infinity;
  private flushing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** compactions under way, by room key: a load of that room waits for its compaction */
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly compactor = new Compactor();
  /** false while the last append failed: /healthz reports it */
  storageHealthy = true;

  constructor(
    private readonly storage: Storage,
    private readonly limits: Limits,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** true when nothing applied is waiting to be stored */
  get isDurable(): boolean {
    return this.flushing === null;
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
    room.holds += 1;
    return room;
  }

  release(room: Room): void {
    room.holds -= 1;
    this.unloadIfIdle(room);
  }

  unloadIfIdle(room: Room): void {
    if (!room.isIdle || this.rooms.get(room.key) !== room) return;
    if (room.hasPendingUpdates || room.inFlight || this.dirty.has(room)) {
      // stored by the next flush, which calls us again
      this.scheduleFlush();
      return;
    }
    this.rooms.delete(room.key);
    if (room.isIntegrated && room.storedRows > 1 && !this.compacting.has(room.key)) {
      // Leave a single row behind, so the next cold load answers from it without integrating.
      // The document holds every stored row: this process wrote or loaded each of them, and
      // nothing can append to the room until it loads again, which waits for this compaction.
      const snapshot = Y.encodeStateAsUpdate(room.doc);
      this.track(room.key, async () => {
        const stored = await this.storage.loadRoom(room.sessionId, room.name);
        if (stored.rows > 1) await this.storage.compactRoom(room.sessionId, room.name, snapshot, stored.lastSeq);
      });
    }
    room.destroy();
  }

  /** Runs a compaction of one room; failures keep the log as it is. */
  private track(key: string, task: () => Promise<void>): void {
    const running = task()
      .catch((err: Error) => this.log.warn(`${key}: compaction failed, kept the log: ${err.message}`))
      .finally(() => {
        if (this.compacting.get(key) === running) this.compacting.delete(key);
      });
    this.compacting.set(key, running);
  }

  private async load(spec: RoomSpec): Promise<Room> {
    await this.compacting.get(`${spec.sessionId}/${spec.name}`);
    const loaded = await this.storage.loadRoom(spec.sessionId, spec.name);
    const doc = new Y.Doc();
    let storedBytes = 0;
    for (const update of loaded.updates) storedBytes += update.length;
    // One stored row (a snapshot): kept as is and integrated lazily. Several: integrated now,
    // and compacted right away, so the next cold load of this room finds a single row.
    const single = loaded.updates.length === 1 ? loaded.updates[0]! : null;
    if (loaded.updates.length > 1) {
      doc.transact(() => {
        for (const update of loaded.updates) Y.applyUpdate(doc, update);
      });
    }
    const stamp = (room: Room) => {
      if (spec.name === PLENARY_ROOM) initPlenary(room.doc, SERVER_ORIGIN);
      else initBoard(room.doc, { groupId: spec.name, name: spec.displayName }, SERVER_ORIGIN);
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
      onDirty: (r) => this.markDirty(r),
      onAwareness: (r) => this.markAwareness(r),
      log: (level, message) => this.log[level](message),
    });
    // An empty or multi-row room is integrated already: stamp it now (a no-op once stamped).
    if (single === null) stamp(room);
    if (loaded.rows > 1) {
      // The document holds exactly the rows just read (plus the stamp): a valid snapshot of them.
      this.compact(room, Y.encodeStateAsUpdate(doc), loaded.lastSeq, loaded.rows, storedBytes);
    }
    this.rooms.set(room.key, room);
    return room;
  }

  /**
   * Awareness (presence, cursors, drags) is relayed on the next turn, coalesced per room, on a
   * path of its own: it never waits behind a storage commit.
   */
  private markAwareness(room: Room): void {
    this.awarenessDirty.add(room);
    if (this.awarenessScheduled) return;
    this.awarenessScheduled = true;
    setImmediate(() => {
      this.awarenessScheduled = false;
      const now = this.now();
      const rooms = [...this.awarenessDirty];
      this.awarenessDirty.clear();
      for (const r of rooms) r.flushAwareness(now);
    });
  }

  markDirty(room: Room): void {
    this.dirty.add(room);
    this.scheduleFlush();
  }

  /**
   * The next flush runs on the next event-loop turn, and no sooner than `flushIntervalMs` after
   * the previous one started: an idle room's update goes out at once, while a busy server
   * gathers more updates per room into each merged frame and each storage commit.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing !== null || this.retryTimer !== null) return;
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      this.lastFlushAt = performance.now();
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.dirty.size > 0) this.scheduleFlush();
      });
    };
    const wait = this.lastFlushAt + this.limits.flushIntervalMs - performance.now();
    if (wait > 0.5) setTimeout(run, wait);
    else setImmediate(run);
  }

  /** Waits until everything applied so far is stored and relayed. */
  async drain(): Promise<void> {
    while (this.flushing !== null || this.flushScheduled || this.dirty.size > 0 || this.retryTimer !== null) {
      if (this.retryTimer !== null) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.scheduleFlush();
      }
      if (this.flushing !== null) await this.flushing;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async flush(): Promise<void> {
    const rooms = [...this.dirty];
    this.dirty.clear();
    const now = this.now();

    const batches: Batch[] = [];
    for (const room of rooms) if (room.hasPendingUpdates) batches.push(room.takeBatch());
    const toStore = batches.filter((b) => b.update !== null);
    for (const batch of batches) batch.room.inFlight = true;
    try {
      await this.store(batches, toStore, now);
    } finally {
      for (const batch of batches) batch.room.inFlight = false;
    }
    for (const room of rooms) this.unloadIfIdle(room);
  }

  private async store(batches: Batch[], toStore: Batch[], now: number): Promise<void> {
    if (toStore.length > 0) {
      try {
        await this.storage.append(
          toStore.map((b) => ({ sessionId: b.room.sessionId, room: b.room.name, update: b.update! })),
        );
        this.storageHealthy = true;
      } catch (err) {
        this.storageHealthy = false;
        this.log.error(`storing ${toStore.length} room update(s) failed, will retry: ${(err as Error).message}`);
        for (const batch of batches) {
          batch.room.restore(batch);
          this.dirty.add(batch.room);
        }
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.scheduleFlush();
        }, RETRY_AFTER_FAILURE_MS);
        return;
      }
    }
    const committedAt = toStore.length > 0 ? this.now() : now;
    for (const batch of batches) batch.room.commit(batch, committedAt);
    for (const batch of batches) this.compactIfLong(batch.room);
  }

  /**
   * Replaces a long log by one snapshot, built from the stored rows themselves rather than
   * from the live document: the snapshot then holds exactly the rows it replaces, whatever
   * was appended meanwhile (by this process or another). It runs beside the flushes, not in
   * their way; the adapter makes the swap atomic.
   */
  private compactIfLong(room: Room): void {
    if (room.storedRows <= this.limits.compactAfterRows || this.compacting.has(room.key)) return;
    this.track(room.key, async () => {
      const stored = await this.storage.loadRoom(room.sessionId, room.name);
      if (stored.rows <= 1) return;
      const snapshot = await this.compactor.snapshot(stored.updates);
      await this.swap(room, snapshot, stored.lastSeq, stored.rows, stored.updates.reduce((sum, u) => sum + u.length, 0));
    });
  }

  /** Compacts with a snapshot already known to cover the rows up to `throughSeq`. */
  private compact(room: Room, snapshot: Uint8Array, throughSeq: number, rows: number, bytes: number): void {
    if (this.compacting.has(room.key)) return;
    this.track(room.key, () => this.swap(room, snapshot, throughSeq, rows, bytes));
  }

  private async swap(room: Room, snapshot: Uint8Array, throughSeq: number, rows: number, bytes: number): Promise<void> {
    await this.storage.compactRoom(room.sessionId, room.name, snapshot, throughSeq);
    // Rows appended since stay after the snapshot.
    room.storedRows -= rows - 1;
    room.storedBytes += snapshot.length - bytes;
  }

  /** Stops the compaction worker, once compactions are done. */
  async close(): Promise<void> {
    await this.compactionsSettled();
    await this.compactor.close();
  }

  /** Resolves when no compaction is running (tests and shutdown). */
  async compactionsSettled(): Promise<void> {
    while (this.compacting.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
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
      room.destroy();
    }
    return evicted;
  }
}
