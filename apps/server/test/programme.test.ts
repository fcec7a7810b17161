/**
 * Issue 11 §3, carry-over between sessions: a « démarche » groups earlier sessions of several
 * territories; their plenaries' themes and closed votes are consolidated, merged across
 * sessions, and a new session starts from the consolidated themes. Real server, real sessions
 * made through the API, plenaries written by real y-websocket clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateProgrammeResponse, CreateSessionResponse, ProgrammeDescription, SessionDescription } from '@concerto/contract';
import { listZones } from '@concerto/board';
import { api, connect, startTestServer, synced, waitFor } from './harness.js';
import type { TestServer } from './harness.js';
import { FIRST_ROUND, runEarlierSession } from './programmeFixture.js';

const AXE_1 = 'Axe 1 – Équiper et accompagner les publics';
const AXE_2 = 'Axe 2 – Former les aidants et les professionnels';

let server: TestServer;
let programme: CreateProgrammeResponse;
const earlier: Awaited<ReturnType<typeof runEarlierSession>>[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const spec of FIRST_ROUND) earlier.push(await runEarlierSession(server, spec));
  const created = await api<CreateProgrammeResponse>(server, 'POST', '/api/programmes', { body: { title: 'Feuille de route inclusion numérique' } });
  expect(created.status).toBe(201);
  programme = created.body;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const read = () => api<ProgrammeDescription>(server, 'GET', `/api/programmes/${programme.id}`, { token: programme.facilitatorToken });
const attach = (i: number, extra: Record<string, unknown> = {}) =>
  api<ProgrammeDescription>(server, 'POST', `/api/programmes/${programme.id}/sessions`, {
    token: programme.facilitatorToken,
    body: { sessionId: earlier[i]!.session.id, sessionToken: earlier[i]!.session.facilitatorToken, territory: FIRST_ROUND[i]!.territory, date: FIRST_ROUND[i]!.date, ...extra },
  });
const ref = (i: number, label: string) => `${earlier[i]!.session.id}/${earlier[i]!.themeIds.get(label)}`;

describe('a programme', () => {
  it('is created with its own link, and reads empty', async () => {
    expect(programme.link).toBe(`${server.url}/p/${programme.id}#token=${programme.facilitatorToken}`);
    const { status, body } = await read();
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: programme.id, title: 'Feuille de route inclusion numérique', revision: 0, merges: [], sessions: [], consolidated: [] });
  });

  it('refuses bad bodies, bad tokens and unknown ids with clear errors', async () => {
    const nord = earlier[0]!.session;
    expect((await api(server, 'POST', '/api/programmes', { body: { title: '' } })).status).toBe(400);
    expect((await api(server, 'POST', '/api/programmes', { body: { title: 'x', extra: 1 } })).status).toBe(400);
    expect((await api(server, 'GET', `/api/programmes/${programme.id}`)).status).toBe(401);
    expect((await api(server, 'GET', `/api/programmes/${programme.id}`, { token: 'abc.def' })).status).toBe(401);
    // A session's facilitator token does not open a programme, nor a programme's token a session.
    const sessionToken = await api<{ error: { message: string } }>(server, 'GET', `/api/programmes/${programme.id}`, { token: nord.facilitatorToken });
    expect(sessionToken.status).toBe(403);
    expect(sessionToken.body.error.message).toMatch(/a session, not a programme/);
    expect((await api(server, 'GET', `/api/sessions/${nord.id}`, { token: programme.facilitatorToken })).status).toBe(403);
    const other = await api<CreateProgrammeResponse>(server, 'POST', '/api/programmes', { body: { title: 'Autre démarche' } });
    expect((await api(server, 'GET', `/api/programmes/${programme.id}`, { token: other.body.facilitatorToken })).status).toBe(403);
    // Attaching: territory needed; the session's facilitator token needed, not a participant's.
    expect((await attach(0, { territory: ' ' })).status).toBe(400);
    expect((await attach(0, { date: '12/03/2026' })).status).toBe(400);
    expect((await attach(0, { sessionToken: nord.groups[0]!.token })).status).toBe(403);
    expect((await attach(0, { sessionToken: earlier[1]!.session.facilitatorToken })).status).toBe(403);
    expect((await attach(0, { sessionId: 'nosuchsession', sessionToken: nord.facilitatorToken })).status).toBe(403);
    expect((await read()).body.sessions).toEqual([]);
  });

  it('attaches two earlier sessions and reads their themes with their closed votes, by territory', async () => {
    // Without a date, the session's own day is taken.
    expect((await attach(0, { date: undefined })).body.sessions[0]!.date).toBe(FIRST_ROUND[0]!.date);
    expect((await attach(0)).status).toBe(200);
    const { status, body } = await attach(1);
    expect(status).toBe(200);
    expect(body.sessions.map((s) => [s.territory, s.date, s.title])).toEqual(FIRST_ROUND.map((r) => [r.territory, r.date, r.title]));
    expect(body.sessions.map((s) => s.themes.map((t) => [t.label, t.votes]))).toEqual(FIRST_ROUND.map((r) => r.themes.map((t) => [t.label, t.votes])));
    expect(body.consolidated.map((c) => [c.title, c.votes, c.byTerritory])).toEqual([
      ['Accompagner les publics éloignés du numérique', 5, [{ territory: 'NORD', votes: 5 }]],
      ['Équiper les publics (matériel, connexion)', 4, [{ territory: 'SUD', votes: 4 }]],
      ['Former les aidants numériques', 3, [{ territory: 'NORD', votes: 3 }]],
      ['Former les professionnels et les bénévoles', 3, [{ territory: 'SUD', votes: 3 }]],
      ['Mieux se coordonner entre acteurs', 2, [{ territory: 'NORD', votes: 2 }]],
      ['Des lieux de médiation de proximité', 1, [{ territory: 'SUD', votes: 1 }]],
    ]);
  });

  it('stores merges over the revision it read, and refuses a stale one with 409', async () => {
    const merges = [
      { id: 'axe-1', title: AXE_1, members: [ref(0, 'Accompagner les publics éloignés du numérique'), ref(1, 'Équiper les publics (matériel, connexion)'), ref(1, 'Des lieux de médiation de proximité')] },
      { id: 'axe-2', title: AXE_2, members: [ref(0, 'Former les aidants numériques'), ref(1, 'Former les professionnels et les bénévoles')] },
    ];
    const put = (revision: number, body = merges) => api<ProgrammeDescription>(server, 'PUT', `/api/programmes/${programme.id}/merges`, { token: programme.facilitatorToken, body: { revision, merges: body } });
    const first = await put(0);
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(1);
    expect(first.body.consolidated.map((c) => [c.title, c.votes, c.byTerritory])).toEqual([
      [AXE_1, 10, [{ territory: 'NORD', votes: 5 }, { territory: 'SUD', votes: 5 }]],
      [AXE_2, 6, [{ territory: 'NORD', votes: 3 }, { territory: 'SUD', votes: 3 }]],
      ['Mieux se coordonner entre acteurs', 2, [{ territory: 'NORD', votes: 2 }]],
    ]);
    const stale = await put(0, []);
    expect(stale.status).toBe(409);
    expect((await put(1, [{ id: 'x', title: 'x', members: [] }])).status).toBe(400);
    expect((await read()).body.merges).toEqual(merges);
  });

  it('starts a new session from two consolidated themes: its axes, and what it carries over', async () => {
    const start = (body: unknown) => api<CreateSessionResponse>(server, 'POST', `/api/programmes/${programme.id}/carry-over`, { token: programme.facilitatorToken, body });
    expect((await start({ title: 'Concertation 2', territory: 'OUEST', themes: ['nope'] })).status).toBe(400);
    expect((await start({ title: 'Concertation 2', territory: 'OUEST', themes: ['axe-1', 'axe-1'] })).status).toBe(400);
    expect((await start({ title: 'Concertation 2', territory: 'OUEST', themes: [] })).status).toBe(400);
    const created = await start({ title: 'Concertation de suivi – OUEST', territory: 'OUEST', date: '2026-05-20', themes: ['axe-1', 'axe-2'] });
    expect(created.status).toBe(201);
    const next = created.body;
    // Its axes, then the main room every session has (its ids stay unique even so).
    expect(next.groups.map((g) => g.name)).toEqual([AXE_1, AXE_2, 'Salle principale']);
    expect(next.groups[2]!.id).toBe('salle-principale');

    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${next.id}`, { token: next.groups[0]!.token });
    expect(described.body.date).toBe('2026-05-20');
    const [first, second] = described.body.carriedOver;
    expect(first).toMatchObject({ title: AXE_1, votes: 10, groupId: next.groups[0]!.id, byTerritory: [{ territory: 'NORD', votes: 5 }, { territory: 'SUD', votes: 5 }] });
    expect(first!.source.programmeId).toBe(programme.id);
    expect(first!.source.themes.map((t) => [t.territory, t.label, t.votes, t.sessionId])).toEqual([
      ['NORD', 'Accompagner les publics éloignés du numérique', 5, earlier[0]!.session.id],
      ['SUD', 'Équiper les publics (matériel, connexion)', 4, earlier[1]!.session.id],
      ['SUD', 'Des lieux de médiation de proximité', 1, earlier[1]!.session.id],
    ]);
    expect(second).toMatchObject({ title: AXE_2, votes: 6, groupId: next.groups[1]!.id });
    expect(described.body.carriedOver).toHaveLength(2);

    // Board R25: an axis's board opens on the read-only zone that shows its carried-over axis;
    // « Salle principale » carries nothing over, so it has no such zone (it stayed empty).
    const axis = connect(server, next.id, next.groups[0]!.id, next.facilitatorToken);
    const main = connect(server, next.id, 'salle-principale', next.facilitatorToken);
    try {
      await Promise.all([synced(axis), synced(main)]);
      await waitFor(() => listZones(axis.doc).length > 0 && listZones(main.doc).length > 0, 'the template’s zones');
      expect(listZones(axis.doc).map((zone) => zone.id)).toEqual(['precedent', 'enjeux', 'objectifs', 'actions', 'prioritaires']);
      expect(listZones(main.doc).map((zone) => zone.id)).toEqual(['enjeux', 'objectifs', 'actions', 'prioritaires']);
    } finally {
      axis.destroy();
      main.destroy();
    }

    // The new session is part of the programme, with its territory; no theme yet of its own.
    const { body } = await read();
    expect(body.sessions.map((s) => [s.territory, s.id])).toEqual([['NORD', earlier[0]!.session.id], ['SUD', earlier[1]!.session.id], ['OUEST', next.id]]);
    expect(body.sessions[2]!.themes).toEqual([]);

    // Its compte-rendu opens with it.
    const md = await fetch(`${server.url}/api/sessions/${next.id}/export.md`, { headers: { authorization: `Bearer ${next.facilitatorToken}` } });
    const mdText = await md.text();
    expect(mdText.indexOf('## Ce qui a été identifié en concertation précédente')).toBeGreaterThan(0);
    expect(mdText).toContain(`### ${AXE_1}\n\n**10\u00a0votes\u00a0: NORD\u00a05, SUD\u00a05**`);

    // The JSON archive keeps it, and a session restored from it has it again.
    const exported = await api<{ session: { carriedOver: unknown[] } }>(server, 'GET', `/api/sessions/${next.id}/export.json`, { token: next.facilitatorToken });
    expect(exported.body.session.carriedOver).toEqual(described.body.carriedOver);
    const restored = await api<CreateSessionResponse>(server, 'POST', '/api/sessions/import', { body: exported.body });
    expect(restored.status).toBe(201);
    const again = await api<SessionDescription>(server, 'GET', `/api/sessions/${restored.body.id}`, { token: restored.body.facilitatorToken });
    expect(again.body.carriedOver).toEqual(described.body.carriedOver);
  });

  it('starts a session by theme from a carry-over: rotating groups over the axes, zoned boards', async () => {
    const start = (body: unknown) => api<CreateSessionResponse>(server, 'POST', `/api/programmes/${programme.id}/carry-over`, { token: programme.facilitatorToken, body });
    // Groups rotate between boards: one axis is not enough (as for POST /api/sessions); the error names
    // what the facilitator gave, the themes.
    const one = await start({ title: 'Suivi', territory: 'OUEST', themes: ['axe-1'], rotation: {} });
    expect(one.status).toBe(400);
    expect(JSON.stringify(one.body)).toContain('themes: at least 2 themes');
    expect((await start({ title: 'Suivi', territory: 'OUEST', themes: ['axe-1', 'axe-2'], rotation: { groups: [] } })).status).toBe(400);
    expect((await start({ title: 'Suivi', territory: 'OUEST', themes: ['axe-1', 'axe-2'], template: { kind: 'nope' } })).status).toBe(400);

    const created = await start({ title: 'Suivi par thème – OUEST', territory: 'OUEST', themes: ['axe-1', 'axe-2'], rotation: { groups: ['Groupe rouge', 'Groupe vert'] } });
    expect(created.status).toBe(201);
    const next = created.body;
    // The axes only: no « Salle principale » for the groups to rotate into.
    expect(next.groups.map((g) => g.name)).toEqual([AXE_1, AXE_2]);
    expect(next.rotationGroups?.map((g) => g.name)).toEqual(['Groupe rouge', 'Groupe vert']);
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${next.id}`, { token: next.facilitatorToken });
    expect(described.body.template).toEqual({ kind: 'enjeux-objectifs-actions' });
    expect(described.body.rotation).toMatchObject({ round: 1, rounds: 2, status: 'waiting' });
    expect(described.body.carriedOver.map((item) => [item.title, item.groupId])).toEqual([[AXE_1, next.groups[0]!.id], [AXE_2, next.groups[1]!.id]]);

    // By group, the template may still be chosen.
    const libre = await start({ title: 'Suivi libre', territory: 'OUEST', themes: ['axe-1'], template: { kind: 'libre' } });
    expect(libre.status).toBe(201);
    const libreSession = await api<SessionDescription>(server, 'GET', `/api/sessions/${libre.body.id}`, { token: libre.body.facilitatorToken });
    expect(libreSession.body.template).toEqual({ kind: 'libre' });
    expect(libreSession.body.rotation).toBeNull();
  });

  it('detaches a session (kept, with its links) and deletes a programme (its sessions stay)', async () => {
    const other = await api<CreateProgrammeResponse>(server, 'POST', '/api/programmes', { body: { title: 'Démarche à supprimer' } });
    const token = other.body.facilitatorToken;
    const path = `/api/programmes/${other.body.id}`;
    const session = earlier[0]!.session;
    await api(server, 'POST', `${path}/sessions`, { token, body: { sessionId: session.id, sessionToken: session.facilitatorToken, territory: 'NORD' } });
    await api(server, 'POST', `${path}/sessions`, { token, body: { sessionId: earlier[1]!.session.id, sessionToken: earlier[1]!.session.facilitatorToken, territory: 'SUD' } });
    // Another programme's token, or a session's, detaches nothing and deletes nothing.
    expect((await api(server, 'DELETE', `${path}/sessions/${session.id}`, { token: programme.facilitatorToken })).status).toBe(403);
    expect((await api(server, 'DELETE', path, { token: session.facilitatorToken })).status).toBe(403);
    expect((await api(server, 'DELETE', path)).status).toBe(401);

    const detached = await api<ProgrammeDescription>(server, 'DELETE', `${path}/sessions/${session.id}`, { token });
    expect(detached.status).toBe(200);
    expect(detached.body.sessions.map((s) => s.territory)).toEqual(['SUD']);
    expect(detached.body.consolidated.every((c) => c.sources.every((source) => source.sessionId !== session.id))).toBe(true);
    expect((await api(server, 'DELETE', `${path}/sessions/${session.id}`, { token })).status).toBe(404);
    // The session runs on, and the first programme still has it.
    expect((await api(server, 'GET', `/api/sessions/${session.id}`, { token: session.facilitatorToken })).status).toBe(200);
    expect((await read()).body.sessions.some((s) => s.id === session.id)).toBe(true);

    expect((await api(server, 'DELETE', path, { token })).status).toBe(204);
    expect((await api(server, 'GET', path, { token })).status).toBe(404);
    expect((await api(server, 'DELETE', path, { token })).status).toBe(404);
    expect((await api(server, 'GET', `/api/sessions/${earlier[1]!.session.id}`, { token: earlier[1]!.session.facilitatorToken })).status).toBe(200);
  });

  it('needs the admin token to create a programme when ADMIN_TOKEN is set', async () => {
    const guarded = await startTestServer({ ADMIN_TOKEN: 'jeton-admin-de-test-suffisamment-long' });
    try {
      expect((await api(guarded, 'POST', '/api/programmes', { body: { title: 'Démarche' } })).status).toBe(401);
      expect((await api(guarded, 'POST', '/api/programmes', { token: 'autre', body: { title: 'Démarche' } })).status).toBe(401);
      expect((await api(guarded, 'POST', '/api/programmes', { token: 'jeton-admin-de-test-suffisamment-long', body: { title: 'Démarche' } })).status).toBe(201);
    } finally {
      await guarded.stop();
    }
  });

  it('a programme token opens only its own programme; an unknown programme route is a 404', async () => {
    expect((await api(server, 'GET', '/api/programmes/nosuchprogramme', { token: programme.facilitatorToken })).status).toBe(403);
    expect((await api(server, 'GET', '/api/programmes/x/y')).status).toBe(404);
  });
});
