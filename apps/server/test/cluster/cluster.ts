/**
 * The cluster harness: N real server processes on one PostgreSQL schema (fresh per test
 * file) and one Redis (the machine's with a random prefix, or a Redis of the test's own),
 * sharing CONCERTO_SECRET so that every instance accepts every token; real y-websocket
 * clients connected to chosen instances or through a round-robin balancer.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { listNotes } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import type { LoadedRoom } from '../../src/storage/port.js';
import { killAll, makeInstance } from './processes.js';
import type { Instance } from './processes.js';

export const baseDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const machineRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'cluster-test-secret-0123456789abcdef0123456789';

/** a test file's beforeAll: instances start one, then the rest together, each within 60 s */
export const STARTUP_BUDGET_MS = 150_000;

export interface ClusterOptions {
  instances: number;
  /** default: the machine's Redis */
  redisUrl?: string;
  /** extra environment for every instance */
  env?: Record<string, string>;
  /** extra environment for the instance of this index (A = 0) */
  instanceEnv?: (index: number) => Record<string, string>;
}

export interface Cluster {
  instances: Instance[];
  databaseUrl: string;
  schema: string;
  redisPrefix: string;
  /** adds one more member (not started) */
  add(name: string): Promise<Instance>;
  /** the room's stored log, read the way a new instance would */
  storedRoom(sessionId: string, room: string): Promise<LoadedRoom>;
  /** kills every process, drops the schema */
  dispose(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const schema = `concerto_cluster_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: baseDatabaseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(baseDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const redisPrefix = `concerto-cluster-${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl ?? machineRedisUrl,
    REDIS_PREFIX: redisPrefix,
    CONCERTO_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const instances: Instance[] = [];
  const add = async (name: string): Promise<Instance> => {
    const instance = await makeInstance(name, { ...env, ...options.instanceEnv?.(instances.length) });
    instances.push(instance);
    return instance;
  };
  try {
    for (let i = 0; i < options.instances; i++) await add(String.fromCharCode(65 + i)); // A, B, C…
    // The first alone creates the schema (the others would wait on its advisory lock anyway).
    await instances[0]?.start();
    await Promise.all(instances.slice(1).map((i) => i.start()));
  } catch (err) {
    await killAll(instances);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    throw err;
  }
  return {
    instances,
    databaseUrl,
    schema,
    redisPrefix,
    add,
    async storedRoom(sessionId, room) {
      const storage = await openPostgresStorage(databaseUrl);
      try {
        return await storage.loadRoom(sessionId, room);
      } finally {
        await storage.close();
      }
    },
    async dispose() {
      await killAll(instances);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await admin.end();
    },
  };
}

export async function createSession(instance: { url: string }, groups = ['Groupe 1', 'Groupe 2', 'Groupe 3']): Promise<CreateSessionResponse> {
  const response = await fetch(`${instance.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Grappe', groups }),
  });
  if (response.status !== 201) throw new Error(`session creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateSessionResponse;
}

export async function post(instance: { url: string }, path: string, token: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(instance.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

export interface ClusterClient {
  readonly name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** ms timestamps of each disconnection and each (re)connection */
  disconnects: number[];
  connects: number[];
  notes(): string[];
  destroy(): void;
}

/** a y-websocket client on `wsUrl` (an instance, or a balancer) */
export function connectClient(name: string, wsUrl: string, sessionId: string, room: string, token: string): ClusterClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, `${sessionId}/${room}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 250,
  });
  const client: ClusterClient = {
    name,
    doc,
    provider,
    disconnects: [],
    connects: [],
    notes: () => listNotes(doc).map((n) => n.text).sort(),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') client.connects.push(Date.now());
    if (status === 'disconnected') client.disconnects.push(Date.now());
  });
  return client;
}

export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function synced(client: ClusterClient, timeoutMs = 10_000): Promise<number> {
  return until(() => client.provider.synced, `${client.name} synced`, timeoutMs);
}

/** true when every client holds the same notes (by text) */
export function converged(clients: readonly ClusterClient[]): boolean {
  const first = JSON.stringify(clients[0]?.notes() ?? []);
  return clients.every((c) => JSON.stringify(c.notes()) === first);
}

/** what differs, for a failure message */
export function describeNotes(clients: readonly ClusterClient[]): string {
  return clients.map((c) => `${c.name}: ${c.notes().length} notes`).join(', ');
}

/** the last lines of every instance's log, for a failure message */
export function logsOf(instances: readonly Instance[]): string {
  return instances.map((i) => `--- ${i.name}\n${i.log.slice(-15).join('\n')}`).join('\n');
}
