/**
 * Issue 10 item 9: storage trouble, said. A real server whose store fails its appends, then
 * takes them again; real y-websocket clients. While appends fail nothing is relayed (R1), and
 * every open connection hears « suspended » — a newcomer as it joins — then « stored » once
 * the note written during the outage is stored.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNote, listNotes } from '@concerto/board';
import { StorageStatus } from '@concerto/contract';
import { openSqliteStorage } from '../src/storage/index.js';
import { flaky } from '../src/testing/flakyStorage.js';
import { InProcessBus, LocalFanOut } from '../src/fanout/local.js';
import { connect, createSession, startTestServer, storageStatusesOf, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

const clients: Client[] = [];
let server: TestServer | null = null;
const cluster: TestServer[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
  for (const s of cluster) await s.stop();
});

describe('storage status (issue 10 item 9)', () => {
  it('R29 tells every open connection and a newcomer that storage is suspended, and that it is back once the backlog is stored', async () => {
    const storage = flaky(openSqliteStorage(':memory:'));
    server = await startTestServer({}, undefined, { storage });
    const session = await createSession(server);
    const group = session.groups[0]!;
    const writer = connect(server, session.id, group.id, group.token);
    const reader = connect(server, session.id, group.id, session.facilitatorToken);
    const console_ = connect(server, session.id, 'plenary', session.facilitatorToken);
    clients.push(writer, reader, console_);
    const [toldWriter, toldReader, toldConsole] = [storageStatusesOf(writer.provider), storageStatusesOf(reader.provider), storageStatusesOf(console_.provider)];
    await Promise.all([synced(writer), synced(reader), synced(console_)]);
    expect(toldWriter).toEqual([]); // nothing said while all is well

    storage.failing = true;
    createNote(writer.doc, { text: 'pendant la panne', x: 0, y: 0, author: 'Ana' });
    await waitFor(() => toldWriter.length > 0 && toldReader.length > 0 && toldConsole.length > 0, 'everyone told storage is suspended');
    expect([toldWriter, toldReader, toldConsole]).toEqual([[StorageStatus.suspended], [StorageStatus.suspended], [StorageStatus.suspended]]);
    expect(listNotes(reader.doc)).toEqual([]); // R1: not relayed before it is stored

    // A participant who opens the board during the outage (the room is loaded) hears it too.
    const newcomer = connect(server, session.id, group.id, group.token);
    clients.push(newcomer);
    const toldNewcomer = storageStatusesOf(newcomer.provider);
    await waitFor(() => toldNewcomer.length > 0, 'the newcomer told storage is suspended');
    expect(toldNewcomer).toEqual([StorageStatus.suspended]);

    storage.failing = false;
    await waitFor(() => [toldWriter, toldReader, toldConsole, toldNewcomer].every((t) => t.at(-1) === StorageStatus.stored), 'everyone told storage is back', 5_000);
    expect(toldWriter).toEqual([StorageStatus.suspended, StorageStatus.stored]);
    const stored = await storage.loadRoom(session.id, group.id);
    expect(stored.rows).toBeGreaterThan(0);
    await waitFor(() => listNotes(reader.doc).length === 1 && listNotes(newcomer.doc).length === 1, 'the note relayed once stored');
    expect(server.rooms.storageHealthy).toBe(true);
  });

  it('R29 in a cluster each instance speaks of its own storage link to its own clients', async () => {
    // Two instances on one store and one in-process fan-out; only the first one's link fails.
    const store = openSqliteStorage(':memory:');
    const bus = new InProcessBus();
    const env = { CONCERTO_SECRET: 'storage-notice-secret-0123456789abcdef' };
    const [linkA, linkB] = [flaky(store), flaky(store)];
    linkB.close = async () => undefined; // one store: closed once, by the first instance
    cluster.push(await startTestServer(env, undefined, { storage: linkA, fanOut: new LocalFanOut({ bus }) }));
    cluster.push(await startTestServer(env, undefined, { storage: linkB, fanOut: new LocalFanOut({ bus }) }));
    const [a, b] = cluster as [TestServer, TestServer];
    const session = await createSession(a);
    const group = session.groups[0]!;
    const onA = connect(a, session.id, group.id, group.token);
    const onB = connect(b, session.id, group.id, group.token);
    clients.push(onA, onB);
    const [toldA, toldB] = [storageStatusesOf(onA.provider), storageStatusesOf(onB.provider)];
    await Promise.all([synced(onA), synced(onB)]);

    linkA.failing = true;
    createNote(onA.doc, { text: 'sur A pendant la panne', x: 0, y: 0, author: 'Ana' });
    await waitFor(() => toldA.length > 0, 'the client of A told storage is suspended');
    // B stores and relays as usual, to its clients and A's: its client hears nothing of A's trouble.
    createNote(onB.doc, { text: 'sur B', x: 0, y: 0, author: 'Béa' });
    await waitFor(() => listNotes(onA.doc).some((n) => n.text === 'sur B'), 'B\'s note relayed to A\'s client');
    expect(toldA).toEqual([StorageStatus.suspended]);
    expect(toldB).toEqual([]);
    expect(listNotes(onB.doc).map((n) => n.text)).toEqual(['sur B']);

    linkA.failing = false;
    await waitFor(() => toldA.at(-1) === StorageStatus.stored, 'the client of A told its backlog is stored');
    await waitFor(() => listNotes(onB.doc).length === 2, 'A\'s note reaches B once stored');
    expect(toldB).toEqual([]);
  });
});
