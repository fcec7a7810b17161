/**
 * Sessions organised by theme (issue 11 §2): creation with axes and rotating groups, one link
 * per group for the whole session, the round state kept in the record and mirrored in the
 * plenary, and the rights that follow the rounds — with real sockets and y-websocket clients.
 */
import { describe, expect, it } from 'vitest';
import { createNote, listNotes, readControl } from '@concerto/board';
import type { CreateSessionResponse, SessionDescription } from '@concerto/contract';
import { api, closedWith, connect, createSession, handled, synced, waitFor, withTestSession } from './harness.js';
import type { Client, TestServer } from './harness.js';

const AXES = [
  'Axe 1 – Équiper et accompagner les publics',
  'Axe 2 – Former les aidants',
  'Axe 3 – Coordonner les acteurs du territoire',
];

let server: TestServer;
const clients: Client[] = [];
// Its default session is not used: each test creates the session by theme it needs.
withTestSession(clients, (s) => {
  server = s;
});

function open(sessionId: string, room: string, token: string, person?: string): Client {
  const client = connect(server, sessionId, room, token, undefined, person === undefined ? {} : { person });
  clients.push(client);
  return client;
}

async function themeSession(): Promise<CreateSessionResponse> {
  return createSession(server, { title: 'Concertation de suivi', rotation: { axes: AXES } });
}

const rotationCall = (session: CreateSessionResponse, body: unknown, token = session.facilitatorToken) =>
  api<{ rotation: { round: number; status: string }; timer: { running: boolean } | null }>(server, 'POST', `/api/sessions/${session.id}/rotation`, { token, body });

