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

export interface CompactionResult {
  /** rows the snapshot replaced (the snapshot row itself not counted) */
  replacedRows: number;
  replacedBytes: number;
  snapshotBytes: number;
}

export class Compactions {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly compactor: Pick<Compactor, 'snapshot'>,
    private readonly warn: (message: string) => void,
  ) {}

  has(key: string): boolean {
    return this.running.has(key);
  }

  /** resolves when the room's compaction (if any) is over; never rejects */
  wait(key: string): Promise<void> {
    return this.running.get(key) ?? Promise.resolve();
  }

  /**
   * Compacts what the room has stored now, unless a compaction of it is running already.
   * `done` runs after the swap, with what it changed (the live room's counters follow it).
   */
  fromStorage(sessionId: string, room: string, done: (result: CompactionResult) => void = () => undefined): void {
    this.track(`${sessionId}/${room}`, async () => {
      const stored = await this.storage.loadRoom(sessionId, room);
      if (stored.rows <= 1) return;
      const snapshot = await this.compactor.snapshot(stored.updates);
      await this.swap(sessionId, room, snapshot, stored.lastSeq, stored.rows, stored.updates, done);
    });
  }

  /**
   * Compacts with a snapshot the caller built from exactly the rows up to `throughSeq`, just
   * read from storage (a load that integrated several rows).
   */
  withSnapshot(
    sessionId: string,
    room: string,
    snapshot: Uint8Array,
    stored: { lastSeq: number; rows: number; updates: readonly Uint8Array[] },
    done: (result: CompactionResult) => void = () => undefined,
  ): void {
    this.track(`${sessionId}/${room}`, () => this.swap(sessionId, room, snapshot, stored.lastSeq, stored.rows, stored.updates, done));
  }

  /** resolves when no compaction is running (tests and shutdown) */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async swap(
    sessionId: string,
    room: string,
    snapshot: Uint8Array,
    throughSeq: number,
    rows: number,
    updates: readonly Uint8Array[],
    done: (result: CompactionResult) => void,
  ): Promise<void> {
    await this.storage.compactRoom(sessionId, room, snapshot, throughSeq);
    let replacedBytes = 0;
    for (const update of updates) replacedBytes += update.length;
    done({ replacedRows: rows - 1, replacedBytes, snapshotBytes: snapshot.length });
  }

  private track(key: string, task: () => Promise<void>): void {
    if (this.running.has(key)) return;
    const run = task()
      .catch((err: Error) => this.warn(`${key}: compaction failed, kept the log: ${err.message}`))
      .finally(() => {
        if (this.running.get(key) === run) this.running.delete(key);
      });
    this.running.set(key, run);
  }
}
