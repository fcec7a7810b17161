/**
 * The live rooms: loaded on first use, unloaded when the last client leaves, and the flush
 * pipeline that stores every room's new updates in one append per flush before relaying
 * them (the durability rule, SPEC.md R1). When flushes run is `FlushScheduler`'s business;
 * compactions are `Compactions`'.
 */
import * as Y from 'yjs';
import { initBoard, initPlenary } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { Limits } from './config.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { Compactions } from './compactions.js';
import { Compactor } from './compactor.js';
import { FlushScheduler } from './flushScheduler.js';
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

export interface RegistryOptions {
  clock?: Clock;
  /** builds snapshots off the event loop; a worker thread by default */
  compactor?: Pick<Compactor, 'snapshot' | 'close'>;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** rooms with something to store, or whose unloading waits for a flush */
  private readonly dirty = new Set<Room>();
  private readonly awarenessDirty = new Set<Room>();
  private awarenessScheduled = false;
  private readonly flushes: FlushScheduler;
  private readonly compactions: Compactions;
  private readonly compactor: Pick<Compactor, 'snapshot' | 'close'>;
  private readonly clock: Clock;
  private healthy = true;

  constructor(
    private readonly storage: Storage,
    private readonly limits: Limits,
    private readonly log: Logger,
    options: RegistryOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.compactor = options.compactor ?? new Compactor();
    this.compactions = new Compactions(storage, this.compactor, (m) => log.warn(m));
    this.flushes = new FlushScheduler({ flush: () => this.flush(), hasWork: () => this.dirty.size > 0 }, limits.flushIntervalMs, this.clock);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** false while the last append failed: /healthz reports it */
  get storageHealthy(): boolean {
    return this.healthy;
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
    if (room.storedRows > 1) {
      // Leave a single row behind, so the next cold load answers from it without integrating.
      // Built from the stored rows (R17): the next load of this room waits for it.
      this.compactions.fromStorage(room.sessionId, room.name);
    }
    room.destroy();
  }

  private async load(spec: RoomSpec): Promise<Room> {
    await this.compactions.wait(`${spec.sessionId}/${spec.name}`);
    const loaded = await this.storage.loadRoom(spec.sessionId, spec.name);
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
    if (loaded.rows > 1) {
      // The document holds exactly the rows just read: a snapshot of them, built before the stamp.
      this.compactions.withSnapshot(spec.sessionId, spec.name, Y.encodeStateAsUpdate(doc), loaded, (r) =>
        room.compacted(r.replacedRows, r.replacedBytes, r.snapshotBytes),
      );
    }
    // An empty or multi-row room is integrated already: stamp it now (a no-op once stamped).
    if (single === null) stamp(room);
    this.rooms.set(room.key, room);
    return room;
  }

  /**
   * R9: awareness (presence, cursors, drags) is relayed on the next turn, coalesced per room,
   * on a path of its own: it never waits behind a storage commit.
   */
  private markAwareness(room: Room): void {
    this.awarenessDirty.add(room);
    if (this.awarenessScheduled) return;
    this.awarenessScheduled = true;
    this.clock.soon(() => {
      this.awarenessScheduled = false;
      const now = this.clock.now();
      const rooms = [...this.awarenessDirty];
      this.awarenessDirty.clear();
      for (const r of rooms) r.flushAwareness(now);
    });
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
    const rooms = [...this.dirty];
    this.dirty.clear();
    const batches: Batch[] = [];
    for (const room of rooms) if (room.hasPendingUpdates) batches.push(room.takeBatch());
    await this.store(batches);
    for (const room of rooms) this.unloadIfIdle(room);
  }

  private async store(batches: Batch[]): Promise<void> {
    const toStore = batches.filter((b) => b.update !== null);
    if (toStore.length > 0) {
      try {
        await this.storage.append(toStore.map((b) => ({ sessionId: b.room.sessionId, room: b.room.name, update: b.update! })));
        this.healthy = true;
      } catch (err) {
        this.healthy = false;
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
    for (const batch of batches) batch.room.commit(batch, committedAt);
    for (const batch of batches) this.compactIfLong(batch.room);
  }

  /**
   * Replaces a long log by one snapshot built from the stored rows themselves (R17), beside
   * the flushes, not in their way; the adapter makes the swap atomic.
   */
  private compactIfLong(room: Room): void {
    if (room.storedRows <= this.limits.compactAfterRows) return;
    this.compactions.fromStorage(room.sessionId, room.name, (r) => {
      if (this.rooms.get(room.key) === room) room.compacted(r.replacedRows, r.replacedBytes, r.snapshotBytes);
    });
  }

  /** Stops the compaction worker, once compactions are done. */
  async close(): Promise<void> {
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
      room.destroy();
    }
    return evicted;
  }
}
