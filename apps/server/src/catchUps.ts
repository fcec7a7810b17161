/**
 * R20: rooms catch up from storage, never from the fan-out's memory. A gap in a room's seqs
 * may be a batch still on its way, so it is read from storage only if it lasts GAP_GRACE_MS;
 * a batch that depends on one the document lacks, or a `head` above the watermark, catches up
 * at once. One catch-up per room at a time; a request during one runs another after it.
 */
import * as Y from 'yjs';
import type { Clock } from './clock.js';
import type { Room } from './room.js';
import type { Storage } from './storage/index.js';

/**
 * A gap in a room's seqs may be a batch still on its way: it must persist this long to be read
 * from storage. Measured (test/cluster/latency.test.ts, two instances writing ten shared rooms
 * at 500 moves/s on a 2-core machine at load 17): 40 of 4,370 seqs reached B after a higher
 * one, waiting p50 0.5 ms, p99 and max 8.4 ms; a Redis delivery itself took p99 124 ms there
 * (the event loop starved). 150 ms covers the reorderings with a wide margin, so a gap read from
 * storage means a lost publish, not a slow one; a lost publish is rare and costs 150 ms more to
 * a few edits. An adaptive grace would shave that rare cost only: not worth a moving part.
 */
const GAP_GRACE_MS = 150;

export class CatchUps {
  /** catch-ups from storage under way (one per room at a time), and rooms to catch up again after */
  private readonly running = new Map<Room, Promise<void>>();
  private readonly again = new Set<Room>();
  private readonly gapChecks = new Set<Room>();

  constructor(
    private readonly storage: Pick<Storage, 'loadRoomSince'>,
    private readonly clock: Clock,
    /** is this room (still) the loaded one? a room unloaded meanwhile is left alone */
    private readonly isLoaded: (room: Room) => boolean,
    private readonly warn: (message: string) => void,
  ) {}

  /** A gap may be a batch still on its way (published later than a higher seq): read storage only if it stays. */
  checkGapLater(room: Room): void {
    if (this.gapChecks.has(room)) return;
    this.gapChecks.add(room);
    this.clock.after(GAP_GRACE_MS, () => {
      if (!this.gapChecks.delete(room)) return;
      if (room.hasSeqGap && this.isLoaded(room)) void this.run(room);
    });
  }

  /**
   * Reads the rows stored after the room's watermark and applies them (a compacted snapshot
   * among them covers what it replaced).
   */
  run(room: Room): Promise<void> {
    const running = this.running.get(room);
    if (running !== undefined) {
      this.again.add(room);
      return running;
    }
    const run = (async () => {
      do {
        this.again.delete(room);
        const loaded = await this.storage.loadRoomSince(room.sessionId, room.name, room.watermark);
        if (!this.isLoaded(room)) return;
        if (loaded.updates.length > 0) {
          const update = loaded.updates.length === 1 ? loaded.updates[0]! : Y.mergeUpdates(loaded.updates);
          room.applyStored(update, null, this.clock.now());
        }
        room.caughtUp(loaded.lastSeq, loaded.rows);
      } while (this.again.has(room));
    })()
      .catch((err: Error) => {
        this.warn(`${room.key}: catching up from storage failed: ${err.message}`);
        // the next batch, head or resync asks again
      })
      .finally(() => this.running.delete(room));
    this.running.set(room, run);
    return run;
  }

  /** the room left memory: no more catch-ups are started for it */
  forget(room: Room): void {
    this.gapChecks.delete(room);
    this.again.delete(room);
  }

  /** resolves when the catch-ups under way are done (shutdown) */
  async settled(): Promise<void> {
    await Promise.all(this.running.values());
  }
}
