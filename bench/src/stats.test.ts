import { describe, expect, it } from 'vitest';
import { dueTimeMs, median, medianOfRatios, percentile, percentileSorted, round, SampleBuffer, summarize } from './stats.js';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileSorted(sorted, 50)).toBe(5);
    expect(percentileSorted(sorted, 90)).toBe(9);
    expect(percentileSorted(sorted, 95)).toBe(10);
    expect(percentileSorted(sorted, 99.9)).toBe(10);
    expect(percentileSorted(sorted, 0)).toBe(1);
    expect(percentileSorted(sorted, 100)).toBe(10);
  });

  it('is NaN for no samples and exact for one', () => {
    expect(percentileSorted([], 50)).toBeNaN();
    expect(percentileSorted([7], 99)).toBe(7);
  });

  it('sorts unsorted input numerically', () => {
    expect(percentile([10, 9, 100, 2, 1], 50)).toBe(9);
  });

  it('p99.9 of 1,000 samples is the largest but none', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(values, 99.9)).toBe(999);
    expect(percentile(values, 99)).toBe(990);
  });
});

describe('median and median of ratios', () => {
  it('takes the middle, or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('pairs repeats: the median of a[i] / b[i], not the ratio of medians', () => {
    // ratios 0.5, 2, 1 → median 1; the ratio of medians would be 10/10 = 1 too, so use a case that differs
    expect(medianOfRatios([1, 20, 10], [2, 10, 10])).toBe(1);
    expect(medianOfRatios([1, 1, 100], [10, 10, 1])).toBeCloseTo(0.1);
  });

  it('skips repeats missing on either side or divided by zero', () => {
    expect(medianOfRatios([1, null, 3, 4], [2, 2, undefined, 0])).toBe(0.5);
    expect(medianOfRatios([], [])).toBeNaN();
  });
});

describe('summaries and buffers', () => {
  it('summarises latencies', () => {
    const s = summarize(Float64Array.from([5, 1, 3, 2, 4]));
    expect(s).toMatchObject({ count: 5, p50: 3, max: 5, mean: 3 });
  });

  it('grows without losing samples', () => {
    const b = new SampleBuffer(16);
    for (let i = 0; i < 1000; i++) b.push(i);
    expect(b.length).toBe(1000);
    expect(b.values()[999]).toBe(999);
    b.clear();
    expect(b.values().length).toBe(0);
  });

  it('spreads an open-loop schedule evenly over the clients', () => {
    // 300 clients at 5/s: 1,500 sends a second, one every 2/3 ms
    expect(dueTimeMs(0, 1500, 300, 5)).toBeCloseTo(1000);
    expect(dueTimeMs(10, 3, 300, 5)).toBeCloseTo(12);
  });

  it('rounds for display', () => {
    expect(round(123.456)).toBe(123);
    expect(round(12.345)).toBe(12.3);
    expect(round(1.2345)).toBe(1.23);
    expect(round(0.12345)).toBe(0.123);
    expect(round(NaN)).toBeNaN();
  });
});
