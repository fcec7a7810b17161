/**
 * Test harness: the real server on port 0 with a temporary data directory, real
 * y-websocket clients (with `ws` as their WebSocket), and small waiting helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { STORAGE_STATUS_MESSAGE } from '@concerto/contract';
import type { CreateSessionResponse } from '@concerto/contract';
import { encodeAwarenessUpdate } from '../src/awareness.js';
import { loadConfig } from '../src/config.js';
import { encodeAwareness } from '../src/protocol.js';
import type { Config } from '../src/config.js';
import { startServer } from '../src/server.js';
import type { ConcertoServer, StartOptions } from '../src/server.js';

export interface TestServer extends ConcertoServer {
  dataDir: string;
  wsUrl: string;
  /** closes the server and removes its data directory */
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, dataDir?: string, options: StartOptions = {}): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'concerto-test-'));
  const config: Config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const server = await startServer(config, options);
  return Object.assign(server, {
    dataDir: dir,
    wsUrl: server.url.replace(/^http/, 'ws') + '/ws',
    async stop() {
      await server.close();
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  });
}

export async function api<T = unknown>(
  server: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function createSession(server: { url: string }, body: Record<string, unknown> = { title: 'Feuille de route inclusion numérique' }): Promise<CreateSessionResponse> {
  const { status, body: created } = await api<CreateSessionResponse>(server, 'POST', '/api/sessions', { body });
  if (status !== 201) throw new Error(`session creation failed: ${status} ${JSON.stringify(created)}`);
  return created;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** close codes the server sent, in order */
  closes: number[];
  destroy(): void;
}

/** `params`: more of the connection's query (the person id of the action-sheet phase). */
export function connect(server: TestServer, sessionId: string, room: string, token: string, doc = new Y.Doc(), params: Record<string, string> = {}): Client {
  const provider = new WebsocketProvider(server.wsUrl, `${sessionId}/${room}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { ...params, token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** the storage statuses (issue 10 item 9) a client's server told it, in order (each also to `onTold`) */
export function storageStatusesOf(provider: WebsocketProvider, onTold?: (status: number) => void): number[] {
  const told: number[] = [];
  provider.messageHandlers[STORAGE_STATUS_MESSAGE] = (_encoder, decoder) => {
    const status = decoding.readVarUint(decoder);
    told.push(status);
    onTold?.(status);
  };
  return told;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function synced(client: Client, timeoutMs = 5_000): Promise<void> {
  return waitFor(() => client.provider.synced, 'sync', timeoutMs);
}

export function closedWith(client: Client, timeoutMs = 5_000): Promise<number> {
  return waitFor(() => client.closes.length > 0, 'a close code', timeoutMs).then(() => client.closes[0]!);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A test file's server and session: started before its tests, and after them every client in
 * `clients` destroyed and the server stopped — `current()` when a test replaced the server.
 */
export function withTestSession(
  clients: Client[],
  ready: (server: TestServer, session: CreateSessionResponse) => void,
  current?: () => TestServer,
): void {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer();
    ready(started, await createSession(started));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await (current?.() ?? started)?.stop();
  });
}

let sentinels = 0;

/**
 * Resolves once the server has handled every message `client` sent before the call. A
 * connection's messages are handled in order, so the server holding the awareness sentinel
 * sent last means everything before it was applied or refused: a test can then assert that
 * nothing happened without sleeping.
 */
export async function handled(server: ConcertoServer, client: Client, sessionId: string, room: string): Promise<void> {
  const mark = `"sentinel":${++sentinels}`;
  client.provider.awareness.setLocalStateField('sentinel', sentinels);
  await waitFor(
    () => server.rooms.get(sessionId, room)?.presentAwareness().some((e) => e.clientId === client.doc.clientID && e.state.includes(mark)) === true,
    'the server to handle the client\'s messages',
  );
}

/** The same for a raw socket: it sends an awareness sentinel of its own, for `clientId`. */
export async function handledRaw(server: ConcertoServer, socket: WebSocket, sessionId: string, room: string, clientId: number): Promise<void> {
  const mark = `"sentinel":${++sentinels}`;
  socket.send(encodeAwareness(encodeAwarenessUpdate([{ clientId, clock: sentinels, state: `{${mark}}` }])));
  await waitFor(
    () => server.rooms.get(sessionId, room)?.presentAwareness().some((e) => e.clientId === clientId && e.state.includes(mark)) === true,
    'the server to handle the socket\'s messages',
  );
}
