/**
 * Issue 9's known limits, closed, on real processes (two instances, the machine's PostgreSQL,
 * a Redis of the test's own that B reaches through a proxy able to swallow a delivery): a
 * room's counters follow another instance's compactions (R30); a deletion racing writes on
 * another instance leaves no row (R31); a client that moves to another instance while its old
 * connection is not noticed dead keeps its presence, taken by the new instance (R32).
 */
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, listNotes, setNoteText } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { STARTUP_BUDGET_MS, connectClient, createSession, logsOf, synced, until } from './cluster.js';
import type { Cluster, ClusterClient } from './cluster.js';
import { startLossyCluster } from './lossyCluster.js';
import type { LossyCluster } from './lossyCluster.js';
import type { LossyRedisProxy } from './lossyRedisProxy.js';

const COMPACT_AFTER_ROWS = 20;
/** the smallest cap the server accepts: a few dozen 1 KB edits pass it, their snapshot does not */
const MAX_DOCUMENT_BYTES = 64 * 1024;

let proxy: LossyRedisProxy;
let cluster: Cluster;
let session: CreateSessionResponse;
let clients: ClusterClient[] = [];

let kit: LossyCluster | undefined;

beforeAll(async () => {
  kit = await startLossyCluster({ COMPACT_AFTER_ROWS: String(COMPACT_AFTER_ROWS), MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES) });
  ({ proxy, cluster, session, clients } = kit);
}, STARTUP_BUDGET_MS);

afterAll(async () => {
  await kit?.dispose();
});

function client(name: string, instance: number, room: string, token: string): ClusterClient {
  const c = connectClient(name, cluster.instances[instance]!.wsUrl, session.id, room, token);
  clients.push(c);
  return c;
}

/**
 * A TCP relay to one backend whose `cut()` drops the client side only: the client sees its
 * connection die, the backend keeps a connection nothing will ever come through (a network
 * change, a half-open TCP connection) until `closeBackendSide()`.
 */
