import { describe, expect, it } from 'vitest';
import { CommitQueue } from './commitQueue.js';

/** a write that records each transaction and can be told to fail */
function recorder(fail: (items: readonly number[]) => Error | null = () => null) {
  const writes: number[][] = [];
  /** answers each item times ten, so a caller can check it got its own results */
  const write = async (items: readonly number[]): Promise<number[]> => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const err = fail(items);
    if (err !== null) throw err;
    writes.push([...items]);
    return items.map((x) => x * 10);
  };
  return { writes, write };
}

class DataError extends Error {}

describe('CommitQueue', () => {
  it('merges the calls of one turn, and the calls made during a write, keeping call order', async () => {
    const { writes, write } = recorder();
    const queue = new CommitQueue(write, () => true);
    const first = [queue.push([1, 2]), queue.push([3])];
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first write is in flight
    const later = [queue.push([4]), queue.push([5, 6])];
    expect(await Promise.all([...first, ...later])).toEqual([[10, 20], [30], [40], [50, 60]]);
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('retries merged calls one by one when the error says so, so one bad call fails alone', async () => {
    const { writes, write } = recorder((items) => (items.includes(13) ? new DataError('bad') : null));
    const queue = new CommitQueue(write, (err) => err instanceof DataError);
    const results = await Promise.allSettled([queue.push([1]), queue.push([13]), queue.push([2])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual([[10], null, [20]]);
    expect(writes).toEqual([[1], [2]]);
  });

  it('fails every merged call at once on other errors', async () => {
    const { write } = recorder(() => new Error('connection refused'));
    const queue = new CommitQueue(write, (err) => err instanceof DataError);
    const results = await Promise.allSettled([queue.push([1]), queue.push([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // and keeps working afterwards
    const ok = new CommitQueue(recorder().write, () => false);
    await expect(ok.push([3])).resolves.toEqual([30]);
  });

  it('settles after every pending call', async () => {
    const { writes, write } = recorder();
    const queue = new CommitQueue(write, () => true);
    void queue.push([1]);
    void queue.push([2]);
    await queue.settled();
    expect(writes.flat()).toEqual([1, 2]);
    await queue.settled(); // idle: resolves at once
  });
});
