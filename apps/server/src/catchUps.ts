/**
 * R20: rooms catch up from storage, never from the fan-out's memory. A gap in a room's seqs
 * may be a batch still on its way, so it is read from storage only if it lasts the grace (`GapGrace`);
 * a batch that depends on one the document lacks, or a `head` above the watermark, catches up
 * at once. One catch-up per room at a time; a request during one runs another after it.
 */
import * as Y from 'yjs';
import type { Clock } from './clock.js';
import type { Room } from './room.js';
import type { Storage } from './storage/index.js';

/**
 * How long a gap in a room's seqs may be a batch still on its way before it is read from
 * storage: adaptive, twice the p99 of the reorderings this instance saw fill by themselves
 * lately, between MIN and MAX. Measured (test/cluster/latency.test.ts, two instances writing
 * ten shared rooms at 500 moves/s on a 2-core machine): reorderings last p99 8 ms at load 17,
 * but 220 ms when the event loop starves at load 22 — no constant fits both. Too short, and a
 * slow batch costs a pointless storage read (when the machine is busiest); too long, and a lost
 * publish is recovered late. Reorderings longer than the grace are never seen filling by
 * themselves, but twice the p99 still lets the grace climb to them. Pure; no knob.
 */
export class GapGrace {
  static readonly INITIAL_MS = 150;
  static readonly MIN_MS = 25;
  static readonly MAX_MS = 1_000;
  private static readonly SAMPLES = 200;
  private readonly waits: number[] = [];
  private next = 0;
  private current = GapGrace.INITIAL_MS;

  get ms(): number {
    return this.current;
  }

  /** a gap filled by itself (the batch came) after `waitMs` */
  filled(waitMs: number): void {
    if (this.waits.length < GapGrace.SAMPLES) this.waits.push(waitMs);
    else this.waits[this.next] = waitMs;
    this.next = (this.next + 1) % GapGrace.SAMPLES;
    const sorted = [...this.waits].sort((x, y) => x - y);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!;
    this.current = Math.min(GapGrace.MAX_MS, Math.max(GapGrace.MIN_MS, Math.ceil(2 * p99)));
  }
}

export class CatchUps {
  /** catch-ups from storage under way (one per room at a time), and rooms to catch up again after */
  private readonly running = new Map<Room, Promise<void>>();
  private readonly again = new Set<Room>();
  /** rooms with a gap being waited for, and since when */
  private readonly gapChecks = new Map<Room, number>();
  /** R20: how long a gap may be a batch on its way */
  readonly grace = new GapGrace();

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
    const opened = this.clock.monotonic();
    this.gapChecks.set(room, opened);
    this.clock.after(this.grace.ms, () => {
      if (this.gapChecks.get(room) !== opened) return;
      this.gapChecks.delete(room);
      if (room.hasSeqGap && this.isLoaded(room)) void this.run(room);
    });
  }

  /** a batch from another instance was applied: if it closed the gap being waited for, that wait is a sample */
  delivered(room: Room): void {
    const opened = this.gapChecks.get(room);
    if (opened === undefined || room.hasSeqGap) return;
    this.gapChecks.delete(room);
    this.grace.filled(this.clock.monotonic() - opened);
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
