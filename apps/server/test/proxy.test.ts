/**
 * One test through the proxy: `npm run cluster`'s script (scripts/cluster.mjs) starts two Concerto
 * instances on this machine's PostgreSQL (a schema of this test's own) and Redis (a key prefix
 * of its own) behind Debian's HAProxy with deploy/haproxy.cfg; a session is created through the
 * proxy and y-websocket clients connect through it. HAProxy names the instance that answered each
 * request (`X-Concerto-Backend`, the websocket upgrade included): round-robin without stickiness
 * must put two clients of one room on different instances, and they must converge anyway —
 * which needs the cross-instance fan-out.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { freePort } from './cluster/ports.js';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createNote, listNotes, moveNote } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { waitFor } from './harness.js';

const repo = new URL('../../../', import.meta.url).pathname;
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const haproxy = process.env.HAPROXY ?? '/usr/sbin/haproxy';

interface ProxiedClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** the instance HAProxy sent the first websocket to */
  backend: Promise<string>;
  destroy(): void;
}

function connectThroughProxy(base: string, sessionId: string, room: string, token: string): ProxiedClient {
  let announce: (name: string) => void = () => undefined;
  const backend = new Promise<string>((resolve) => (announce = resolve));
  // ws's constructor with a look at the upgrade response, which carries the proxy's header
  class Tracked extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.once('upgrade', (response) => announce(String(response.headers['x-concerto-backend'] ?? 'unknown')));
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/ws', `${sessionId}/${room}`, doc, {
    WebSocketPolyfill: Tracked as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    backend,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

describe('deploy/haproxy.cfg and docker-compose.cluster.yml', () => {
  const config = readFileSync(repo + 'deploy/haproxy.cfg', 'utf8');
  const compose = readFileSync(repo + 'docker-compose.cluster.yml', 'utf8');

  it('is a configuration HAProxy accepts as written for Docker', () => {
    // the replicas' names do not resolve here: init-addr none lets HAProxy start without them
    const check = spawnSync(haproxy, ['-c', '-f', repo + 'deploy/haproxy.cfg'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });

  it('names the compose replicas, which the proxy service mounts it for', () => {
    const servers = [...config.matchAll(/^\s*server (\S+) (\S+):8080/gm)].map((m) => [m[1], m[2]]);
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const [name, host] of servers) {
      expect(host).toBe(name);
      expect(compose).toMatch(new RegExp(`^  ${name}:\\n    <<: \\*concerto$`, 'm'));
    }
    expect(compose).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    // one secret for every replica: links signed by one are checked by the other
    expect(compose).toMatch(/x-concerto: &concerto[\s\S]*CONCERTO_SECRET: \$\{CONCERTO_SECRET:\?/);
  });
});

// It needs PostgreSQL as the cluster does: CONCERTO_SKIP_PG=1 skips it too (scripts/test-prereqs.mjs says so).
describe.skipIf(process.env.CONCERTO_SKIP_PG === '1')('two instances behind HAProxy (npm run cluster)', () => {
  const schema = `concerto_proxy_${randomBytes(6).toString('hex')}`;
  const redisPrefix = `concerto-proxy-test-${randomBytes(6).toString('hex')}:`;
  const admin = new pg.Client({ connectionString: adminUrl });
  const clients: ProxiedClient[] = [];
  let cluster: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const databaseUrl = new URL(adminUrl);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    cluster = spawn(process.execPath, ['scripts/cluster.mjs', '--no-build'], {
      cwd: repo,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        CONCERTO_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
        HAPROXY: haproxy,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cluster.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    cluster.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => output.includes(`ready: ${base}`) || cluster.exitCode !== null, 'the cluster', 60_000);
    if (cluster.exitCode !== null) throw new Error(`npm run cluster exited with ${cluster.exitCode}:\n${output}`);
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    if (cluster !== undefined && cluster.exitCode === null) {
      const exited = new Promise((resolve) => cluster.once('exit', resolve));
      cluster.kill('SIGTERM');
      await exited;
    }
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    // whatever the instances left under this test's prefix (presence, counters)
    const keys = spawnSync('redis-cli', ['-u', redisUrl, '--scan', '--pattern', `${redisPrefix}*`], { encoding: 'utf8' }).stdout?.split('\n').filter(Boolean) ?? [];
    if (keys.length > 0) spawnSync('redis-cli', ['-u', redisUrl, 'DEL', ...keys]);
  }, 30_000);

  it('round-robins a room across both instances, and its clients converge', async () => {
    const created = await fetch(base + '/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Consultation régionale' }) });
    expect(created.status).toBe(201);
    const session = (await created.json()) as CreateSessionResponse;
    const group = session.groups[0]!;

    // Round-robin with health checks running beside: the next websocket goes to the other
    // instance, but tolerate a few that do not, and never rely on stickiness.
    const first = connectThroughProxy(base, session.id, group.id, group.token);
    clients.push(first);
    const firstBackend = await first.backend;
    let second: ProxiedClient | null = null;
    for (let attempt = 0; attempt < 6 && second === null; attempt++) {
      const candidate = connectThroughProxy(base, session.id, group.id, group.token);
      clients.push(candidate);
      if ((await candidate.backend) !== firstBackend) second = candidate;
    }
    expect(second, `every websocket went to ${firstBackend}: the proxy is not round-robin`).not.toBeNull();
    const other = second!;
    expect(new Set([firstBackend, await other.backend])).toEqual(new Set(['concerto-1', 'concerto-2']));
    await waitFor(() => first.provider.synced && other.provider.synced, 'both clients synced', 10_000);

    const noteId = createNote(first.doc, { text: 'Permanences numériques en mairie', x: 10, y: 20, author: 'Aïcha' });
    await waitFor(() => listNotes(other.doc).length === 1, `a note written on ${firstBackend} to reach a client of ${await other.backend} (cross-instance fan-out)`, 10_000);
    moveNote(other.doc, noteId, 400, 300);
    await waitFor(() => listNotes(first.doc)[0]?.x === 400, `a move made on ${await other.backend} to reach ${firstBackend}`, 10_000);
    expect(Y.encodeStateVector(first.doc)).toEqual(Y.encodeStateVector(other.doc));
  }, 60_000);

  it('stops the proxy and every instance on SIGTERM', async () => {
    const instances = [...output.matchAll(/concerto-\d+ on (127\.0\.0\.1:\d+)/g)].map((m) => `http://${m[1]}`);
    expect(instances).toHaveLength(2);
    for (const c of clients.splice(0)) c.destroy();
    const exited = new Promise<number | null>((resolve) => cluster.once('exit', (code) => resolve(code)));
    cluster.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const url of [base, ...instances]) {
      const status = await fetch(url + '/healthz').then((r) => r.status, () => 0);
      expect(status, `${url} still answers`).toBe(0);
    }
  }, 30_000);
});
