/**
 * Two servers in this process on the machine's PostgreSQL (a schema of their own) and Redis
 * (a key prefix of their own), configured as `main.ts` configures them: DATABASE_URL +
 * REDIS_URL. Real y-websocket clients, one per instance. The multi-process cluster tests
 * (kill -9, rolling restart, Redis outage, proxy) are in `test/cluster/`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, listNotes, readControl } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { startOwnRedis } from './cluster/redisServer.js';
import type { OwnRedis } from './cluster/redisServer.js';
import { api, closedWith, connect, createSession, handled, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

const skip = process.env.CONCERTO_SKIP_PG === '1';
const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two servers on a fresh schema and the given Redis; `stopAll` closes them and drops the schema. */
function twoInstances(redis: () => string) {
  const admin = new pg.Pool({ connectionString: baseUrl, max: 1 });
  const schema = `concerto_core_${randomBytes(6).toString('hex')}`;
  const servers: TestServer[] = [];
  const clients: Client[] = [];
  const dirs: string[] = [];
  const state = { session: undefined as unknown as CreateSessionResponse };

  beforeAll(async () => {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const prefix = `concerto-test-${randomBytes(6).toString('hex')}`;
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'concerto-cluster-'));
      dirs.push(dir);
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        CONCERTO_SECRET: 's'.repeat(40),
        DATABASE_URL: url.toString(),
        REDIS_URL: redis(),
        REDIS_PREFIX: prefix,
      });
      const server = await startServer(config);
      servers.push(Object.assign(server, { dataDir: dir, wsUrl: server.url.replace(/^http/, 'ws') + '/ws', stop: () => server.close() }));
    }
    state.session = await createSession(servers[0]!);
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  function open(server: TestServer, room: string, token: string): Client {
    const client = connect(server, state.session.id, room, token);
    clients.push(client);
    return client;
  }
  return { servers, open, state };
}

