import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, effectiveKeyIdeas, getMetaMap, listNotes, listZones, markKeyIdea, readMeta, snapshotBoard } from '@concerto/board';
import type { CreateSessionResponse, SessionDescription } from '@concerto/contract';
import type { ConcertoArchive } from '@concerto/export';
import { api, connect, createSession, startTestServer, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
/** a second instance that accepts imports (they need the admin token) */
let importer: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  [server, importer] = await Promise.all([startTestServer(), startTestServer({ ADMIN_TOKEN: ADMIN })]);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all([server.stop(), importer.stop()]);
});

const ADMIN = 'jeton-admin-de-test-0123456789';

type ErrorBody = { error: { code: string; message: string } };

describe('board templates (POST /api/sessions `template`)', () => {
  it('R11d gives every group room of an « Enjeux – Objectifs – Actions » session its zones (no carry-over zone without a démarche), and limits key ideas per zone on the server', async () => {
    const s = await createSession(server, { title: 'Concertation de suivi', groups: ['Axe 1', 'Axe 2'], template: { kind: 'enjeux-objectifs-actions' } });
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${s.id}`, { token: s.groups[0]!.token });
    expect(described.body.template).toEqual({ kind: 'enjeux-objectifs-actions' });
    const a = connect(server, s.id, s.groups[0]!.id, s.groups[0]!.token);
    const b = connect(server, s.id, s.groups[0]!.id, s.groups[0]!.token);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    // Created without a démarche, nothing is carried over: no read-only « Ce qui a été identifié
    // en concertation précédente » zone, which would stay empty (board R25).
    expect(listZones(a.doc).map((zone) => zone.title)).toEqual(['Enjeux', 'Objectifs', 'Actions', 'Actions prioritaires']);
    expect(readMeta(a.doc)).toMatchObject({ schema: 2, template: 'enjeux-objectifs-actions' });
    // Two participants mark concurrently in « Actions » (3 allowed): the server trims the fourth.
    const ids = ['x1', 'x2', 'x3', 'x4'].map((id, i) => createNote(a.doc, { id, text: `Action ${i}`, x: 0, y: 0, author: 'Ana', zone: 'actions', createdAt: i }));
    await waitFor(() => listNotes(b.doc).length === 4, 'notes reach b');
    a.doc.transact(() => {
      markKeyIdea(a.doc, { noteId: ids[0]! }, 2);
      markKeyIdea(a.doc, { noteId: ids[1]! }, 2);
    });
    markKeyIdea(b.doc, { noteId: ids[2]! }, 2);
    markKeyIdea(b.doc, { noteId: ids[3]! }, 2);
    const room = () => server.rooms.get(s.id, s.groups[0]!.id)!.doc;
    await waitFor(() => effectiveKeyIdeas(room(), 2).length === 3 && effectiveKeyIdeas(a.doc, 2).length === 3, 'three key ideas in « Actions »');
    await waitFor(() => a.doc.getArray('keyIdeas').length === 3, 'the extra mark trimmed');
  });

  it('writes custom zones and keeps « Libre » (and no template) as a board without zones', async () => {
    const custom = await createSession(server, {
      title: 'Zones à moi',
      groups: ['Groupe A'],
      template: { kind: 'custom', zones: [{ title: 'Forces', question: 'Sur quoi s’appuyer ?' }, { title: 'Freins', keyIdeaLimit: 1 }] },
    });
    const libre = await createSession(server, { title: 'Libre', groups: ['Groupe A'], template: { kind: 'libre' } });
    const none = await createSession(server, { title: 'Sans modèle', groups: ['Groupe A'] });
    const [c, l, n] = [custom, libre, none].map((s) => connect(server, s.id, s.groups[0]!.id, s.groups[0]!.token));
    clients.push(c!, l!, n!);
    await Promise.all([synced(c!), synced(l!), synced(n!)]);
    expect(listZones(c!.doc)).toEqual([
      { id: 'zone-1', title: 'Forces', question: 'Sur quoi s’appuyer ?', keyIdeaLimit: null, readOnly: false },
      { id: 'zone-2', title: 'Freins', question: '', keyIdeaLimit: 1, readOnly: false },
    ]);
    expect(listZones(l!.doc)).toEqual([]);
    expect(readMeta(l!.doc).template).toBe('libre');
    expect(listZones(n!.doc)).toEqual([]);
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${none.id}`, { token: none.facilitatorToken });
    expect(described.body.template).toEqual({ kind: 'libre' });
  });

  it('answers 400 naming the field for a bad template, and creates nothing', async () => {
    const bad = async (template: unknown) => {
      const r = await api<ErrorBody>(server, 'POST', '/api/sessions', { body: { title: 'Séance', template } });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/template/);
      return r.body.error.message;
    };
    await bad({ kind: 'kanban' });
    await bad('libre');
    expect(await bad({ kind: 'custom', zones: [] })).toMatch(/at least one zone/);
    const nine = Array.from({ length: 9 }, (_, i) => ({ title: `Zone ${i}` }));
    expect(await bad({ kind: 'custom', zones: nine })).toMatch(/at most 8 zones/);
    expect(await bad({ kind: 'custom', zones: [{ title: '   ' }] })).toMatch(/template\.zones\.0\.title/);
    expect(await bad({ kind: 'custom', zones: [{ title: 'A', keyIdeaLimit: 0 }] })).toMatch(/keyIdeaLimit/);
    await bad({ kind: 'libre', zones: [{ title: 'A' }] });
  });
});

