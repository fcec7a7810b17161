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
import { connect, createSession, startTestServer, storageStatusesOf, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

const clients: Client[] = [];
let server: TestServer | null = null;
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
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
});
