import { describe, expect, it } from 'vitest';
import { fanOutContract } from './contract.js';
import { openFanOut } from './index.js';
import { InProcessBus, LocalFanOut } from './local.js';

fanOutContract('in-process', () => {
  const bus = new InProcessBus();
  return { open: async () => new LocalFanOut({ bus }) };
});

describe('local fan-out', () => {
  it('is what openFanOut gives without a Redis URL, alone on its own bus', async () => {
    const a = await openFanOut({ redisUrl: null });
    const b = await openFanOut({ redisUrl: '' });
    expect(a).toBeInstanceOf(LocalFanOut);
    const seen: ReadonlySet<string>[] = [];
    a.onInstancesChanged((alive) => seen.push(alive));
    const got: string[] = [];
    await b.subscribeRoom('s', 'r', (_event, from) => got.push(from));
    a.publishRoom('s', 'r', { type: 'head', seq: 1 });
    // Another instance on b's own bus would see it; a's bus holds only a.
    await expect.poll(() => seen.map((s) => [...s])).toEqual([[a.instanceId]]);
    expect((a as LocalFanOut).stats().published).toBe(1);
    expect((b as LocalFanOut).stats().received).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps delivering to other handlers when one throws', async () => {
    const bus = new InProcessBus();
    const a = new LocalFanOut({ bus });
    const b = new LocalFanOut({ bus });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const got: string[] = [];
      b.onSessionEvent(() => {
        throw new Error('handler bug');
      });
      b.onSessionEvent((sessionId) => got.push(sessionId));
      a.publishSession('s1', { type: 'changed' });
      await expect.poll(() => got).toEqual(['s1']);
      await expect.poll(() => errors.length).toBe(1);
    } finally {
      console.error = original;
      await Promise.all([a.close(), b.close()]);
    }
  });
});
