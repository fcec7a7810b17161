import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, effectiveKeyIdeas, listNotes, listZones, markKeyIdea, readMeta } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';
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

type ErrorBody = { error: { code: string; message: string } };

describe('board templates (POST /api/sessions `template`)', () => {
  it('gives every group room of an « Enjeux – Objectifs – Actions » session its zones, and limits key ideas per zone on the server', async () => {
    const s = await createSession(server, { title: 'Concertation de suivi', groups: ['Axe 1', 'Axe 2'], template: { kind: 'enjeux-objectifs-actions' } });
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${s.id}`, { token: s.groups[0]!.token });
    expect(described.body.template).toEqual({ kind: 'enjeux-objectifs-actions' });
    const a = connect(server, s.id, s.groups[0]!.id, s.groups[0]!.token);
    const b = connect(server, s.id, s.groups[0]!.id, s.groups[0]!.token);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    expect(listZones(a.doc).map((zone) => zone.title)).toEqual([
      'Ce qui a été identifié en concertation précédente', 'Enjeux', 'Objectifs', 'Actions', 'Actions prioritaires',
    ]);
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
