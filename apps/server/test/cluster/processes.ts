/**
 * Real server processes for the cluster tests: `node apps/server/dist/main.js` with the
 * environment of a cluster member. Every process started here is killed when the test file
 * ends (afterAll) and, as a last resort, when the test worker exits, so no process or port
 * outlives a run.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** every live child of this worker, for the exit-time sweep */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Instance {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  /** the process's output (stdout and stderr), for failure messages */
  readonly log: string[];
  running(): boolean;
  /** running and not told to stop: what a load balancer's pool holds (a rolling restart takes
   *  the instance out of the pool when it sends SIGTERM) */
  inPool(): boolean;
  /** starts the process (again, on the same port) and waits for /healthz to answer */
  start(): Promise<void>;
  /** SIGKILL: nothing runs after it, as when the machine dies */
  kill9(): Promise<void>;
  /** the server's process id while it runs (descriptor counts in /proc) */
  pid(): number | null;
  /** SIGTERM and wait for a clean exit (the graceful shutdown); resolves to the exit code */
  terminate(): Promise<number | null>;
  /** the last /healthz answer, or null when unreachable */
  health(): Promise<{ status: number; body: Record<string, unknown> } | null>;
}

export interface InstanceOptions {
  /** a data directory kept across restarts and not removed (SQLite tests); default: a fresh one per start, removed at exit */
  dataDir?: string;
}

export async function makeInstance(name: string, env: Record<string, string>, options: InstanceOptions = {}): Promise<Instance> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run node scripts/build.mjs first`);
  // The port is kept across restarts (clients and the balancer come back to it); until the
  // first start succeeds it may change, when another process took it in between.
  let port = await freePort();
  let everStarted = false;
  const log: string[] = [];
  let child: ChildProcess | null = null;
  let draining = false;
  let exited: Promise<number | null> = Promise.resolve(null);

  const health = async (): Promise<{ status: number; body: Record<string, unknown> } | null> => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    } catch {
      return null;
    }
  };

  const instance: Instance = {
    name,
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port}/ws`;
    },
    log,
    running: () => child !== null,
    inPool: () => child !== null && !draining,
    pid: () => child?.pid ?? null,
    health,

    async start() {
      for (let attempt = 1; ; attempt++) {
        try {
          await startOnce();
          everStarted = true;
          return;
        } catch (err) {
          const taken = log.some((l) => l.includes('EADDRINUSE'));
          if (everStarted || !taken || attempt === 3) throw err;
          log.length = 0;
          port = await freePort();
        }
      }
    },

    async kill9() {
      child?.kill('SIGKILL');
      await exited;
    },

    async terminate() {
      if (child === null) return null;
      draining = true;
      child.kill('SIGTERM');
      return exited;
    },
  };

  async function startOnce(): Promise<void> {
    {
      if (child !== null) throw new Error(`${name} is already running`);
      draining = false;
      // A data directory of its own: SQLite is not used (DATABASE_URL), but the server may keep files there.
      const owned = options.dataDir === undefined;
      const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `concerto-${name}-`));
      const proc = spawn(process.execPath, [MAIN], {
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      live.add(proc);
      const keep = (chunk: Buffer): void => {
        log.push(...chunk.toString().split('\n').filter((l) => l !== ''));
        if (log.length > 400) log.splice(0, log.length - 400);
      };
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      exited = new Promise((resolve) => {
        proc.once('exit', (code) => {
          live.delete(proc);
          if (child === proc) child = null;
          if (owned) rmSync(dataDir, { recursive: true, force: true });
          log.push(`[${name} exited with ${code}]`);
          resolve(code);
        });
      });
      // Generous: on a loaded 2-core machine a node process may take seconds to come up.
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child !== proc) throw new Error(`${name} exited during startup:\n${log.slice(-30).join('\n')}`);
        if ((await health())?.status === 200) return;
        if (Date.now() > deadline) throw new Error(`${name} not healthy after 60 s:\n${log.slice(-30).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  return instance;
}

/** kills every instance still running (afterAll) */
export async function killAll(instances: readonly Instance[]): Promise<void> {
  await Promise.all(instances.map((i) => i.kill9()));
}
