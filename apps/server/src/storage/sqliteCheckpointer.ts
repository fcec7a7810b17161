/**
 * WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, i.e. on the event loop, copying megabytes into the main file
 * while every room waits. With it switched off on the main connection, this worker copies
 * the WAL back from its own connection.
 *
 * PASSIVE checkpoints alone never block the writer, but under sustained writes they never
 * catch up with it either: the WAL is only rewound once a checkpoint has copied all of it, so
 * it grew without limit (319 MB after 51 s at 1,000 edits/s). `nextCheckpoint` below decides,
 * after each PASSIVE pass, whether to finish the job: TRUNCATE once everything is copied (the
 * file is emptied: a quiet server's WAL falls to 0 within one interval), RESTART when the WAL
 * passed `restartAboveBytes` (the writer waits the few milliseconds it takes to copy the
 * frames PASSIVE left, then the next commit rewinds the WAL, and `journal_size_limit` on the
 * main connection cuts the file back).
 *
 * The worker is an `eval` worker so it runs the same from sources (tests) and from `dist/`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** a WAL past this size is checkpointed with RESTART, which waits for the writer */
export const RESTART_ABOVE_BYTES = 8 * 1024 * 1024;

/** what a PASSIVE `wal_checkpoint` reported, and the size of the -wal file */
export interface PassiveResult {
  busy: number;
  /** frames in the WAL */
  log: number;
  /** frames copied into the database */
  checkpointed: number;
  walBytes: number;
}

/**
 * The checkpoint to run after a PASSIVE one, or null. Pure: the worker runs its source text.
 * Kept free of anything outside its body for that reason.
 */
export function nextCheckpoint(result: PassiveResult, restartAboveBytes: number): 'TRUNCATE' | 'RESTART' | null {
  if (result.log > 0 && result.log === result.checkpointed) return 'TRUNCATE';
  if (result.log <= 0 && result.walBytes > 0) return 'TRUNCATE';
  if (result.walBytes > restartAboveBytes) return 'RESTART';
  return null;
}

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const nextCheckpoint = ${nextCheckpoint.toString()};
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const walBytes = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
const checkpoint = () => {
  try {
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    const next = nextCheckpoint({ busy: row.busy, log: row.log, checkpointed: row.checkpointed, walBytes: walBytes() }, workerData.restartAboveBytes);
    if (next !== null) db.pragma('wal_checkpoint(' + next + ')');
  } catch { /* busy: next time */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs = 1_000, restartAboveBytes = RESTART_ABOVE_BYTES): Checkpointer {
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, intervalMs, restartAboveBytes, driver: require.resolve('better-sqlite3') } });
  worker.unref();
  // A failing checkpointer only lets the WAL grow until the next start; never crash for it.
  worker.on('error', () => undefined);
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 2_000);
        timeout.unref();
        worker.once('message', () => {
          clearTimeout(timeout);
          void worker.terminate().then(() => resolve());
        });
        worker.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
