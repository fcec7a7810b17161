/**
 * Builds a room's snapshot from its stored rows. A log of small rows is built here, a few rows
 * per event-loop turn: no turn holds the other rooms for more than a few milliseconds, and no
 * second V8 isolate is needed. That isolate was the largest single item of the server's memory
 * under the webinar load (+34 MB RSS when the first compaction started it: its young generation
 * grows to 16-33 MB for garbage alone) and cost CPU of its own (a second JIT and GC, every log
 * copied in and the snapshot back). A log holding a large row (a big board's snapshot: one
 * update, applied in one go) or a very large log goes to a worker thread, started on first need:
 * applying a 441 KiB board takes 26 ms, a stall for every room on the event loop.
 * The worker is an `eval` worker so it runs the same from sources (tests) and from `dist/`.
 * It stops once it has been idle for WORKER_IDLE_MS: its heap grew to hold the last log it
 * built (a 20 MB log left the process 75 MB larger for good, measured in the slow-reader fault
 * test), and a big compaction is rare enough that starting it again (~40 ms) costs less.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';

const require = createRequire(import.meta.url);

/** Which logs are built on the event loop: every row at most `rowBytes`, all of them at most `bytes`. */
export interface InlineLimits {
  rowBytes: number;
  bytes: number;
}

/**
 * Measured (applying one board snapshot, then encoding it): 108 KiB (500 notes) 5.2 + 0.7 ms,
 * 219 KiB 6.1 + 1.3 ms, 441 KiB 26 + 3.2 ms. A row is applied in one go, so its size bounds a
 * turn; the total bounds the final encoding and the build's memory.
 */
export const INLINE_LIMITS: InlineLimits = { rowBytes: 128 * 1024, bytes: 1024 * 1024 };
/** an inline build yields to the event loop after this many rows or bytes */
const ROWS_PER_TURN = 64;
const BYTES_PER_TURN = 32 * 1024;
/** the worker is stopped after this long without work (its memory given back) */
export const WORKER_IDLE_MS = 10_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
parentPort.on('message', ({ id, updates }) => {
  try {
    const doc = new Y.Doc();
    doc.transact(() => { for (const update of updates) Y.applyUpdate(doc, update); });
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, snapshot }, [snapshot.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

interface Reply {
  id: number;
  snapshot?: Uint8Array;
  error?: string;
}

export class Compactor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (s: Uint8Array) => void; reject: (e: Error) => void }>();
  private cancelIdleStop: (() => void) | null = null;

  /** `inline`: which logs are built on the event loop (zeros: all on the worker) */
  constructor(
    private readonly inlineLimits: InlineLimits = INLINE_LIMITS,
    private readonly clock: Clock = systemClock,
  ) {}

  /** whether the worker thread is running (tests and metrics) */
  get workerRunning(): boolean {
    return this.worker !== null;
  }

  /** The state of `updates` applied in order, as one update. */
  snapshot(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    let bytes = 0;
    let largest = 0;
    for (const update of updates) {
      bytes += update.length;
      largest = Math.max(largest, update.length);
    }
    const inline = largest <= this.inlineLimits.rowBytes && bytes <= this.inlineLimits.bytes;
    return inline ? this.inline(updates) : this.onWorker(updates);
  }

  /** On the event loop, a few rows per turn (the same result as one transaction: a CRDT's state does not depend on how its updates were grouped). */
  private async inline(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    const doc = new Y.Doc();
    try {
      let i = 0;
      while (i < updates.length) {
        if (i > 0) await nextTurn();
        let rows = 0;
        let bytes = 0;
        doc.transact(() => {
          while (i < updates.length && rows < ROWS_PER_TURN && bytes < BYTES_PER_TURN) {
            const update = updates[i++]!;
            Y.applyUpdate(doc, update);
            rows += 1;
            bytes += update.length;
          }
        });
      }
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  private onWorker(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    const worker = this.start();
    this.cancelIdleStop?.();
    this.cancelIdleStop = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, updates });
    });
  }

  private start(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(SOURCE, { eval: true, workerData: { yjs: require.resolve('yjs') } });
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (waiter === undefined) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) {
        worker.unref();
        this.cancelIdleStop = this.clock.after(WORKER_IDLE_MS, () => void this.stopIdle(worker));
      }
      if (reply.snapshot !== undefined) waiter.resolve(new Uint8Array(reply.snapshot));
      else waiter.reject(new Error(reply.error ?? 'compaction failed'));
    });
    const fail = (err: Error) => {
      // a worker stopped on purpose (idle, close) has no waiter; a newer one may have some
      if (this.worker !== worker) return;
      for (const waiter of this.waiting.values()) waiter.reject(err);
      this.waiting.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the compaction worker stopped')));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private async stopIdle(worker: Worker): Promise<void> {
    if (this.worker !== worker || this.waiting.size > 0) return;
    this.cancelIdleStop = null;
    this.worker = null;
    await worker.terminate();
  }

  async close(): Promise<void> {
    this.cancelIdleStop?.();
    this.cancelIdleStop = null;
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }
}
