import { describe, expect, it } from 'vitest';
import { QuietHeads } from './quietHeads.js';
import { FakeClock } from './testing/fakeClock.js';

describe('QuietHeads', () => {
  it('R23 publishes a head once a room was quiet for a second after its last commit, once', async () => {
    const clock = new FakeClock();
    const heads: string[] = [];
    const policy = new QuietHeads(clock, 1000, (key) => heads.push(key));
    policy.committed('s/a');
    await clock.advance(600);
    policy.committed('s/a');
    policy.committed('s/b');
    await clock.advance(500);
    expect(heads).toEqual([]);
    await clock.advance(500);
    expect(heads.sort()).toEqual(['s/a', 's/b']);
    await clock.advance(5000);
    expect(heads).toHaveLength(2);
    expect(clock.pendingTimers).toBe(0);
    policy.committed('s/c');
    policy.forget('s/c');
    await clock.advance(2000);
    expect(heads).toHaveLength(2);
  });
});
