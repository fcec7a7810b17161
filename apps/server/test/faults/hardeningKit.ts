/**
 * The server as a real child process for the hardening fault tests (issue 10 items 1, 3, 5,
 * 6, 7, 10): its pid (descriptors and RSS from /proc), its output (log lines), its metrics.
 * SQLite in a temporary directory; 127.0.0.1 only. Killed when the test file ends.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateSessionResponse } from '@concerto/contract';
import WebSocket from 'ws';
import { MAIN } from '../cluster/processes.js';
import { freePort } from '../cluster/ports.js';

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface ServerProcess {
  pid: number;
  url: string;
  wsUrl: string;
  /** every line the process wrote */
  lines: string[];
  /**
   * a full garbage collection in the server, through its inspector (started with
   * `{ inspect: true }`): memory figures read after it do not depend on when V8 last collected
   */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string> = {}, options: { inspect?: boolean } = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concerto-hardening-'));
  const port = await freePort();
  const nodeArgs = options.inspect === true ? ['--inspect=127.0.0.1:0'] : [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter((l) => l !== ''));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000; // a loaded 2-core machine may take seconds
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${lines.join('\n')}`);
    await sleep(50);
  }
  return {
    pid: child.pid!,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    lines,
    async collectGarbage() {
      const line = lines.find((l) => l.startsWith('Debugger listening on ws://'));
      if (line === undefined) throw new Error('collectGarbage: start the server with { inspect: true }');
      await inspectorCall(line.slice('Debugger listening on '.length).trim(), 'HeapProfiler.collectGarbage');
    },
    async stop() {
      child.kill('SIGKILL');
      await exited;
      children.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** one Chrome DevTools Protocol call on a Node inspector, answered before it resolves */
async function inspectorCall(wsUrl: string, method: string): Promise<void> {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { id?: number; error?: { message: string } };
        if (reply.id !== 1) return;
        if (reply.error !== undefined) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve();
      });
      ws.send(JSON.stringify({ id: 1, method }));
    });
  } finally {
    ws.close();
  }
}

export async function createSession(server: ServerProcess): Promise<CreateSessionResponse> {
  const response = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Atelier' }) });
  if (response.status !== 201) throw new Error(`session: ${response.status}`);
  return (await response.json()) as CreateSessionResponse;
}

/** open file descriptors of a process */
export function descriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** resident memory of a process, in MB */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

/** one sample of a metric from /metrics (sum over its label sets when `labels` is omitted) */
export async function metric(server: ServerProcess, name: string, labels?: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [key, value] = line.split(' ');
    if (key === undefined || value === undefined) continue;
    if (key === name || (key.startsWith(`${name}{`) && (labels === undefined || key === `${name}{${labels}}`))) sum += Number(value);
  }
  return sum;
}

/** prints a figure of the suite */
export function figure(text: string): void {
  process.stdout.write(`[faults] ${text}\n`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A raw websocket, open once the server's first message (its sync step 1) arrived. */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
  });
}
