/**
 * Time, as the server core sees it: injected, so the units that schedule work (flushes,
 * awareness relays, compactions, heartbeats) run under fake time in unit tests.
 */
export interface Clock {
  /** wall-clock ms since the epoch: timestamps that leave the process (awareness, control state) */
  now(): number;
  /** monotonic ms: intervals only */
  monotonic(): number;
  /** runs `task` once after `ms`; returns a cancel function. Never keeps the process alive. */
  after(ms: number, task: () => void): () => void;
  /** runs `task` on the next event-loop turn, after I/O already queued */
  soon(task: () => void): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  soon(task) {
    setImmediate(task);
  },
};
