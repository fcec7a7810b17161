/**
 * When the registry's flush (store every dirty room's batch, then relay) runs. One flush at a
 * time; the next one on the next event-loop turn, and no sooner than `intervalMs` after the
 * previous one started: an idle room's update goes out at once, while a busy server gathers
 * more updates per room into each merged frame and each storage commit (decision 004).
 * After a failed store, no flush runs until the retry delay is over (or `hurry` ends it).
 */
import type { Clock } from './clock.js';

export interface FlushWork {
  /** stores and relays what is pending; never rejects */
  flush(): Promise<void>;
  /** is there something a flush would do? (checked after each flush to chain the next) */
  hasWork(): boolean;
}

export class FlushScheduler {
  private scheduled = false;
  private running: Promise<void> | null = null;
  private cancelRetry: (() => void) | null = null;
  private lastStartAt = -Infinity;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: FlushWork,
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  /** true while a flush is scheduled, running, or waiting to retry */
  get busy(): boolean {
    return this.scheduled || this.running !== null || this.cancelRetry !== null;
  }

  /** asks for a flush: scheduled unless one is already scheduled, running or waiting to retry */
  request(): void {
    if (this.busy) return;
    this.scheduled = true;
    const wait = this.lastStartAt + this.intervalMs - this.clock.monotonic();
    if (wait > 0.5) this.clock.after(wait, this.start);
    else this.clock.soon(this.start);
  }

  /** the last flush failed to store: try again in `ms` */
  retryIn(ms: number): void {
    this.cancelRetry?.();
    this.cancelRetry = this.clock.after(ms, () => {
      this.cancelRetry = null;
      this.request();
    });
  }

  /** ends a retry wait now (a drain before shutdown or delete wants the store attempted) */
  hurry(): void {
    if (this.cancelRetry === null) return;
    this.cancelRetry();
    this.cancelRetry = null;
    this.request();
  }

  /** resolves the next time nothing is scheduled, running or waiting to retry */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private readonly start = (): void => {
    this.scheduled = false;
    this.lastStartAt = this.clock.monotonic();
    this.running = this.work.flush().finally(() => {
      this.running = null;
      if (this.work.hasWork()) this.request();
      if (!this.busy) this.wakeIdle();
    });
  };

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