describe('creating a session by theme', () => {
  it('makes one board per axis, groups A, B, C with one link each, and round 1 waiting', async () => {
    const session = await themeSession();
    expect(session.groups.map((g) => g.name)).toEqual(AXES);
    expect(session.groups[0]!.id).toBe('axe-1-equiper-et-accompagner-les-publics');
    expect(session.rotationGroups?.map((g) => [g.id, g.name])).toEqual([['groupe-a', 'Groupe A'], ['groupe-b', 'Groupe B'], ['groupe-c', 'Groupe C']]);
    expect(session.links.rotationGroups?.[1]?.url).toMatch(new RegExp(`/s/${session.id}/groupe-b#token=`));
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${session.id}`, { token: session.rotationGroups![1]!.token });
    expect(described.body.you).toEqual({ role: 'participant', groupId: 'groupe-b' });
    expect(described.body.rotation).toEqual({
      groups: [{ id: 'groupe-a', name: 'Groupe A' }, { id: 'groupe-b', name: 'Groupe B' }, { id: 'groupe-c', name: 'Groupe C' }],
      round: 1, rounds: 3, status: 'waiting',
    });
    // the links can be handed out again, rotating groups included
    const links = await api<CreateSessionResponse>(server, 'GET', `/api/sessions/${session.id}/links`, { token: session.facilitatorToken });
    expect(links.body.links.rotationGroups?.map((g) => g.id)).toEqual(['groupe-a', 'groupe-b', 'groupe-c']);
    // a session by group has no rotation
    const byGroup = await createSession(server);
    expect(byGroup.rotationGroups).toBeUndefined();
    expect((await api<SessionDescription>(server, 'GET', `/api/sessions/${byGroup.id}`, { token: byGroup.facilitatorToken })).body.rotation).toBeNull();
  });

  it('names groups as asked, never with an axis\'s id', async () => {
    const session = await createSession(server, { title: 'x', rotation: { axes: ['Nord', 'Sud'], groups: ['Nord', 'Les bleus', 'Les verts'] } });
    expect(session.rotationGroups?.map((g) => g.id)).toEqual(['nord-2', 'les-bleus', 'les-verts']);
  });

  it('refuses an unsound organisation with a clear 400', async () => {
    const cases: [unknown, RegExp][] = [
      [{ title: 'x', groups: ['G'], rotation: { axes: AXES } }, /groups: give either groups .* or rotation\.axes/],
      [{ title: 'x', rotation: { axes: ['Seul'] } }, /rotation\.axes: at least 2 axes/],
      [{ title: 'x', rotation: { axes: ['A', '  '] } }, /rotation\.axes\.1/],
      [{ title: 'x', rotation: { axes: AXES, groups: [] } }, /rotation\.groups/],
      [{ title: 'x', rotation: { axes: AXES, rounds: 2 } }, /rotation/],
      [{ title: 'x', rotation: ['A', 'B'] }, /rotation/],
    ];
    for (const [body, message] of cases) {
      const answer = await api<{ error: { code: string; message: string } }>(server, 'POST', '/api/sessions', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.message).toMatch(message);
    }
  });
});

describe('rounds', () => {
  it('a group writes on its round\'s board; a round change moves its rights, mirrors the round, starts and stops the timer', async () => {
    const session = await themeSession();
    const [axis1, axis2, axis3] = session.groups as [typeof session.groups[0], typeof session.groups[0], typeof session.groups[0]];
    const b = session.rotationGroups![1]!;
    const plenary = open(session.id, 'plenary', b.token);
    const onAxis2 = open(session.id, axis2.id, b.token);
    const watcher = open(session.id, axis2.id, session.facilitatorToken);
    await Promise.all([synced(plenary), synced(onAxis2), synced(watcher)]);
    // round 1: group B (second) is on axis 2, not on axis 3
    expect(await closedWith(open(session.id, axis3.id, b.token))).toBe(4403);
    expect(await closedWith(open(session.id, axis1.id, b.token))).toBe(4403);

    const started = await rotationCall(session, { action: 'start', seconds: 600 });
    expect(started.status).toBe(200);
    expect(started.body.rotation).toEqual({ round: 1, rounds: 3, status: 'running' });
    expect(started.body.timer?.running).toBe(true);
    await waitFor(() => readControl(plenary.doc).rotation?.status === 'running', 'round 1 mirrored');

    createNote(onAxis2.doc, { text: 'Tiers-lieux', x: 0, y: 0, author: 'Inès', round: 1, group: b.id });
    await waitFor(() => listNotes(watcher.doc).length === 1, 'round 1 note');

    expect((await rotationCall(session, { action: 'end' })).body).toMatchObject({ rotation: { status: 'ended' }, timer: { running: false } });
    expect((await rotationCall(session, { action: 'end' })).status).toBe(409);
    const second = await rotationCall(session, { action: 'start', seconds: 300 });
    expect(second.body.rotation).toEqual({ round: 2, rounds: 3, status: 'running' });
    await waitFor(() => readControl(plenary.doc).rotation?.round === 2, 'round 2 mirrored');

    // round 2: axis 3 opens to B; axis 2 stays writable, so an edit sent at the change lands
    const onAxis3 = open(session.id, axis3.id, b.token);
    await synced(onAxis3);
    createNote(onAxis3.doc, { text: 'Former les bénévoles', x: 0, y: 0, author: 'Inès', round: 2, group: b.id });
    createNote(onAxis2.doc, { text: 'tapée pendant le changement', x: 0, y: 0, author: 'Inès', round: 1, group: b.id });
    await Promise.all([handled(server, onAxis3, session.id, axis3.id), handled(server, onAxis2, session.id, axis2.id)]);
    expect(listNotes(server.rooms.get(session.id, axis3.id)!.doc).map((n) => [n.text, n.round, n.group])).toEqual([['Former les bénévoles', 2, 'groupe-b']]);
    await waitFor(() => listNotes(watcher.doc).length === 2, 'the late edit on axis 2');
    expect(server.sockets.accessOf(session.id).filter((c) => c.room === axis2.id).every((c) => c.access === 'write')).toBe(true);

    // sharing in plenary: the board of the round, not an earlier one
    const push = (room: string) => api(server, 'POST', `/api/sessions/${session.id}/groups/${room}/push`, { token: b.token });
    expect((await push(axis3.id)).status).toBe(200);
    expect((await push(axis2.id)).status).toBe(403);

    // the record keeps the round: a fresh description says so
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${session.id}`, { token: b.token });
    expect(described.body.rotation).toMatchObject({ round: 2, status: 'running' });
  });

  it('refuses what cannot be: going back, past the last round, non-facilitators, sessions by group, closed sessions', async () => {
    const session = await themeSession();
    expect((await rotationCall(session, { action: 'start', round: 3 })).status).toBe(200);
    expect((await rotationCall(session, { action: 'start', round: 2 })).status).toBe(409);
    expect((await rotationCall(session, { action: 'start' })).body).toMatchObject({ error: { message: 'Every round is done: the session has 3.' } });
    expect((await rotationCall(session, { action: 'start', round: 3 })).status).toBe(200); // restarting the current round
    expect((await rotationCall(session, { action: 'start', round: 0 })).status).toBe(400);
    expect((await rotationCall(session, { action: 'jump' })).status).toBe(400);
    expect((await rotationCall(session, { action: 'end' }, session.rotationGroups![0]!.token)).status).toBe(403);
    expect((await rotationCall(session, { action: 'end' }, session.groups[0]!.token)).status).toBe(403);
    const byGroup = await createSession(server);
    expect((await rotationCall(byGroup, { action: 'start' })).status).toBe(409);
    expect((await api(server, 'POST', `/api/sessions/${session.id}/close`, { token: session.facilitatorToken })).status).toBe(200);
    expect((await rotationCall(session, { action: 'end' })).status).toBe(409);
  });

  it('an archive of a session by theme comes back by theme, round and rotating groups included', async () => {
    const session = await themeSession();
    await rotationCall(session, { action: 'start', round: 2 });
    const archive = await api<unknown>(server, 'GET', `/api/sessions/${session.id}/export.json`, { token: session.facilitatorToken });
    expect(archive.status).toBe(200);
    const restored = await api<CreateSessionResponse>(server, 'POST', '/api/sessions/import', { body: archive.body });
    expect(restored.status).toBe(201);
    expect(restored.body.rotationGroups?.map((g) => g.name)).toEqual(['Groupe A', 'Groupe B', 'Groupe C']);
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${restored.body.id}`, { token: restored.body.rotationGroups![0]!.token });
    expect(described.body.rotation).toMatchObject({ round: 2, rounds: 3, status: 'running' });
  });

  it('a board host keeps its board across rounds', async () => {
    const session = await themeSession();
    const host = session.groups[0]!;
    await rotationCall(session, { action: 'start', round: 2 });
    const onBoard = open(session.id, host.id, host.token);
    await synced(onBoard);
    createNote(onBoard.doc, { text: 'hôte', x: 0, y: 0, author: 'Hôte', round: 2 });
    await handled(server, onBoard, session.id, host.id);
    expect(listNotes(server.rooms.get(session.id, host.id)!.doc).map((n) => n.text)).toEqual(['hôte']);
  });
});

describe('the action-sheet phase: each person chooses their axis (issue 11 §4)', () => {
  const choose = (session: CreateSessionResponse, body: unknown, token = session.rotationGroups![0]!.token) =>
    api<{ axis: string; counts: Record<string, number>; error: { message: string } }>(server, 'POST', `/api/sessions/${session.id}/axis`, { token, body });

  it('rights follow the axis each person chose, a change of mind included; the plenary counts them', async () => {
    const session = await themeSession();
    const [axis1, axis2, axis3] = session.groups as [typeof session.groups[0], typeof session.groups[0], typeof session.groups[0]];
    const [a, b] = session.rotationGroups! as [NonNullable<typeof session.rotationGroups>[0], NonNullable<typeof session.rotationGroups>[0]];
    const ines = 'ines-0123456789';
    const paul = 'paul-0123456789';
    expect((await choose(session, { person: ines, axis: axis3.id })).body.error.message).toMatch(/has not begun/);
    await rotationCall(session, { action: 'start', seconds: 60 });
    expect((await rotationCall(session, { action: 'choose-axes' })).body).toMatchObject({ error: { message: 'A round is under way: end it before the action-sheet phase.' } });
    await rotationCall(session, { action: 'end' });
    const opened = await rotationCall(session, { action: 'choose-axes' });
    expect(opened.status).toBe(200);
    expect(opened.body.rotation).toMatchObject({ choosing: { counts: { [axis1.id]: 0, [axis2.id]: 0, [axis3.id]: 0 } } });
    expect((await rotationCall(session, { action: 'start' })).status).toBe(409); // the rounds are over

    const plenary = open(session.id, 'plenary', session.facilitatorToken);
    await synced(plenary);
    // Inès (group A's link) chooses axis 3, Paul (group B's link) axis 3 too
    expect((await choose(session, { person: ines, axis: axis3.id })).body.counts).toEqual({ [axis1.id]: 0, [axis2.id]: 0, [axis3.id]: 1 });
    expect((await choose(session, { person: paul, axis: axis3.id }, b.token)).body.counts[axis3.id]).toBe(2);
    await waitFor(() => readControl(plenary.doc).rotation?.choosing?.counts[axis3.id] === 2, 'counts mirrored');

    const inesOn3 = open(session.id, axis3.id, a.token, ines);
    await synced(inesOn3);
    createNote(inesOn3.doc, { text: 'Fiche : un guichet unique', x: 0, y: 0, author: 'Inès' });
    await handled(server, inesOn3, session.id, axis3.id);
    expect(listNotes(server.rooms.get(session.id, axis3.id)!.doc).map((n) => n.text)).toEqual(['Fiche : un guichet unique']);
    // elsewhere: refused, even group A's board of round 1; without a person id, nowhere
    expect(await closedWith(open(session.id, axis1.id, a.token, ines))).toBe(4403);
    expect(await closedWith(open(session.id, axis2.id, a.token, ines))).toBe(4403);
    expect(await closedWith(open(session.id, axis3.id, a.token))).toBe(4403);
    expect(await closedWith(open(session.id, axis3.id, a.token, 'x'))).toBe(4403); // not a person id

    // Inès changes her mind: axis 1 opens to her, axis 3 closes at once on her live connection
    expect((await choose(session, { person: ines, axis: axis1.id })).body.counts).toEqual({ [axis1.id]: 1, [axis2.id]: 0, [axis3.id]: 1 });
    await waitFor(() => inesOn3.closes.includes(4403), 'her axis 3 connection closed');
    const inesOn1 = open(session.id, axis1.id, a.token, ines);
    await synced(inesOn1);
    createNote(inesOn1.doc, { text: 'Former les élus', x: 0, y: 0, author: 'Inès' });
    await handled(server, inesOn1, session.id, axis1.id);
    expect(listNotes(server.rooms.get(session.id, axis1.id)!.doc).map((n) => n.text)).toEqual(['Former les élus']);

    // locks bind as always: Paul's axis 3, locked, is read-only for him
    expect((await api(server, 'POST', `/api/sessions/${session.id}/lock`, { token: session.facilitatorToken, body: { groups: [axis3.id], locked: true } })).status).toBe(200);
    const paulOn3 = open(session.id, axis3.id, b.token, paul);
    await synced(paulOn3);
    expect(server.sockets.accessOf(session.id).filter((c) => c.room === axis3.id)).toEqual([{ room: axis3.id, access: 'read' }]);

    // the description says the phase is open, with the counts
    const described = await api<SessionDescription>(server, 'GET', `/api/sessions/${session.id}`, { token: a.token });
    expect(described.body.rotation?.choosing).toEqual({ counts: { [axis1.id]: 1, [axis2.id]: 0, [axis3.id]: 1 } });

    // opened too early: back to the rounds, the choices dropped, the next round can start
    const resumed = await rotationCall(session, { action: 'resume-rounds' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.rotation).not.toHaveProperty('choosing');
    await waitFor(() => readControl(plenary.doc).rotation?.choosing === undefined, 'the mirror back to the rounds');
    expect((await choose(session, { person: ines, axis: axis3.id })).body.error.message).toMatch(/has not begun/);
    expect((await rotationCall(session, { action: 'resume-rounds' })).status).toBe(409);
    expect((await rotationCall(session, { action: 'start' })).body.rotation).toMatchObject({ round: 2, status: 'running' });
  });

  it('refuses a wrong choice with a clear 400, 403 or 409', async () => {
    const session = await themeSession();
    await rotationCall(session, { action: 'choose-axes' });
    const person = 'personne-123456';
    const cases: [unknown, string | undefined, number, RegExp][] = [
      [{ person, axis: 'axe-inconnu' }, undefined, 400, /axis: no axis "axe-inconnu"/],
      [{ person: 'court', axis: session.groups[0]!.id }, undefined, 400, /person: 8 to 64 letters/],
      [{ axis: session.groups[0]!.id }, undefined, 400, /person/],
      [{ person, axis: session.groups[0]!.id, extra: 1 }, undefined, 400, /extra|unrecognized/i],
      [{ person, axis: session.groups[0]!.id }, session.groups[0]!.token, 403, /Only the link of a rotating group chooses an axis/],
      [{ person, axis: session.groups[0]!.id }, session.facilitatorToken, 403, /Only the link of a rotating group/],
    ];
    for (const [body, token, status, message] of cases) {
      const answer = await choose(session, body, token);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.message).toMatch(message);
    }
    expect((await choose(session, { person, axis: session.groups[0]!.id }, 'not-a-token')).status).toBe(401);
    expect((await api(server, 'POST', `/api/sessions/${session.id}/close`, { token: session.facilitatorToken })).status).toBe(200);
    expect((await choose(session, { person, axis: session.groups[0]!.id })).status).toBe(409);
    const byGroup = await createSession(server);
    expect((await rotationCall(byGroup, { action: 'choose-axes' })).status).toBe(409);
  });
});
