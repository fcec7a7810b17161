import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createNote, effectiveKeyIdeas, listNotes, markKeyIdea, readControl, tallyVotes } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { encodeUpdate } from '../src/protocol.js';
import { api, connect, handled, handledRaw, startTestServer, synced, waitFor, withTestSession } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;
const clients: Client[] = [];

withTestSession(clients, (s, created) => {
  server = s;
  session = created;
}, () => server);

function open(room: string, token: string): Client {
  const client = connect(server, session.id, room, token);
  clients.push(client);
  return client;
}

describe('running a session', () => {
  it('starts, extends and stops a timer every canvas sees live through the plenary', async () => {
    const participantView = open('plenary', session.groups[0]!.token);
    await synced(participantView);
    const started = await api<{ timer: { endsAt: number } }>(server, 'POST', `/api/sessions/${session.id}/timer`, { token: session.facilitatorToken, body: { action: 'start', seconds: 300 } });
    expect(started.status).toBe(200);
    await waitFor(() => readControl(participantView.doc).timer?.running === true, 'timer visible');
    await api(server, 'POST', `/api/sessions/${session.id}/timer`, { token: session.facilitatorToken, body: { action: 'add', seconds: 60 } });
    await waitFor(() => readControl(participantView.doc).timer?.durationMs === 360_000, 'time added');
    await api(server, 'POST', `/api/sessions/${session.id}/timer`, { token: session.facilitatorToken, body: { action: 'stop' } });
    await waitFor(() => readControl(participantView.doc).timer?.running === false, 'timer stopped');
    const refused = await api(server, 'POST', `/api/sessions/${session.id}/timer`, { token: session.groups[0]!.token, body: { action: 'stop' } });
    expect(refused.status).toBe(403);
  });

  it('sets the phase and the projectors\' focus', async () => {
    const projector = open('plenary', session.projectorToken);
    await synced(projector);
    expect((await api(server, 'POST', `/api/sessions/${session.id}/phase`, { token: session.facilitatorToken, body: { phase: 'reflection' } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/sessions/${session.id}/focus`, { token: session.facilitatorToken, body: { kind: 'group', id: 'groupe-2' } })).status).toBe(200);
    await waitFor(() => readControl(projector.doc).phase === 'reflection' && readControl(projector.doc).focus.kind === 'group', 'phase and focus');
    expect((await api(server, 'POST', `/api/sessions/${session.id}/phase`, { token: session.facilitatorToken, body: { phase: 'dancing' } })).status).toBe(400);
  });

  it('locks a group: live writers become read-only, raw writes are dropped, the lock survives a restart', async () => {
    const group = session.groups[1]!;
    const writer = open(group.id, group.token);
    const watcher = open(group.id, session.facilitatorToken);
    await Promise.all([synced(writer), synced(watcher)]);
    createNote(writer.doc, { text: 'avant le verrou', x: 0, y: 0, author: 'p' });
    await waitFor(() => listNotes(watcher.doc).length === 1, 'first note');
    const locked = await api<{ lockedRooms: string[] }>(server, 'POST', `/api/sessions/${session.id}/lock`, { token: session.facilitatorToken, body: { groups: [group.id], locked: true } });
    expect(locked.body.lockedRooms).toEqual([group.id]);
    createNote(writer.doc, { text: 'après le verrou', x: 0, y: 0, author: 'p' });
    // a raw update frame on a fresh socket with the participant's token
    const rogue = new Y.Doc();
    createNote(rogue, { text: 'écriture brute', x: 0, y: 0, author: 'r' });
    const ws = new WebSocket(`${server.wsUrl}/${session.id}/${group.id}?token=${group.token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(rogue)));
    await handledRaw(server, ws, session.id, group.id, rogue.clientID);
    await handled(server, writer, session.id, group.id);
    ws.close();
    expect(listNotes(server.rooms.get(session.id, group.id)!.doc).map((n) => n.text)).toEqual(['avant le verrou']);
    expect(listNotes(watcher.doc).map((n) => n.text)).toEqual(['avant le verrou']);
    // the facilitator still writes
    createNote(watcher.doc, { text: 'note de l’animation', x: 0, y: 0, author: 'animation' });
    await waitFor(() => listNotes(writer.doc).some((n) => n.text === 'note de l’animation'), 'facilitator writes while locked');

    // restart on the same data directory: still locked
    const dataDir = server.dataDir;
    await server.close();
    server = Object.assign(await startTestServer({}, dataDir), { stop: async () => { await server.close(); } }) as TestServer;
    const described = await api<{ lockedRooms: string[] }>(server, 'GET', `/api/sessions/${session.id}`, { token: group.token });
    expect(described.body.lockedRooms).toEqual([group.id]);
    const again = open(group.id, group.token);
    await synced(again);
    createNote(again.doc, { text: 'après redémarrage', x: 0, y: 0, author: 'p' });
    await handled(server, again, session.id, group.id);
    expect(listNotes(server.rooms.get(session.id, group.id)!.doc).map((n) => n.text)).not.toContain('après redémarrage');
    await api(server, 'POST', `/api/sessions/${session.id}/lock`, { token: session.facilitatorToken, body: { groups: 'all', locked: false } });
  });

  it('shares every group\'s key ideas at once, never an idea without text, and names the groups with nothing to share', async () => {
    const g = session.groups[2]!;
    const writer = open(g.id, g.token);
    const blank = open(session.groups[3]!.id, session.groups[3]!.token);
    await Promise.all([synced(writer), synced(blank)]);
    const id = createNote(writer.doc, { text: 'Former les aidants numériques', x: 0, y: 0, author: 'p' });
    markKeyIdea(writer.doc, { noteId: id }, 2);
    // « Écrire une idée clé » then nothing written: an empty slot, in this group and alone in another.
    markKeyIdea(writer.doc, { text: '   ' }, 2);
    markKeyIdea(blank.doc, { text: '' }, 2);
    await waitFor(
      () => effectiveKeyIdeas(server.rooms.get(session.id, g.id)!.doc, 2).length === 2 && effectiveKeyIdeas(server.rooms.get(session.id, session.groups[3]!.id)!.doc, 2).length === 1,
      'the key ideas on the server',
    );
    const r = await api<{ pushes: { groupId: string; keyIdeas: { text: string }[] }[]; skipped: string[] }>(server, 'POST', `/api/sessions/${session.id}/push`, { token: session.facilitatorToken, body: {} });
    expect(r.status).toBe(200);
    const pushed = r.body.pushes.map((p) => p.groupId);
    expect(pushed).toContain(g.id);
    expect(r.body.pushes.find((p) => p.groupId === g.id)!.keyIdeas).toEqual([{ text: 'Former les aidants numériques' }]);
    expect(r.body.skipped).toContain(session.groups[3]!.id);
    expect([...pushed, ...r.body.skipped].sort()).toEqual(session.groups.map((x) => x.id).sort());
    expect(r.body.pushes.every((p) => p.keyIdeas.length > 0)).toBe(true);
    const plenary = await api<{ groups: { id: string; pushedAt: number | null; keyIdeas: { text: string }[] }[] }>(server, 'GET', `/api/sessions/${session.id}/plenary`, { token: session.projectorToken });
    expect(plenary.body.groups.find((x) => x.id === g.id)!.keyIdeas.map((k) => k.text)).toEqual(['Former les aidants numériques']);
    expect(plenary.body.groups.find((x) => x.id === session.groups[3]!.id)!.pushedAt).toBeNull();
  });

  it('runs a dot vote whose per-participant limit holds when votes arrive at once', async () => {
    const opened = await api<{ vote: { id: string } }>(server, 'POST', `/api/sessions/${session.id}/vote`, { token: session.facilitatorToken, body: { action: 'open', votesPerParticipant: 2, target: 'ideas' } });
    expect(opened.status).toBe(200);
    const voteId = opened.body.vote.id;
    const token = session.groups[0]!.token;
    const ballot = (participantId: string, itemId: string) =>
      api(server, 'POST', `/api/sessions/${session.id}/vote/ballot`, { token, body: { participantId, itemId, action: 'add' } });
    // two participants each fire four votes at once: two of each are refused
    const results = await Promise.all([
      ...['a', 'b', 'c', 'd'].map((i) => ballot('participant-one', `idea-${i}`)),
      ...['a', 'a', 'b', 'c'].map((i) => ballot('participant-two', `idea-${i}`)),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    await ballot('participant-three', 'idea-a');
    const plenary = server.rooms.get(session.id, 'plenary');
    const doc = plenary?.doc ?? (await (async () => { const c = open('plenary', session.projectorToken); await synced(c); return c.doc; })());
    const { counts, voters } = tallyVotes(doc, voteId, 2);
    expect(voters).toBe(3);
    expect([...counts.values()].reduce((s, n) => s + n, 0)).toBe(5);
    const projectorToken = session.projectorToken;
    expect((await api(server, 'POST', `/api/sessions/${session.id}/vote/ballot`, { token: projectorToken, body: { participantId: 'projector-x', itemId: 'idea-a', action: 'add' } })).status).toBe(403);
    expect((await api(server, 'POST', `/api/sessions/${session.id}/vote`, { token: session.facilitatorToken, body: { action: 'close' } })).status).toBe(200);
    expect((await ballot('participant-four', 'idea-a')).status).toBe(409);
  });
});
