/**
 * Compactions under way, one per room at most: a room's log replaced by one snapshot row built
 * from the STORED rows (never from a live document: in a cluster another instance may have
 * appended rows this document has not seen, and a snapshot of the document would drop them).
 * A load of the room waits for its compaction; shutdown waits for all of them.
 */
import type { Compactor } from './compactor.js';
import type { Storage } from './storage/index.js';

/**
 * Rows a room's log may grow past the compaction limit while its compaction runs (the writes
 * go on meanwhile). At limit + margin the room's next flushes wait for the compaction to end,
 * so the log never holds more than limit + margin rows as far as this process knows: 550 for
 * the default 500. Other instances of a cluster append rows this count does not see.
 */
export function compactionMargin(limit: number): number {
  return Math.max(4, Math.ceil(limit / 10));
}

/** the stored log as storage gave it: its rows are contiguous seqs ending at `lastSeq` */
export interface StoredLog {
  lastSeq: number;
  rows: number;
  bytes: number;
}

/** after every swap: tell the other instances (they re-read the log's size, `follow`) */
export type AnnounceCompaction = (sessionId: string, room: string, throughSeq: number, snapshotBytes: number) => void;

export class Compactions {
  private readonly running = new Map<string, Promise<void>>();
  /** the last compaction queued: the next one starts when it ends */
  private queue: Promise<void> = Promise.resolve();
  /** re-reads of a log's size after another instance's compaction (shutdown waits for them) */
  private readonly following = new Set<Promise<void>>();

  constructor(
    private readonly storage: Pick<Storage, 'loadRoom' | 'loadRoomSince' | 'compactRoom'>,
    private readonly compactor: Pick<Compactor, 'snapshot'>,
    private readonly warn: (message: string) => void,
    private readonly announce: AnnounceCompaction = () => undefined,
  ) {}

  has(key: string): boolean {
    return this.running.has(key);
  }

  /** resolves when the room's compaction (if any) is over; never rejects */
  wait(key: string): Promise<void> {
    return this.running.get(key) ?? Promise.resolve();
  }

  /**
   * Compacts what the room has stored now if it has more than `overRows` rows, unless a
   * compaction of it is running already. `done` gets the log as stored afterwards (or as read,
   * when another instance compacted it already): the live room's counters follow storage.
   */
  fromStorage(sessionId: string, room: string, overRows: number, done: (log: StoredLog) => void = () => undefined): void {
    this.track(`${sessionId}/${room}`, async () => {
      const stored = await this.storage.loadRoom(sessionId, room);
      if (stored.rows <= Math.max(1, overRows)) {
        done({ lastSeq: stored.lastSeq, rows: stored.rows, bytes: sum(stored.updates) });
        return;
      }
      const snapshot = await this.compactor.snapshot(stored.updates);
      await this.swap(sessionId, room, snapshot, stored.lastSeq, done);
    });
  }

  /**
   * Compacts with a snapshot the caller built from exactly the rows up to `throughSeq`, just
   * read from storage (a load that integrated several rows).
   */
  withSnapshot(sessionId: string, room: string, snapshot: Uint8Array, throughSeq: number, done: (log: StoredLog) => void = () => undefined): void {
    this.track(`${sessionId}/${room}`, () => this.swap(sessionId, room, snapshot, throughSeq, done));
  }

  /**
   * Another instance compacted the room through `throughSeq` (its snapshot `snapshotBytes`
   * long): reads what the log holds now, for the live room's counters. The read is the rows
   * after the snapshot only; errors are warned, the next compaction notice or check corrects.
   */
  follow(sessionId: string, room: string, throughSeq: number, snapshotBytes: number, done: (log: StoredLog) => void): void {
    const reading = this.storedAfter(sessionId, room, throughSeq, snapshotBytes)
      .then(done)
      .catch((err: Error) => this.warn(`${sessionId}/${room}: reading the log after a compaction failed: ${err.message}`))
      .finally(() => this.following.delete(reading));
    this.following.add(reading);
  }

  /** resolves when no compaction is running (tests and shutdown) */
  async settled(): Promise<void> {
    while (this.running.size > 0 || this.following.size > 0) await Promise.all([...this.running.values(), ...this.following]);
  }

  private async swap(sessionId: string, room: string, snapshot: Uint8Array, throughSeq: number, done: (log: StoredLog) => void): Promise<void> {
    // A no-op when another instance compacted past throughSeq meanwhile (the adapters' rule):
    // two compactions of one room, in any order, neither lose nor duplicate a row. That one's
    // notice then brings the counters.
    if (!(await this.storage.compactRoom(sessionId, room, snapshot, throughSeq))) return;
    this.announce(sessionId, room, throughSeq, snapshot.length);
    done(await this.storedAfter(sessionId, room, throughSeq, snapshot.length));
  }

  /** the log now: the snapshot through `throughSeq` and the rows stored after it */
  private async storedAfter(sessionId: string, room: string, throughSeq: number, snapshotBytes: number): Promise<StoredLog> {
    const after = await this.storage.loadRoomSince(sessionId, room, throughSeq);
    return { lastSeq: after.lastSeq, rows: after.rows, bytes: snapshotBytes + sum(after.updates) };
  }

  private track(key: string, task: () => Promise<void>): void {
    if (this.running.has(key)) return;
    // One compaction at a time in the process, the others queued behind it. Rooms under the same
    // load reach the limit together (the webinar's 10 rooms within a second), and ten
    // compactions side by side each ran a step in the same event-loop turn (their setImmediate
    // yields all fall in one check phase): turns of 40–70 ms, the webinar's p99 doubled.
    const run = this.queue
      .then(task)
      .catch((err: Error) => this.warn(`${key}: compaction failed, kept the log: ${err.message}`))
      .finally(() => {
        if (this.running.get(key) === run) this.running.delete(key);
      });
    this.queue = run;
    this.running.set(key, run);
  }
}

function sum(updates: readonly Uint8Array[]): number {
  let bytes = 0;
  for (const update of updates) bytes += update.length;
  return bytes;
}
