import { describe, expect, it } from 'vitest';
import { FlushScheduler } from './flushScheduler.js';
import { FakeClock } from './testing/fakeClock.js';

function setup(intervalMs: number) {
  const clock = new FakeClock();
  const runs: number[] = [];
  let work = 0;
  let release: (() => void) | null = null;
  let hold = false;
  const scheduler = new FlushScheduler(
    {
      flush: () => {
        runs.push(clock.monotonic());
        work = 0;
        if (!hold) return Promise.resolve();
        return new Promise<void>((resolve) => (release = resolve));
      },
      hasWork: () => work > 0,
    },
    intervalMs,
    clock,
  );
  return {
    clock,
    runs,
    scheduler,
    dirty() {
      work++;
      scheduler.request();
    },
    holdFlushes(on: boolean) {
      hold = on;
    },
    finish() {
      release?.();
      release = null;
    },
  };
}

describe('FlushScheduler', () => {
  it('R15 runs a flush on the next turn, one at a time, and chains one more for what came meanwhile', async () => {
    const t = setup(0);
    t.holdFlushes(true);
    t.dirty();
    t.dirty();
    expect(t.runs).toHaveLength(0);
    await t.clock.turn();
    expect(t.runs).toHaveLength(1);
    t.dirty(); // while the first flush runs
    await t.clock.turn();
    expect(t.runs).toHaveLength(1);
    t.holdFlushes(false);
    t.finish();
    await t.clock.turn();
    expect(t.runs).toHaveLength(2);
    expect(t.scheduler.busy).toBe(false);
  });

  it('R15 waits FLUSH_INTERVAL_MS after the previous start before the next flush', async () => {
    const t = setup(100);
    t.dirty();
    await t.clock.turn();
    expect(t.runs).toHaveLength(1);
    t.dirty();
    await t.clock.advance(60);
    expect(t.runs).toHaveLength(1);
    await t.clock.advance(40);
    expect(t.runs).toHaveLength(2);
    expect(t.runs[1]! - t.runs[0]!).toBe(100);
    // quiet for longer than the window: the next update goes out on the next turn, not later
    await t.clock.advance(150);
    t.dirty();
    await t.clock.turn();
    expect(t.runs).toHaveLength(3);
    expect(t.runs[2]! - t.runs[1]!).toBe(150);
  });

  it('R14 retries after the delay, or at once when hurried; idle() resolves when all is done', async () => {
    const t = setup(0);
    t.dirty();
    await t.clock.turn();
    t.scheduler.retryIn(500);
    t.dirty();
    await t.clock.advance(499);
    expect(t.runs).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.runs).toHaveLength(2);

    t.scheduler.retryIn(500);
    let idle = false;
    void t.scheduler.idle().then(() => (idle = true));
    t.scheduler.hurry();
    await t.clock.turn();
    expect(t.runs).toHaveLength(3);
    expect(idle).toBe(true);
    expect(t.clock.pendingTimers).toBe(0);
  });
});