describe('import of an archive written before zones (schema 1)', () => {
  it('restores its boards as « Libre » boards, migrated to schema 2 on load, nothing lost, and exports them again', async () => {
    const old = new Y.Doc();
    const meta = getMetaMap(old);
    meta.set('schema', 1);
    meta.set('groupId', 'groupe-1');
    meta.set('name', 'Groupe 1');
    createNote(old, { id: 'n1', text: 'Un accueil humain à côté du numérique', x: 40, y: 60, author: 'Hélène', createdAt: 1 });
    createNote(old, { id: 'n2', text: 'Des ateliers « pas à pas »', x: 300, y: 60, author: 'Joël', createdAt: 2 });
    markKeyIdea(old, { noteId: 'n1' }, 2, { id: 'k1' });
    const archive = {
      format: 'concerto-archive',
      version: 1,
      exportedAt: '2024-09-18T16:00:00.000Z',
      session: { id: 'old', title: 'Webinaire de lancement', questions: [], keyIdeaLimit: 2, groups: [{ id: 'groupe-1', name: 'Groupe 1' }], createdAt: Date.now(), settings: { date: '2024-09-18' } },
      rooms: { 'groupe-1': { state: Buffer.from(Y.encodeStateAsUpdate(old)).toString('base64') } },
    };
    const response = await fetch(`${importer.url}/api/sessions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify(archive),
    });
    expect(response.status).toBe(201);
    const restored = (await response.json()) as CreateSessionResponse;
    const participant = connect(importer, restored.id, 'groupe-1', restored.groups[0]!.token);
    clients.push(participant);
    await synced(participant);
    // The server integrates a stored room on its first write (R13), and stamps it then.
    createNote(participant.doc, { id: 'n3', text: 'Après la restauration', x: 40, y: 300, author: 'Hélène', createdAt: 3 });
    await waitFor(() => readMeta(participant.doc).schema === 2, 'the migration reaches the participant');
    const snapshot = snapshotBoard(participant.doc);
    expect(snapshot.meta).toEqual({ schema: 2, groupId: 'groupe-1', name: 'Groupe 1', template: 'libre' });
    expect(snapshot.zones).toEqual([]);
    expect(snapshot.notes.map((note) => [note.text, note.zone])).toEqual([
      ['Un accueil humain à côté du numérique', null],
      ['Des ateliers « pas à pas »', null],
      ['Après la restauration', null],
    ]);
    expect(snapshot.keyIdeas.map((idea) => idea.id)).toEqual(['k1']);
    const exported = await fetch(`${importer.url}/api/sessions/${restored.id}/export.json`, { headers: { authorization: `Bearer ${restored.facilitatorToken}` } });
    const again = (await exported.json()) as ConcertoArchive;
    // The archive's board snapshot carries the group's action sheets too (none in a schema-1 archive).
    expect(again.rooms['groupe-1']!.snapshot).toEqual({ ...snapshot, sheets: [] });
  });
});
