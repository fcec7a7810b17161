/**
 * Child processes driven over Node's IPC channel: each server under test and the load
 * generator run in their own process, so their CPU, memory and event loop are their own.
 * `fork` starts one; `serve` (in the child) answers its calls.
 */
import { fork as forkChild } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Request {
  id: number;
  op: string;
  args: unknown;
}
interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

// `any`: each handler declares its own argument type; IPC messages are untyped at this boundary.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (args: any) => unknown>;

/** In the child: answers calls by name. Unknown ops and thrown errors reply with an error. */
export function serve(handlers: Handlers): void {
  if (process.send === undefined) throw new Error('this module must be started by the bench runner (no IPC channel)');
  process.on('message', (message: Request) => {
    const handler = handlers[message.op];
    const reply = (r: Omit<Reply, 'id'>) => process.send?.({ id: message.id, ...r });
    if (handler === undefined) return reply({ ok: false, error: `unknown op ${message.op}` });
    Promise.resolve()
      .then(() => handler(message.args))
      .then(
        (result) => reply({ ok: true, result: result ?? null }),
        (err: Error) => reply({ ok: false, error: err?.stack ?? String(err) }),
      );
  });
  // The parent went away: do not linger.
  process.on('disconnect', () => process.exit(0));
}

/**
 * CPU time (user + system, ms) a process has used, read from /proc/<pid>/stat: no help from the
 * process itself, so it is exact even while that process's event loop is stalled. Null where
 * /proc is not there. Clock ticks are 100 a second on Linux (USER_HZ).
 */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3); utime and stime are fields 14 and 15
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** every child still running, killed when the runner exits however it exits */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; op: string }>();
  readonly exited: Promise<number | null>;
  /** resolves with what the child announced once it is ready (message id 0); each wrapper announces its own shape */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly ready: Promise<any>;
  private announce: (value: unknown) => void = () => undefined;
  private failStart: (err: Error) => void = () => undefined;
  private announced = false;
  stderr = '';

  constructor(readonly process: ChildProcess, readonly name: string) {
    this.ready = new Promise((resolve, reject) => {
      this.announce = resolve;
      this.failStart = reject;
    });
    // a child that dies before it is ready rejects `ready`; nobody may be waiting any more
    this.ready.catch(() => undefined);
    process.on('message', (message: Reply) => {
      if (message.id === 0) {
        this.announced = true;
        return this.announce(message.result);
      }
      const waiter = this.pending.get(message.id);
      if (waiter === undefined) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${waiter.op} failed: ${message.error}`));
    });
    process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8_000);
    });
    process.stdout?.on('data', () => undefined);
    live.add(process);
    this.exited = new Promise((resolve) => {
      process.on('exit', (code) => {
        live.delete(process);
        for (const waiter of this.pending.values()) {
          waiter.reject(new Error(`${name} exited (code ${code}) during ${waiter.op}: ${this.stderr.slice(-2_000)}`));
        }
        this.pending.clear();
        if (!this.announced) this.failStart(new Error(`${name} exited (code ${code}) before it was ready: ${this.stderr.slice(-2_000)}`));
        resolve(code);
      });
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  call<T = unknown>(op: string, args: unknown = null, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        op,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.process.send({ id, op, args } satisfies Request);
    });
  }

  /** asks the child to stop, then kills it if it has not exited within `graceMs` */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    try {
      await this.call('stop', null, graceMs).catch(() => undefined);
    } finally {
      await this.exited;
      clearTimeout(timer);
    }
  }
}

/**
 * Starts `bench/dist/<relative>` as a child with an IPC channel. Resolved from the package
 * root, so it works the same from `src/` (vitest) and from `dist/`: children are always the
 * built JavaScript (`npm run build` first).
 */
export function fork(relative: string, options: { execArgv?: string[]; env?: Record<string, string>; name: string }): Child {
  const file = fileURLToPath(new URL(`../dist/${relative}`, import.meta.url));
  const child = forkChild(file, [], {
    execArgv: options.execArgv ?? [],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  return new Child(child, options.name);
}
