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
    await sleep(50);
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
    const stored = await server.storage.loadRoom(session.id, group.id);
    expect(stored.rows).toBeLessThanOrEqual(21);
    writer.destroy();
    await waitFor(() => server.rooms.get(session.id, group.id) === undefined, 'unloaded');
    const reader = connect(server, session.id, group.id, group.token);
    await synced(reader);
    const notes = listNotes(reader.doc);
    expect(notes).toHaveLength(60);
    expect(notes.every((n) => n.x === 500 && n.y === 500)).toBe(true);
    reader.destroy();
  });
});
