import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seqTracker.js';

describe('SeqTracker', () => {
  it('R20 keeps a contiguous watermark through out-of-order seqs', () => {
    const t = new SeqTracker(9);
    t.applied(11); // a local commit overtook a remote 10
    expect(t.watermark).toBe(9);
    expect(t.hasGap).toBe(true);
    expect(t.has(11)).toBe(true);
    expect(t.has(10)).toBe(false);
    t.applied(10); // the remote 10 arrives: not ignored although 10 < 11
    expect(t.watermark).toBe(11);
    expect(t.hasGap).toBe(false);
    t.applied(11);
    t.applied(5);
    expect(t.watermark).toBe(11);
    expect(t.highest).toBe(11);
  });

  it('R20 a catch-up closes gaps through the last stored seq and keeps what lies beyond', () => {
    const t = new SeqTracker(3);
    t.applied(6);
    t.applied(9);
    t.caughtUp(7);
    expect(t.watermark).toBe(7);
    expect(t.hasGap).toBe(true);
    t.applied(8);
    expect(t.watermark).toBe(9);
    expect(t.isBehind(9)).toBe(false);
    expect(t.isBehind(10)).toBe(true);
    t.caughtUp(2);
    expect(t.watermark).toBe(9);
  });
});