async function leakyRelay(backendPort: number) {
  const upstreams = new Set<Socket>();
  const clients = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: backendPort });
    clients.add(client);
    upstreams.add(upstream);
    client.pipe(upstream, { end: false });
    upstream.pipe(client);
    client.on('error', () => undefined);
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    cut() {
      for (const c of clients) {
        c.unpipe();
        c.destroy();
      }
      for (const u of upstreams) u.unpipe();
      clients.clear();
    },
    closeBackendSide() {
      for (const u of upstreams) u.destroy();
      upstreams.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** a counter of an instance's GET /metrics */
async function metric(instance: number, name: string): Promise<number> {
  const text = await (await fetch(`${cluster.instances[instance]!.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('known limits of the cluster, closed', () => {
  it('R30 an instance that only relays follows the other\'s compactions: its writer is not refused for bytes the log no longer holds', async () => {
    const group = session.groups[0]!;
    const a = client('a@A', 0, group.id, group.token);
    const b = client('b@B', 1, group.id, group.token);
    await Promise.all([synced(a), synced(b)]);
    const id = createNote(b.doc, { text: 'brouillon', x: 0, y: 0, author: 'b' });
    await until(() => listNotes(a.doc).length === 1, 'the note on A', 5_000);
    // B rewrites a 1 KB text 100 times, one stored row each (A sees each before the next):
    // ~100 KB pass through A, while B compacts the log every 20 rows into a small snapshot.
    const rewrites = 100;
    for (let i = 0; i < rewrites; i++) {
      const text = `${String.fromCharCode(97 + (i % 26)).repeat(1000)} ${i}`; // all new: setNoteText splices minimally
      setNoteText(b.doc, id, text);
      await until(() => listNotes(a.doc)[0]?.text === text, `rewrite ${i} on A`, 5_000);
    }
    await until(async () => (await cluster.storedRoom(session.id, group.id)).rows <= COMPACT_AFTER_ROWS, 'the log compacted', 5_000);
    const stored = await cluster.storedRoom(session.id, group.id);
    const storedBytes = stored.updates.reduce((n, u) => n + u.length, 0);
    console.log(`R30: ${rewrites} KB relayed through A; log ${stored.rows} rows, ${storedBytes} B; compactions A ${await metric(0, 'concerto_compactions_total')}, B ${await metric(1, 'concerto_compactions_total')}`);
    expect(storedBytes).toBeLessThan(MAX_DOCUMENT_BYTES / 2);
    expect(await metric(1, 'concerto_compactions_total')).toBeGreaterThanOrEqual(3);

    // A's writer writes: A counts the log as stored (small), not the 100 KB it relayed.
    createNote(a.doc, { text: 'depuis A', x: 1, y: 1, author: 'a' });
    try {
      await until(() => listNotes(b.doc).some((n) => n.text === 'depuis A'), 'A\'s note on B', 5_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}; A's writer disconnected ${a.disconnects.length} time(s)\n${logsOf(cluster.instances)}`);
    }
    expect(a.disconnects).toEqual([]);
    // …and A, a mere relay until now, did not compact a log B keeps short.
    expect(await metric(0, 'concerto_compactions_total')).toBe(0);
  });

  it('R31 a session deleted through A while B, not told, still stores a writer\'s edits: B\'s rows are refused, B drops the room, no row is left', async () => {
    const doomed = await createSession(cluster.instances[0]!); // its own: deleted at the end
    const group = doomed.groups[1]!;
    const w = connectClient('w@B', cluster.instances[1]!.wsUrl, doomed.id, group.id, group.token);
    clients.push(w);
    await synced(w);
    createNote(w.doc, { text: 'avant', x: 0, y: 0, author: 'w' });
    await until(async () => (await cluster.storedRoom(doomed.id, group.id)).rows > 0, 'the first note stored', 5_000);

    // B's link swallows the deletion notice: B keeps the room and the writer, as if it came late.
    const swallowed = proxy.dropNext(':session');
    const response = await fetch(`${cluster.instances[0]!.url}/api/sessions/${doomed.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${doomed.facilitatorToken}` },
    });
    expect(response.status).toBe(204);
    await swallowed;
    expect(w.disconnects).toEqual([]);

    const written = Date.now();
    createNote(w.doc, { text: 'après la suppression', x: 1, y: 0, author: 'w' });
    try {
      await until(() => w.disconnects.length > 0, 'the writer on B closed', 5_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${logsOf(cluster.instances)}`);
    }
    console.log(`R31: B refused by storage and closed its writer ${Date.now() - written} ms after the write`);
    expect(cluster.instances[1]!.log.join('\n')).toMatch(/storage refused its rows/);
    expect(await cluster.storedRoom(doomed.id, group.id)).toEqual({ updates: [], lastSeq: 0, rows: 0 });
    // the writer comes back and is refused: the session is gone everywhere
    const status = await fetch(`${cluster.instances[1]!.url}/api/sessions/${doomed.id}`, { headers: { authorization: `Bearer ${doomed.facilitatorToken}` } });
    expect(status.status).toBe(404);
    w.destroy();
  });

  it('R32 a client that moves from A to B while A has not noticed its old connection dead keeps its presence, everywhere, within a second', async () => {
    const group = session.groups[2]!;
    const instanceA = cluster.instances[0]!;
    const relay = await leakyRelay(Number(new URL(instanceA.url).port));
    const mover = connectClient('mover', relay.wsUrl, session.id, group.id, group.token);
    clients.push(mover);
    const onA = client('p@A', 0, group.id, group.token);
    const onB = client('o@B', 1, group.id, group.token);
    await Promise.all([synced(mover), synced(onA), synced(onB)]);
    const id = mover.doc.clientID;
    const where = (c: ClusterClient) => (c.provider.awareness.getStates().get(id) as { where?: string } | undefined)?.where;
    mover.provider.awareness.setLocalStateField('where', 'A');
    await until(() => where(onA) === 'A' && where(onB) === 'A', 'the mover seen on A and B', 5_000);
    const connectionsOnA = await metric(0, 'concerto_connections');

    // The mover's network changes: its connection dies on its side only; it reconnects to B.
    mover.provider.serverUrl = cluster.instances[1]!.wsUrl;
    relay.cut();
    await until(() => mover.connects.length >= 2 && mover.provider.synced, 'the mover back, on B', 10_000);
    expect(await metric(0, 'concerto_connections')).toBe(connectionsOnA); // A still holds the dead one

    const moved = Date.now();
    mover.provider.awareness.setLocalStateField('where', 'B');
    try {
      await until(() => where(onA) === 'B' && where(onB) === 'B', 'the moved state on A and B', 1_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}: A says ${where(onA)}, B says ${where(onB)}\n${logsOf(cluster.instances)}`);
    }
    console.log(`R32: the moved client's new state on both instances' clients ${Date.now() - moved} ms after it changed`);

    // A notices the dead connection at last: its close removes nothing (B speaks for the client now).
    relay.closeBackendSide();
    await until(async () => (await metric(0, 'concerto_connections')) === connectionsOnA - 1, 'the dead connection closed on A', 5_000);
    onA.provider.awareness.setLocalStateField('sentinel', 1); // relayed by A after that close
    await until(() => (onB.provider.awareness.getStates().get(onA.doc.clientID) as { sentinel?: number } | undefined)?.sentinel === 1, 'the sentinel on B', 5_000);
    expect(where(onA)).toBe('B');
    expect(where(onB)).toBe('B');
    expect(cluster.instances.map((i) => i.log.join('\n')).join('\n')).not.toMatch(/does not own/);
    await relay.close();
  });
});
