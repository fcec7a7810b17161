import { describe, expect, it } from 'vitest';
import { GapGrace } from './catchUps.js';

describe('GapGrace', () => {
  it('R20 starts at 150 ms and follows twice the p99 of the reorderings that filled by themselves, within 25 ms – 1 s', () => {
    const grace = new GapGrace();
    expect(grace.ms).toBe(150);
    for (let i = 0; i < 200; i++) grace.filled(i % 50 === 0 ? 8 : 1); // a quiet machine: p99 8 ms
    expect(grace.ms).toBe(25);
    for (let i = 0; i < 200; i++) grace.filled(i % 10 === 0 ? 110 : 12); // a starved event loop
    expect(grace.ms).toBe(220);
    for (let i = 0; i < 200; i++) grace.filled(900);
    expect(grace.ms).toBe(1_000);
  });

  it('R20 climbs to reorderings longer than itself, which it only ever sees cut at its own length', () => {
    const grace = new GapGrace();
    const slowest = 400; // batches really take up to this; a gap read at the grace is a sample of the grace
    const seen: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 200; i++) grace.filled(Math.min(slowest, grace.ms));
      seen.push(grace.ms);
    }
    // up to twice the slowest at once, and no further: it does not run away
    expect(seen).toEqual([800, 800, 800, 800, 800]);
  });
});
