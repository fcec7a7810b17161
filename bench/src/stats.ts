/**
 * Pure statistics used by every scenario: percentiles, medians, the median of per-repeat
 * ratios, and a growable sample buffer. No I/O, no clocks: unit-tested in stats.test.ts.
 */

/**
 * The p-th percentile (0 ≤ p ≤ 100) of an ascending array, nearest-rank method: the smallest
 * value with at least p % of the samples at or below it. NaN for an empty array.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[n - 1]!;
  // (the epsilon keeps 99.9 % of 1,000 at rank 999 despite 0.999 × 1000 = 999.0000000000001)
  const rank = Math.ceil((p * n) / 100 - 1e-9);
  return sorted[Math.min(n, Math.max(1, rank)) - 1]!;
}

/** The percentile of unsorted values (copies and sorts). */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileSorted(Float64Array.from(values).sort(), p);
}

/** The median; for an even count, the mean of the two middle values. NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => !Number.isNaN(v));
  const n = finite.length;
  if (n === 0) return NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median over repeats of a / b, where a and b were measured in the same repeat.
 * Pairs where either side is missing, or b is 0, are skipped. NaN when none is left.
 */
export function medianOfRatios(a: readonly (number | null | undefined)[], b: readonly (number | null | undefined)[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y) || y === 0) continue;
    ratios.push(x / y);
  }
  return median(ratios);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Summarises samples (sorted in place). */
export function summarize(samples: Float64Array): LatencySummary {
  samples.sort();
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]!;
  return {
    count: samples.length,
    p50: percentileSorted(samples, 50),
    p95: percentileSorted(samples, 95),
    p99: percentileSorted(samples, 99),
    p999: percentileSorted(samples, 99.9),
    max: samples.length === 0 ? NaN : samples[samples.length - 1]!,
    mean: samples.length === 0 ? NaN : sum / samples.length,
  };
}

/** An append-only buffer of numbers that grows by doubling (no per-sample allocation). */
export class SampleBuffer {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }

  /** a copy of the values pushed so far */
  values(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * The send schedule of an open-loop load: `count` clients each sending `ratePerClient` times a
 * second, phases spread evenly, so the k-th send overall is due at start + k / (count × rate)
 * seconds, by client k mod count.
 */
export function dueTimeMs(startMs: number, k: number, count: number, ratePerClient: number): number {
  return startMs + (k * 1000) / (count * ratePerClient);
}

/** Rounds for display: 3 significant digits, integers above 100. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value);
  if (abs >= 10) return Math.round(value * 10) / 10;
  if (abs >= 1) return Math.round(value * 100) / 100;
  return Math.round(value * 1000) / 1000;
}
