import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, effectiveKeyIdeas, listNotes, markKeyIdea, readPlenary } from '@concerto/board';
import type { CreateSessionResponse, PlenaryResponse, PushResponse, SessionDescription } from '@concerto/contract';
import { api, connect, createSession, startTestServer, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

describe('HTTP API', () => {
  it('creates a session with the default groups and a key-idea limit of 2', async () => {
    const created = await createSession(server, { title: 'Lancement', questions: ['Qu’est-ce qui compte ?'] });
    expect(created.groups.map((g) => g.id)).toEqual([
      'groupe-1', 'groupe-2', 'groupe-3', 'groupe-4', 'groupe-5', 'groupe-6', 'groupe-7', 'groupe-8', 'groupe-9', 'salle-principale',
    ]);
    expect(created.groups.at(-1)!.name).toBe('Salle principale');
    expect(created.links.groups[0]!.url).toBe(`${server.url}/s/${created.id}/groupe-1#token=${created.groups[0]!.token}`);
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${created.id}`, { token: created.groups[2]!.token });
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ title: 'Lancement', keyIdeaLimit: 2, questions: ['Qu’est-ce qui compte ?'], you: { role: 'participant', groupId: 'groupe-3' } });
  });

  it('gives the facilitator, and only them, fresh links that work', async () => {
    const created = await createSession(server);
    const again = await api<CreateSessionResponse>(server, 'GET', `/api/sessions/${created.id}/links`, { token: created.facilitatorToken });
    expect(again.status).toBe(200);
    expect(again.body.groups.map((g) => g.id)).toEqual(created.groups.map((g) => g.id));
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${created.id}`, { token: again.body.groups[1]!.token });
    expect(described.body.you).toEqual({ role: 'participant', groupId: 'groupe-2' });
    expect((await api(server, 'GET', `/api/sessions/${created.id}/links`, { token: created.projectorToken })).status).toBe(403);
  });

  it('names groups from custom names, without duplicates', async () => {
    const created = await createSession(server, { title: 'Ateliers', groups: ['Groupes 6 et 7', 'Élus', 'Élus'], keyIdeaLimit: 3 });
    expect(created.groups.map((g) => g.id)).toEqual(['groupes-6-et-7', 'elus', 'elus-2']);
  });

  it('rejects bad bodies with 400 and says which field', async () => {
    const r = await api<{ error: { code: string; message: string } }>(server, 'POST', '/api/sessions', { body: { title: '', keyIdeaLimit: 0 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad-request');
    expect(r.body.error.message).toMatch(/title/);
    expect(r.body.error.message).toMatch(/keyIdeaLimit/);
    const bad = await api(server, 'POST', '/api/sessions', { rawBody: '{"title": ' });
    expect(bad.status).toBe(400);
    const big = await api(server, 'POST', '/api/sessions', { body: { title: 'x'.repeat(300 * 1024) } });
    expect(big.status).toBe(413);
  });

  it('answers 401, 403 and 404 as the contract says', async () => {
    const a = await createSession(server);
    const b = await createSession(server);
    expect((await api(server, 'GET', `/api/sessions/${a.id}`)).status).toBe(401);
    expect((await api(server, 'GET', `/api/sessions/${a.id}`, { token: 'garbage' })).status).toBe(401);
    expect((await api(server, 'GET', `/api/sessions/${a.id}`, { token: b.facilitatorToken })).status).toBe(403);
    expect((await api(server, 'POST', `/api/sessions/${a.id}/groups/groupe-2/push`, { token: a.groups[0]!.token })).status).toBe(403);
    expect((await api(server, 'POST', `/api/sessions/${a.id}/groups/nope/push`, { token: a.facilitatorToken })).status).toBe(404);
    expect((await api(server, 'GET', '/api/nothing')).status).toBe(404);
  });

  it('pushes a group\'s effective key ideas into the plenary, live, and reads them back', async () => {
    const s: CreateSessionResponse = await createSession(server);
    const group = s.groups[0]!;
    const writer = connect(server, s.id, group.id, group.token);
    const plenary = connect(server, s.id, 'plenary', s.projectorToken);
    clients.push(writer, plenary);
    await Promise.all([synced(writer), synced(plenary)]);
    const n1 = createNote(writer.doc, { text: 'Un accès qui ne soit pas uniquement numérique', x: 0, y: 0, author: 'A' });
    const n2 = createNote(writer.doc, { text: 'Des comptes plus simples', x: 0, y: 0, author: 'B' });
    markKeyIdea(writer.doc, { noteId: n1 }, 2);
    markKeyIdea(writer.doc, { noteId: n2 }, 2);
    await waitFor(() => listNotes(server.rooms.get(s.id, group.id)!.doc).length === 2, 'notes on the server');
    await waitFor(() => effectiveKeyIdeas(server.rooms.get(s.id, group.id)!.doc, 2).length === 2, 'key ideas on the server');

    const pushed = await api<PushResponse>(server, 'POST', `/api/sessions/${s.id}/groups/${group.id}/push`, { token: group.token });
    expect(pushed.status).toBe(200);
    expect(pushed.body.keyIdeas.map((k) => k.text)).toEqual(['Un accès qui ne soit pas uniquement numérique', 'Des comptes plus simples']);

    await waitFor(() => readPlenary(plenary.doc, s.groups).groups[0]!.keyIdeas.length === 2, 'the projector sees the push live');
    const read = await api<PlenaryResponse>(server, 'GET', `/api/sessions/${s.id}/plenary`, { token: group.token });
    expect(read.status).toBe(200);
    expect(read.body.groups).toHaveLength(10);
    expect(read.body.groups[0]).toMatchObject({ id: 'groupe-1', name: 'Groupe 1', pushedAt: pushed.body.pushedAt });
    expect(read.body.groups[0]!.keyIdeas.map((k) => k.text)).toEqual(pushed.body.keyIdeas.map((k) => k.text));
    expect(read.body.groups[1]).toMatchObject({ id: 'groupe-2', pushedAt: null, keyIdeas: [] });

    // Pushing again replaces the group's entry.
    const n3 = createNote(writer.doc, { text: 'Former les aidants', x: 0, y: 0, author: 'C' });
    void n3;
    const again = await api<PushResponse>(server, 'POST', `/api/sessions/${s.id}/groups/${group.id}/push`, { token: s.facilitatorToken });
    expect(again.status).toBe(200);
    const reread = await api<PlenaryResponse>(server, 'GET', `/api/sessions/${s.id}/plenary`, { token: s.projectorToken });
    expect(reread.body.groups[0]!.keyIdeas).toHaveLength(2);
  });

  it('needs the admin token to create a session when ADMIN_TOKEN is set', async () => {
    const guarded = await startTestServer({ ADMIN_TOKEN: 'prefecture-secret' });
    try {
      expect((await api(guarded, 'POST', '/api/sessions', { body: { title: 'x' } })).status).toBe(401);
      expect((await api(guarded, 'POST', '/api/sessions', { body: { title: 'x' }, token: 'prefecture-secret' })).status).toBe(201);
    } finally {
      await guarded.stop();
    }
  });

  it('serves /healthz and the web app with /s/... falling back to it', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(`${server.url}/s/abc/groupe-1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);
  });
});
