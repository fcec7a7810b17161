import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, listNotes, moveNote } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { connect, createSession, sleep, startTestServer, synced, waitFor } from './harness.js';
import type { TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;

beforeAll(async () => {
  server = await startTestServer({ COMPACT_AFTER_ROWS: '20' });
  session = await createSession(server);
});
afterAll(async () => server.stop());

describe('room lifecycle', () => {
  it('loads a room on first join and unloads it after the last client leaves', async () => {
    const group = session.groups[0]!;
    expect(server.rooms.get(session.id, group.id)).toBeUndefined();
    const a = connect(server, session.id, group.id, group.token);
    const b = connect(server, session.id, group.id, group.token);
    await Promise.all([synced(a), synced(b)]);
    expect(server.rooms.get(session.id, group.id)).toBeDefined();
    createNote(a.doc, { text: 'gardée', x: 0, y: 0, author: 'a' });
    a.destroy();
    await waitFor(() => server.rooms.get(session.id, group.id)?.connectionCount === 1, 'the server saw a leave');
    expect(server.rooms.get(session.id, group.id)).toBeDefined();
    b.destroy();
    await waitFor(() => server.rooms.get(session.id, group.id) === undefined, 'room unloaded');
    const c = connect(server, session.id, group.id, group.token);
    await synced(c);
    expect(listNotes(c.doc).map((n) => n.text)).toEqual(['gardée']);
    c.destroy();
    await waitFor(() => server.rooms.size === 0, 'no room left in memory');
  });

  it('compacts a long update log into a snapshot without losing anything', async () => {
    const group = session.groups[1]!;
    const writer = connect(server, session.id, group.id, group.token);
    await synced(writer);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      ids.push(createNote(writer.doc, { text: `note ${i}`, x: i, y: 0, author: 'w' }));
      await sleep(2); // separate flushes: one log row each
    }
    for (const id of ids) moveNote(writer.doc, id, 500, 500);
    await waitFor(() => listNotes(server.rooms.get(session.id, group.id)!.doc).every((n) => n.x === 500), 'moves applied');
    await server.rooms.drain();
    await server.rooms.compactionsSettled();
    // Rows appended while a compaction ran stay after its snapshot; the next flush past the
    // threshold compacts them in turn. One more write, alone, leaves the log at its snapshot.
    createNote(writer.doc, { text: 'la dernière', x: 0, y: 0, author: 'w' });
    await waitFor(() => listNotes(server.rooms.get(session.id, group.id)!.doc).length === 61, 'last note applied');
    await server.rooms.drain();
    await server.rooms.compactionsSettled();
    const stored = await server.storage.loadRoom(session.id, group.id);
    expect(stored.rows).toBeLessThanOrEqual(21);
    writer.destroy();
    await waitFor(() => server.rooms.get(session.id, group.id) === undefined, 'unloaded');
    await server.rooms.compactionsSettled();
    expect((await server.storage.loadRoom(session.id, group.id)).rows).toBe(1);
    const reader = connect(server, session.id, group.id, group.token);
    await synced(reader);
    const notes = listNotes(reader.doc);
    expect(notes).toHaveLength(61);
    expect(notes.filter((n) => n.x === 500 && n.y === 500)).toHaveLength(60);
    reader.destroy();
  });

  it('answers a newcomer to a cold room from the stored snapshot, integrating it only when needed', async () => {
    const group = session.groups[2]!;
    const writer = connect(server, session.id, group.id, group.token);
    await synced(writer);
    for (let i = 0; i < 30; i++) createNote(writer.doc, { text: `froide ${i}`, x: i, y: 0, author: 'w' });
    await waitFor(() => listNotes(server.rooms.get(session.id, group.id)!.doc).length === 30, 'stored');
    expect((await server.storage.loadRoom(session.id, group.id)).rows).toBeGreaterThan(1);
    writer.destroy();
    await waitFor(() => server.rooms.get(session.id, group.id) === undefined, 'unloaded');
    // Unloading left one row behind.
    await server.rooms.compactionsSettled();
    expect((await server.storage.loadRoom(session.id, group.id)).rows).toBe(1);

    const viewer = connect(server, session.id, group.id, session.projectorToken);
    await synced(viewer);
    await waitFor(() => listNotes(viewer.doc).length === 30, 'the viewer has every note');
    expect(server.rooms.get(session.id, group.id)!.isIntegrated).toBe(false);

    const late = connect(server, session.id, group.id, group.token);
    await synced(late);
    createNote(late.doc, { text: 'après le réveil', x: 0, y: 0, author: 'l' });
    await waitFor(() => listNotes(viewer.doc).length === 31, 'a write reaches the viewer');
    const room = server.rooms.get(session.id, group.id)!;
    expect(room.isIntegrated).toBe(true);
    expect(listNotes(room.doc)).toHaveLength(31);
    viewer.destroy();
    late.destroy();
  });
});

describe('shutting down', () => {
  it('answers /healthz with 503 « stopping » once it began closing, so a balancer takes it out of the pool', async () => {
    const own = await startTestServer();
    const before = await fetch(`${own.url}/healthz`);
    expect(before.status).toBe(200);
    // The first step of close(): clients get 1012 and new upgrades are refused; HTTP still answers.
    await own.sockets.close();
    const during = await fetch(`${own.url}/healthz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ ok: false, status: 'stopping', reasons: ['shutting down'] });
    await own.stop();
  });
});
