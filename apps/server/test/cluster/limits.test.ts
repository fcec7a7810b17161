/**
 * Issue 9's known limits, closed, on real processes (two instances, the machine's PostgreSQL
 * and Redis): a room's counters follow another instance's compactions (R30).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, listNotes, setNoteText } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { STARTUP_BUDGET_MS, connectClient, createSession, logsOf, startCluster, synced, until } from './cluster.js';
import type { Cluster, ClusterClient } from './cluster.js';

const COMPACT_AFTER_ROWS = 20;
/** the smallest cap the server accepts: a few dozen 1 KB edits pass it, their snapshot does not */
const MAX_DOCUMENT_BYTES = 64 * 1024;

let cluster: Cluster;
let session: CreateSessionResponse;
const clients: ClusterClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({
    instances: 2,
    env: { COMPACT_AFTER_ROWS: String(COMPACT_AFTER_ROWS), MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES) },
  });
  session = await createSession(cluster.instances[0]!);
}, STARTUP_BUDGET_MS);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await cluster?.dispose();
});

function client(name: string, instance: number, room: string, token: string): ClusterClient {
  const c = connectClient(name, cluster.instances[instance]!.wsUrl, session.id, room, token);
  clients.push(c);
  return c;
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
});
