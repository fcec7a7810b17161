/**
 * When rooms' awareness is relayed (R9, R26): on the next event-loop turn after a change,
 * coalesced per room, on a path of its own that never waits behind a storage commit; states
 * held back by the per-client pacing are relayed when due, one timer per room. What a relay
 * does is the caller's `relay` (the room's `flushAwareness`, then publishing to other instances).
 */
import type { Clock } from './clock.js';

export interface PacedRoom {
  /** when the awareness held back by the pacing is due (null: nothing held) */
  readonly awarenessDueAt: number | null;
}

export class AwarenessRelay<R extends PacedRoom> {
  private readonly dirty = new Set<R>();
  private scheduled = false;
  private readonly timers = new Set<R>();

  constructor(
    private readonly clock: Clock,
    private readonly relay: (room: R, now: number) => void,
  ) {}

  /** the room has awareness changes: relayed on the next turn with every other room's */
  mark(room: R): void {
    this.dirty.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.soon(() => {
      this.scheduled = false;
      const now = this.clock.now();
      const rooms = [...this.dirty];
      this.dirty.clear();
      for (const r of rooms) {
        this.relay(r, now);
        this.later(r, now);
      }
    });
  }

  /** R26: states held back by the per-client pacing are relayed when due (one timer per room) */
  private later(room: R, now: number): void {
    const due = room.awarenessDueAt;
    if (due === null || this.timers.has(room)) return;
    this.timers.add(room);
    this.clock.after(Math.max(1, due - now), () => {
      this.timers.delete(room);
      this.mark(room);
    });
  }
}
