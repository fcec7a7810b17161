/**
 * A `Clock` whose time moves only when a test says so. `soon` tasks run on `turn()`;
 * `advance(ms)` runs the `after` tasks that fall due, in order, with `turn()`s in between.
 */
import type { Clock } from '../clock.js';

export class FakeClock implements Clock {
  private time = 1_000_000;
  private soonQueue: (() => void)[] = [];
  private timers: { at: number; id: number; task: () => void }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  monotonic(): number {
    return this.time;
  }

  after(ms: number, task: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, id, task });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  soon(task: () => void): void {
    this.soonQueue.push(task);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** runs the `soon` tasks queued so far and those they queue, then lets promises settle */
  async turn(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      await settle();
      if (this.soonQueue.length === 0) return;
      const queue = this.soonQueue;
      this.soonQueue = [];
      for (const task of queue) task();
    }
    throw new Error('FakeClock: soon tasks keep queueing more (a loop?)');
  }

  /** moves time forward by `ms`, running what falls due */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await this.turn();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (next === undefined || next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.task();
      await this.turn();
    }
    this.time = end;
    await this.turn();
  }
}

/** lets already-resolved promise chains run (a few microtask hops, and one macrotask) */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