describe.skipIf(skip)('two instances on PostgreSQL and Redis', () => {
  const { servers, open, state } = twoInstances(() => redisUrl);
  let session: CreateSessionResponse;
  beforeAll(() => {
    session = state.session;
  });

  it('R18 R19 converges one room\'s clients across instances; healthz says ok with its instance', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const group = session.groups[0]!;
    const onA = open(a, group.id, group.token);
    const onB = open(b, group.id, group.token);
    await Promise.all([synced(onA), synced(onB)]);
    createNote(onA.doc, { text: 'par A', x: 0, y: 0, author: 'a' });
    createNote(onB.doc, { text: 'par B', x: 0, y: 0, author: 'b' });
    const both = (c: Client) => listNotes(c.doc).map((n) => n.text).sort().join();
    await waitFor(() => both(onA) === 'par A,par B' && both(onB) === 'par A,par B', 'both notes on both');
    const health = (await api<{ status: string; instance: string }>(b, 'GET', '/healthz')).body;
    expect(health.status).toBe('ok');
    expect(health.instance).toBe(b.fanOut.instanceId);
  });

  it('R21 relays presence across instances', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const group = session.groups[1]!;
    const onA = open(a, group.id, group.token);
    const onB = open(b, group.id, group.token);
    await Promise.all([synced(onA), synced(onB)]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Aïcha' });
    await waitFor(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.['user']?.name === 'Aïcha', 'A\'s client on B');
    onA.provider.disconnect();
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), 'gone from B after leaving A');
  });

  it('R24 a lock set through A stops a participant\'s writes on B', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const group = session.groups[2]!;
    const onB = open(b, group.id, group.token);
    await synced(onB);
    const locked = await api(a, 'POST', `/api/sessions/${session.id}/lock`, { token: session.facilitatorToken, body: { groups: [group.id], locked: true } });
    expect(locked.status).toBe(200);
    await waitFor(() => b.sockets.accessOf(session.id).some((c) => c.room === group.id && c.access === 'read'), 'read-only on B');
    createNote(onB.doc, { text: 'refusée', x: 0, y: 0, author: 'b' });
    await handled(b, onB, session.id, group.id);
    expect(listNotes(b.rooms.get(session.id, group.id)!.doc)).toEqual([]);
  });
  it('R24 a round started through A opens the group\'s next board on B, and B\'s plenary mirrors it', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const theme = await createSession(a, { title: 'Suivi', rotation: { axes: ['Axe 1', 'Axe 2', 'Axe 3'] } });
    const group = theme.rotationGroups![0]!;
    const own: Client[] = [];
    const on = (server: TestServer, room: string, token: string) => {
      const client = connect(server, theme.id, room, token);
      own.push(client);
      return client;
    };
    try {
      const plenaryOnB = on(b, 'plenary', group.token);
      // B reads the record now, so a stale cached copy would refuse the next board
      expect(await closedWith(on(b, 'axe-2', group.token))).toBe(4403);
      await synced(plenaryOnB);
      expect((await api(a, 'POST', `/api/sessions/${theme.id}/rotation`, { token: theme.facilitatorToken, body: { action: 'start', round: 2 } })).status).toBe(200);
      await waitFor(() => readControl(plenaryOnB.doc).rotation?.round === 2, 'round 2 on B');
      const next = on(b, 'axe-2', group.token);
      await synced(next);
      createNote(next.doc, { text: 'au tour 2', x: 0, y: 0, author: 'a', round: 2, group: group.id });
      await handled(b, next, theme.id, 'axe-2');
      expect(listNotes(b.rooms.get(theme.id, 'axe-2')!.doc).map((n) => n.text)).toEqual(['au tour 2']);
    } finally {
      for (const c of own) c.destroy();
    }
  });
  it('R24 a round change whose announcement was lost still opens the next board on B (the record is read again before a refusal)', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const theme = await createSession(a, { title: 'Suivi', rotation: { axes: ['Axe 1', 'Axe 2'] } });
    const group = theme.rotationGroups![1]!;
    const own: Client[] = [];
    const on = (server: TestServer, room: string, token: string) => {
      const client = connect(server, theme.id, room, token);
      own.push(client);
      return client;
    };
    a.sessions.announceTo(() => undefined); // A's announcements are lost from here
    try {
      const first = on(b, 'axe-2', group.token); // B caches the record at round 1
      await synced(first);
      expect((await api(a, 'POST', `/api/sessions/${theme.id}/rotation`, { token: theme.facilitatorToken, body: { action: 'start', round: 2 } })).status).toBe(200);
      const next = on(b, 'axe-1', group.token);
      await synced(next);
      expect(next.closes).toEqual([]);
    } finally {
      a.sessions.announceTo((id, event) => a.fanOut.publishSession(id, event));
      for (const c of own) c.destroy();
    }
  });
  it('R24 a person\'s choice of axis made on A, its announcement lost, opens that axis on B', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const theme = await createSession(a, { title: 'Suivi', rotation: { axes: ['Axe 1', 'Axe 2'] } });
    const group = theme.rotationGroups![0]!;
    const person = { person: 'ines-0123456789' };
    const own: Client[] = [];
    try {
      expect((await api(a, 'POST', `/api/sessions/${theme.id}/rotation`, { token: theme.facilitatorToken, body: { action: 'choose-axes' } })).status).toBe(200);
      const plenary = connect(b, theme.id, 'plenary', group.token, undefined, person); // B caches the record, phase open
      own.push(plenary);
      await synced(plenary);
      a.sessions.announceTo(() => undefined); // A's announcements are lost from here
      expect((await api(a, 'POST', `/api/sessions/${theme.id}/axis`, { token: group.token, body: { ...person, axis: 'axe-2' } })).status).toBe(200);
      const chosen = connect(b, theme.id, 'axe-2', group.token, undefined, person);
      own.push(chosen);
      await synced(chosen);
      expect(chosen.closes).toEqual([]);
    } finally {
      a.sessions.announceTo((id, event) => a.fanOut.publishSession(id, event));
      for (const c of own) c.destroy();
    }
  });
});

describe.skipIf(skip)('two instances while their Redis is down', () => {
  let redis: OwnRedis | undefined;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  const { servers, open, state } = twoInstances(() => redis!.url);
  afterAll(async () => {
    await redis?.dispose();
  });

  it('R23 each keeps serving its own clients, healthz says degraded (200), and rooms converge once Redis is back', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const group = state.session.groups[0]!;
    const onA = open(a, group.id, group.token);
    const onB = open(b, group.id, group.token);
    await Promise.all([synced(onA), synced(onB)]);
    await redis!.stop();
    await waitFor(() => a.fanOut.health().state === 'degraded' && b.fanOut.health().state === 'degraded', 'both see the link down');
    const health = await api<{ ok: boolean; status: string; reasons: string[] }>(a, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.reasons.join()).toMatch(/fan-out/);
    createNote(onA.doc, { text: 'pendant, par A', x: 0, y: 0, author: 'a' });
    createNote(onB.doc, { text: 'pendant, par B', x: 0, y: 0, author: 'b' });
    // each instance stores and relays for its own clients
    const fresh = open(a, group.id, state.session.facilitatorToken);
    await synced(fresh);
    await waitFor(() => listNotes(fresh.doc).some((n) => n.text === 'pendant, par A'), 'A serves its own clients');
    await redis!.start();
    const all = (c: Client) => listNotes(c.doc).map((n) => n.text).sort().join();
    await waitFor(() => all(onA) === 'pendant, par A,pendant, par B' && all(onB) === 'pendant, par A,pendant, par B', 'converged with no further edit', 5_000);
    await waitFor(() => a.fanOut.health().state === 'ok', 'link back');
    expect((await api<{ status: string }>(a, 'GET', '/healthz')).body.status).toBe('ok');
  });
});
