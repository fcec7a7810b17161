/**
 * Exports rendered off the event loop: one worker thread (`@concerto/export/worker`) draws
 * them one after the other, so a facilitator's PDF (seconds of CPU for 10 × 50 notes) never
 * pauses the live rooms' sync. The queue is bounded: `capacity` exports at once (rendering or
 * waiting), and the next caller is told to come back later (503 + Retry-After) rather than
 * wait behind an unbounded line.
 *
 * The worker starts on the first export and stops after a quiet minute, so an idle server does
 * not hold pdfkit and the fonts in memory.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ExportFormat, StoredProgrammeContent, StoredSessionContent } from '@concerto/export';

/** Two facilitators exporting at once are served one after the other; a third is refused. */
export const EXPORT_QUEUE_CAPACITY = 2;
const IDLE_STOP_MS = 60_000;
/**
 * The worker thread's nice value (Linux: per thread): a PDF being drawn yields to the rooms'
 * event loop when they want the same core, and takes the CPU they leave. Measured under the
 * webinar load with two PDFs at once (bench `export`, 2 cores): at 19 the exports added 5.4–8.8
 * ms to the live p99, at 10 they added 16.0 and 24.0 ms (the target is 10). The price: on a
 * machine whose every core is busy, the drawing waits for the rooms; that is the order wanted.
 */
export const EXPORT_NICENESS = 19;
/** Until a first export has been timed: about what a 10 × 50 PDF takes on a loaded 2-core machine. */
const FIRST_ESTIMATE_MS = 3_000;

interface RenderResponse {
  id: number;
  ok: boolean;
  body?: Uint8Array | string;
  message?: string;
}

/** What the worker draws (`@concerto/export/worker` RenderRequest, without its id). */
type RenderJob = { format: ExportFormat; exportedAt: number } & ({ content: StoredSessionContent } | { roadmap: StoredProgrammeContent });

/** A reserved place in the queue: render once, then release (always, in a `finally`). */
export interface ExportSlot {
  render(format: ExportFormat, content: StoredSessionContent, exportedAt: number): Promise<Uint8Array | string>;
  /** a démarche's roadmap (issue 11 §5), in the same queue: one bound for every export */
  renderRoadmap(format: ExportFormat, roadmap: StoredProgrammeContent, exportedAt: number): Promise<Uint8Array | string>;
  release(): void;
}

export interface ExportQueueOptions {
  capacity?: number;
  /** the worker's script; default `@concerto/export/worker` as built (`dist/worker.js`) */
  workerFile?: string;
}

function defaultWorkerFile(): string {
  // Node's resolution, not the bundler's: the worker runs the built package.
  return createRequire(import.meta.url).resolve('@concerto/export/worker');
}

export class ExportQueue {
  readonly capacity: number;
  private readonly workerFile: string;
  private reserved = 0;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (body: Uint8Array | string) => void; reject: (err: Error) => void }>();
  /** the render before this one: exports are drawn strictly one after the other */
  private tail: Promise<unknown> = Promise.resolve();
  private lastRenderMs = FIRST_ESTIMATE_MS;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: ExportQueueOptions = {}) {
    this.capacity = options.capacity ?? EXPORT_QUEUE_CAPACITY;
    this.workerFile = options.workerFile ?? defaultWorkerFile();
  }

  /** exports rendering or waiting now */
  get size(): number {
    return this.reserved;
  }

  /** A place in the queue, or null when it is full. Reserve before gathering the content. */
  tryReserve(): ExportSlot | null {
    if (this.closed || this.reserved >= this.capacity) return null;
    this.reserved++;
    let released = false;
    return {
      render: (format, content, exportedAt) => this.enqueue({ format, content, exportedAt }),
      renderRoadmap: (format, roadmap, exportedAt) => this.enqueue({ format, roadmap, exportedAt }),
      release: () => {
        if (released) return;
        released = true;
        this.reserved--;
      },
    };
  }

  /** Seconds until a place is likely free: every export ahead at the last measured pace. */
  retryAfterSeconds(): number {
    return Math.min(60, Math.max(1, Math.ceil((this.reserved * this.lastRenderMs) / 1000)));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearIdle();
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('The server is stopping.'));
    if (worker !== null) await worker.terminate();
  }

  private enqueue(job: RenderJob): Promise<Uint8Array | string> {
    const run = this.tail.then(
      () => this.renderNow(job),
      () => this.renderNow(job),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  private renderNow(job: RenderJob): Promise<Uint8Array | string> {
    if (this.closed) return Promise.reject(new Error('The server is stopping.'));
    this.clearIdle();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<Uint8Array | string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...job });
    }).finally(() => {
      this.lastRenderMs = performance.now() - started;
      if (this.pending.size === 0) {
        this.worker?.unref();
        this.scheduleIdleStop();
      }
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: { niceness: EXPORT_NICENESS } });
    worker.on('message', (response: RenderResponse) => {
      const waiter = this.pending.get(response.id);
      if (waiter === undefined) return;
      this.pending.delete(response.id);
      if (response.ok && response.body !== undefined) waiter.resolve(response.body);
      else waiter.reject(new Error(`Export rendering failed: ${response.message ?? 'no output'}`));
    });
    const lost = (err: Error) => {
      // A crashed worker fails what it held; the next export starts a fresh one.
      if (this.worker === worker) this.worker = null;
      this.failAll(err);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`The export worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const waiter of waiters) waiter.reject(err);
  }

  private scheduleIdleStop(): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const worker = this.worker;
      if (worker === null || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, IDLE_STOP_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
