/**
 * Builds a room's snapshot from its stored rows. A large log goes to a worker thread: applying
 * hundreds of updates of a big board takes tens of milliseconds, on the event loop a stall for
 * every room. A small log (at most `INLINE_MAX_BYTES`, what a lively board of a few dozen notes
 * writes between two compactions) is built here, a few rows per event-loop turn: each turn
 * stays within a few milliseconds, and no second V8 isolate is needed. That isolate was the
 * largest single item of the server's memory under the webinar load (+34 MB RSS when the
 * first compaction started it: its young generation grows to 16–33 MB for garbage alone) and
 * cost CPU of its own (a second JIT and GC, every log copied in and the snapshot back).
 * The worker is an `eval` worker so it runs the same from sources (tests) and from `dist/`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';

const require = createRequire(import.meta.url);

/**
 * Logs up to this many bytes are built on the event loop. Measured: applying and encoding a
 * 108 KiB board (500 notes) takes about 5 ms, 219 KiB about 6 ms, 441 KiB 20 ms.
 */
export const INLINE_MAX_BYTES = 128 * 1024;
/** an inline build yields to the event loop after this many rows or bytes */
const ROWS_PER_TURN = 64;
const BYTES_PER_TURN = 32 * 1024;

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

  /** `inlineMaxBytes`: logs up to this size are built on the event loop (0: always on the worker) */
  constructor(private readonly inlineMaxBytes = INLINE_MAX_BYTES) {}

  /** The state of `updates` applied in order, as one update. */
  snapshot(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    let bytes = 0;
    for (const update of updates) bytes += update.length;
    return bytes <= this.inlineMaxBytes ? this.inline(updates) : this.onWorker(updates);
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
      if (this.waiting.size === 0) worker.unref();
      if (reply.snapshot !== undefined) waiter.resolve(new Uint8Array(reply.snapshot));
      else waiter.reject(new Error(reply.error ?? 'compaction failed'));
    });
    const fail = (err: Error) => {
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

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }
}
