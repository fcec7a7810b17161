/**
 * Shared pieces of the fault suite (`npm run test:faults`). The server processes come from the
 * cluster harness (../cluster/processes.ts); this adds what faults need around them: a single
 * SQLite server with a data directory that survives kill -9, descriptor counts, raw joins.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../../src/protocol.js';
import { makeInstance } from '../cluster/processes.js';
import type { Instance } from '../cluster/processes.js';

export const FAULT_SECRET = 'fault-suite-secret-0123456789abcdef0123456789';

/** prints a figure of the suite, prefixed so it stands out in CI logs */
export function figure(text: string): void {
  process.stdout.write(`[faults] ${text}\n`);
}

/** one SQLite server (no DATABASE_URL) whose data directory survives restarts */
export async function sqliteInstance(name: string, env: Record<string, string> = {}, dataDir?: string): Promise<{ instance: Instance; dataDir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), `concerto-fault-${name}-`));
  const instance = await makeInstance(name, { CONCERTO_SECRET: FAULT_SECRET, LOG_LEVEL: 'warn', ...env, DATABASE_URL: '' }, { dataDir: dir });
  return { instance, dataDir: dir };
}

/** open file descriptors of a process (Linux /proc) */
export function descriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** rooms the process holds in memory, from /healthz */
export async function roomsLoaded(instance: Instance): Promise<number> {
  const health = await instance.health();
  const rooms = health?.body['rooms'];
  if (typeof rooms !== 'number') throw new Error(`no room count in /healthz: ${JSON.stringify(health)}`);
  return rooms;
}

/**
 * A raw websocket join: opens, waits for the server's first message (its sync step 1, so the
 * room is loaded) and resolves with the socket; rejects with the close code if closed first.
 */
export function rawJoin(wsUrl: string, sessionId: string, room: string, token: string, timeoutMs = 10_000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/${sessionId}/${room}?token=${encodeURIComponent(token)}`);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`join ${room} timed out`));
    }, timeoutMs);
    socket.once('message', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('close', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`closed with ${code}`), { code }));
    });
    socket.once('error', () => undefined);
  });
}

/** closes a socket and waits for the close handshake */
export function leave(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once('close', () => resolve());
    socket.close();
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A light writer for load: a raw websocket that sends each local Y update of its own document
 * and ignores what the server relays (thousands of y-websocket clients' applies would load the
 * test process more than the server).
 */
export interface RawWriter {
  doc: Y.Doc;
  socket: WebSocket;
  close(): Promise<void>;
}

export async function rawWriter(wsUrl: string, sessionId: string, room: string, token: string): Promise<RawWriter> {
  const socket = await rawJoin(wsUrl, sessionId, room, token);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(encodeUpdate(update));
  });
  return { doc, socket, close: () => leave(socket) };
}
