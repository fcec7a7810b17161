/**
 * The archive on a real server: exports of a live session, import on a second server, closing
 * (a real participant's writes stop applying), deletion, and retention that leaves no trace in
 * the database files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes, readPlenary, readSheets, snapshotBoard } from '@concerto/board';
import type { CreateSessionResponse, SessionDescription } from '@concerto/contract';
import { buildSampleSession } from '@concerto/export/fixtures';
import type { ConcertoArchive, SessionContent } from '@concerto/export';
import { api, closedWith, connect, createSession, handled, startTestServer, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

const clients: Client[] = [];
afterAll(() => {
  for (const c of clients) c.destroy();
});

function open(server: TestServer, sessionId: string, room: string, token: string): Client {
  const client = connect(server, sessionId, room, token);
  clients.push(client);
  return client;
}

async function download(server: TestServer, path: string, token?: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Writes the fixture's documents into a live session through real y-websocket clients. */
async function seed(server: TestServer, created: CreateSessionResponse, content: SessionContent): Promise<void> {
  for (const [room, state] of Object.entries(content.rooms)) {
    const client = open(server, created.id, room, created.facilitatorToken);
    await synced(client);
    Y.applyUpdate(client.doc, state);
    const expected = Y.decodeStateVector(Y.encodeStateVector(client.doc));
    const received = () => {
      const live = server.rooms.get(created.id, room)?.doc;
      if (live === undefined) return false;
      const has = Y.decodeStateVector(Y.encodeStateVector(live));
      return [...expected].every(([clientId, clock]) => (has.get(clientId) ?? 0) >= clock);
    };
    await waitFor(received, `room ${room} on the server`);
    client.destroy();
  }
  await server.rooms.drain();
}

describe('exports of a live session', () => {
  let server: TestServer;
  let created: CreateSessionResponse;

  beforeAll(async () => {
    server = await startTestServer();
    created = await createSession(server, { title: 'Feuille de route inclusion numérique', date: '2024-09-18' });
    await seed(server, created, buildSampleSession({ groups: 10, notesPerGroup: 8 }));
  });
  afterAll(() => server.stop());

  it('serves the PDF, Markdown and JSON to the facilitator with French file names', async () => {
    const expected = {
      pdf: ['application/pdf', 'compte-rendu-feuille-de-route-inclusion-numerique-2024-09-18.pdf'],
      md: ['text/markdown; charset=utf-8', 'compte-rendu-feuille-de-route-inclusion-numerique-2024-09-18.md'],
      json: ['application/json; charset=utf-8', 'archive-feuille-de-route-inclusion-numerique-2024-09-18.json'],
    } as const;
    for (const [format, [type, name]] of Object.entries(expected)) {
      const file = await download(server, `/api/sessions/${created.id}/export.${format}`, created.facilitatorToken);
      expect(file.status, format).toBe(200);
      expect(file.headers.get('content-type')).toBe(type);
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(file.headers.get('cache-control')).toBe('no-store');
    }
    const pdf = await download(server, `/api/sessions/${created.id}/export.pdf`, created.facilitatorToken);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const md = (await download(server, `/api/sessions/${created.id}/export.md`, created.facilitatorToken)).bytes.toString('utf8');
    expect(md).toContain('#### autonomie des usagers');
    expect(md).toContain('Les deux idées clés partagées sont\u00a0:');
  });

  it('includes what was written a moment ago, and rooms nobody has open', async () => {
    const group = created.groups[2]!;
    const writer = open(server, created.id, group.id, group.token);
    await synced(writer);
    createNote(writer.doc, { text: 'écrit juste avant l’export', x: 0, y: 2000, author: 'Zoé' });
    await waitFor(() => listNotes(server.rooms.get(created.id, group.id)!.doc).some((n) => n.text === 'écrit juste avant l’export'), 'note on the server');
    const md = (await download(server, `/api/sessions/${created.id}/export.md`, created.facilitatorToken)).bytes.toString('utf8');
    expect(md).toContain('écrit juste avant l’export — *Zoé*');
    writer.destroy();
    await waitFor(() => server.rooms.size === 0, 'rooms unloaded');
    const again = (await download(server, `/api/sessions/${created.id}/export.md`, created.facilitatorToken)).bytes.toString('utf8');
    expect(again).toContain('écrit juste avant l’export');
  });

  it('is for the facilitator only', async () => {
    const path = `/api/sessions/${created.id}/export.pdf`;
    expect((await download(server, path)).status).toBe(401);
    expect((await download(server, path, created.groups[0]!.token)).status).toBe(403);
    expect((await download(server, path, created.projectorToken)).status).toBe(403);
    const other = await createSession(server);
    expect((await download(server, path, other.facilitatorToken)).status).toBe(403);
    expect((await download(server, '/api/sessions/nosuchsession/export.json', created.facilitatorToken)).status).toBe(403);
  });
});

