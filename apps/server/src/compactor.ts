/**
 * Builds a room's snapshot from its stored rows on a worker thread. Applying hundreds of
 * updates takes tens of milliseconds; on the event loop that is a stall for every room.
 * The worker is an `eval` worker so it runs the same from sources (tests) and from `dist/`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

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

  /** The state of `updates` applied in order, as one update. */
  snapshot(updates: readonly Uint8Array[]): Promise<Uint8Array> {
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