describe('import on another instance', () => {
  let source: TestServer;
  let target: TestServer;

  beforeAll(async () => {
    [source, target] = await Promise.all([startTestServer(), startTestServer({ ADMIN_TOKEN: 'jeton-admin-de-test-0123456789' })]);
  });
  afterAll(() => Promise.all([source.stop(), target.stop()]));

  it('restores a session with a new id and new links; exporting it again gives the same content', async () => {
    const created = await createSession(source, { title: 'Séance à restaurer', questions: ['Qu’est-ce qui compte ?'], date: '2024-09-18' });
    await seed(source, created, buildSampleSession({ groups: 10, notesPerGroup: 50, votes: true }));
    const exported = await download(source, `/api/sessions/${created.id}/export.json`, created.facilitatorToken);
    // A real session's archive is larger than the API's usual 256 KiB body limit.
    expect(exported.bytes.length).toBeGreaterThan(256 * 1024);
    const archive = JSON.parse(exported.bytes.toString('utf8')) as ConcertoArchive;

    const post = (token?: string) =>
      fetch(`${target.url}/api/sessions/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: exported.bytes.toString('utf8') });
    expect((await post()).status).toBe(401);
    const response = await post('jeton-admin-de-test-0123456789');
    expect(response.status).toBe(201);
    const restored = (await response.json()) as CreateSessionResponse;
    expect(restored.id).not.toBe(created.id);
    expect(restored.facilitatorToken).not.toBe(created.facilitatorToken);
    expect(restored.groups.map((g) => g.id)).toEqual(created.groups.map((g) => g.id));
    expect(restored.links.groups[0]!.url).toBe(`${target.url}/s/${restored.id}/groupe-1#token=${restored.groups[0]!.token}`);

    const described = await api<SessionDescription>(target, 'GET', `/api/sessions/${restored.id}`, { token: restored.facilitatorToken });
    expect(described.body).toMatchObject({ title: 'Séance à restaurer', date: '2024-09-18', questions: ['Qu’est-ce qui compte ?'], keyIdeaLimit: 2 });

    const again = JSON.parse((await download(target, `/api/sessions/${restored.id}/export.json`, restored.facilitatorToken)).bytes.toString('utf8')) as ConcertoArchive;
    expect({ ...again.session, id: 'x' }).toEqual({ ...archive.session, id: 'x' });
    for (const [room, data] of Object.entries(archive.rooms)) expect(again.rooms[room]!.snapshot, room).toEqual(data.snapshot);

    // The new links work: a participant of the restored session sees its group's notes live.
    const participant = open(target, restored.id, 'groupe-1', restored.groups[0]!.token);
    await synced(participant);
    expect({ ...snapshotBoard(participant.doc), sheets: readSheets(participant.doc) }).toEqual(archive.rooms['groupe-1']!.snapshot);
    // The old tokens open nothing there.
    expect((await api(target, 'GET', `/api/sessions/${restored.id}`, { token: created.facilitatorToken })).status).toBe(401);
  });

  it('refuses archives that are not sound, with the reason', async () => {
    const bad = await api<{ error: { code: string; message: string } }>(target, 'POST', '/api/sessions/import', { token: 'jeton-admin-de-test-0123456789', body: { format: 'concerto-archive', version: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/session/);
    const later = await api(target, 'POST', '/api/sessions/import', { token: 'jeton-admin-de-test-0123456789', body: { format: 'concerto-archive', version: 9 } });
    expect(later.status).toBe(400);
  });
});

describe('closing a session', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('freezes every room at once for live participants; reading and exporting still work', async () => {
    const created = await createSession(server, { title: 'Séance à clore' });
    const group = created.groups[0]!;
    const participant = open(server, created.id, group.id, group.token);
    await synced(participant);
    createNote(participant.doc, { id: 'avant', text: 'écrite avant la clôture', x: 0, y: 0, author: 'Ana' });
    await waitFor(() => listNotes(server.rooms.get(created.id, group.id)!.doc).length === 1, 'first note stored');

    const opened = await api(server, 'POST', `/api/sessions/${created.id}/vote`, { token: created.facilitatorToken, body: { action: 'open', votesPerParticipant: 3, target: 'ideas' } });
    expect(opened.status).toBe(200);
    expect((await api(server, 'POST', `/api/sessions/${created.id}/close`, { token: group.token })).status).toBe(403);
    const closed = await api<{ closed: boolean; closedAt: number }>(server, 'POST', `/api/sessions/${created.id}/close`, { token: created.facilitatorToken });
    expect(closed.status).toBe(200);
    expect(closed.body.closed).toBe(true);

    // The same connection, still open, writes again: the server does not apply it.
    createNote(participant.doc, { id: 'apres', text: 'écrite après la clôture', x: 0, y: 200, author: 'Ana' });
    await handled(server, participant, created.id, group.id);
    expect(participant.provider.wsconnected).toBe(true);
    expect(listNotes(server.rooms.get(created.id, group.id)!.doc).map((n) => n.id)).toEqual(['avant']);

    // Reading still works, for a newcomer too.
    const reader = open(server, created.id, group.id, group.token);
    await synced(reader);
    expect(listNotes(reader.doc).map((n) => n.id)).toEqual(['avant']);
    const described = await api<SessionDescription & { closed: boolean }>(server, 'GET', `/api/sessions/${created.id}`, { token: group.token });
    expect(described.body.closed).toBe(true);
    const md = (await download(server, `/api/sessions/${created.id}/export.md`, created.facilitatorToken)).bytes.toString('utf8');
    expect(md).toContain('écrite avant la clôture');
    expect(md).not.toContain('écrite après la clôture');

    // Content routes refuse too (the vote left open can still be closed); closing again keeps the first date.
    expect((await api(server, 'POST', `/api/sessions/${created.id}/groups/${group.id}/push`, { token: group.token })).status).toBe(409);
    const ballot = { action: 'add', participantId: 'participant-1', itemId: 'groupe-1:x' };
    expect((await api(server, 'POST', `/api/sessions/${created.id}/vote/ballot`, { token: group.token, body: ballot })).status).toBe(409);
    expect((await api(server, 'POST', `/api/sessions/${created.id}/vote`, { token: created.facilitatorToken, body: { action: 'open', votesPerParticipant: 3, target: 'ideas' } })).status).toBe(409);
    expect((await api(server, 'POST', `/api/sessions/${created.id}/vote`, { token: created.facilitatorToken, body: { action: 'close' } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/sessions/${created.id}/phase`, { token: created.facilitatorToken, body: { phase: 'plenary' } })).status).toBe(200);
    const plenary = open(server, created.id, 'plenary', created.projectorToken);
    await synced(plenary);
    expect(readPlenary(plenary.doc, created.groups).groups[0]!.pushedAt).toBeNull();
    const twice = await api<{ closedAt: number }>(server, 'POST', `/api/sessions/${created.id}/close`, { token: created.facilitatorToken });
    expect(twice.body.closedAt).toBe(closed.body.closedAt);
  });
});

describe('deleting a session', () => {
  it('disconnects everyone and removes the session and its rooms', async () => {
    const server = await startTestServer();
    try {
      const created = await createSession(server, { title: 'Séance à supprimer' });
      const participant = open(server, created.id, 'groupe-1', created.groups[0]!.token);
      await synced(participant);
      createNote(participant.doc, { text: 'à effacer', x: 0, y: 0, author: 'A' });
      await waitFor(() => listNotes(server.rooms.get(created.id, 'groupe-1')!.doc).length === 1, 'note stored');
      await server.rooms.drain();
      expect(await server.storage.listRooms(created.id)).toContain('groupe-1');

      expect((await api(server, 'DELETE', `/api/sessions/${created.id}`, { token: created.groups[0]!.token })).status).toBe(403);
      expect((await api(server, 'DELETE', `/api/sessions/${created.id}`, { token: created.facilitatorToken })).status).toBe(204);
      expect(await closedWith(participant)).toBe(4404);
      expect((await api(server, 'GET', `/api/sessions/${created.id}`, { token: created.facilitatorToken })).status).toBe(404);
      expect(await server.storage.listRooms(created.id)).toEqual([]);
      expect(server.rooms.get(created.id, 'groupe-1')).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});

describe('retention (RETENTION_DAYS)', () => {
  const CANARY = 'CANARY-retention-7f3a9c51';
  const files = (dir: string) => ['concerto.db', 'concerto.db-wal', 'concerto.db-shm'].map((f) => join(dir, f)).filter((f) => existsSync(f));
  const holdsCanary = (dir: string) => files(dir).some((f) => readFileSync(f).includes(CANARY));

  it('deletes sessions older than the period at startup, leaving no trace in the database files', async () => {
    const first = await startTestServer();
    const dir = first.dataDir;
    let oldId: string;
    let recentId: string;
    try {
      const old = await createSession(first, { title: `Ancienne séance ${CANARY}` });
      const recent = await createSession(first, { title: 'Séance récente' });
      oldId = old.id;
      recentId = recent.id;
      const writer = open(first, old.id, 'groupe-1', old.groups[0]!.token);
      await synced(writer);
      createNote(writer.doc, { text: `note témoin ${CANARY}`, x: 0, y: 0, author: `auteur ${CANARY}` });
      await waitFor(() => listNotes(first.rooms.get(old.id, 'groupe-1')?.doc ?? new Y.Doc()).length === 1, 'canary note');
      writer.destroy();
      await first.rooms.drain();
      // The session was created 40 days ago.
      const record = (await first.storage.getSession(old.id))!;
      await first.storage.putSession({ ...record, createdAt: Date.now() - 40 * 86_400_000 });
      expect(holdsCanary(dir)).toBe(true);
    } finally {
      await first.close();
    }

    const second = await startTestServer({ RETENTION_DAYS: '30' }, dir);
    try {
      expect(await second.storage.getSession(oldId)).toBeNull();
      expect(await second.storage.listRooms(oldId)).toEqual([]);
      expect(await second.storage.getSession(recentId)).not.toBeNull();
      expect(holdsCanary(dir)).toBe(false);
    } finally {
      await second.stop();
    }
    expect(holdsCanary(dir)).toBe(false);
  });

  it('refuses to import a session the retention would delete at once', async () => {
    const server = await startTestServer({ RETENTION_DAYS: '30' });
    try {
      const archive = JSON.parse(
        (await import('@concerto/export')).renderJson(buildSampleSession({ groups: 2, notesPerGroup: 2 })),
      ) as ConcertoArchive;
      const refused = await api(server, 'POST', '/api/sessions/import', { body: archive });
      expect(refused.status).toBe(409);
      const fresh = { ...archive, session: { ...archive.session, createdAt: Date.now() - 86_400_000 } };
      expect((await api(server, 'POST', '/api/sessions/import', { body: fresh })).status).toBe(201);
    } finally {
      await server.stop();
    }
  });
});
