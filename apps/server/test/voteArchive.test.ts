/**
 * Issue 12, item 6: every vote of a session is kept, not only the last one. The server records
 * a vote in the plenary's `voteArchive` when it closes or when another vote replaces it.
 */
import { describe, expect, it } from 'vitest';
import { readVoteArchive, voteHistory } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { api, connect, synced, waitFor, withTestSession } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;
const clients: Client[] = [];

withTestSession(clients, (s, created) => {
  server = s;
  session = created;
}, () => server);

describe('the votes of a session', () => {
  it('keeps a themes vote when an ideas vote replaces it, and the ideas vote when it closes', async () => {
    const facilitator = session.facilitatorToken;
    const vote = (body: unknown) => api<{ vote: { id: string } }>(server, 'POST', `/api/sessions/${session.id}/vote`, { token: facilitator, body });
    const dot = (participantId: string, itemId: string) =>
      api(server, 'POST', `/api/sessions/${session.id}/vote/ballot`, { token: session.groups[0]!.token, body: { participantId, itemId, action: 'add' } });

    const first = await vote({ action: 'open', votesPerParticipant: 3, target: 'themes', question: 'Quels thèmes prioriser ?' });
    expect(first.status).toBe(200);
    for (const [p, items] of [['p1', ['t1', 't1', 't2']], ['p2', ['t1', 't1', 't2']], ['p3', ['t1', 't2']], ['p4', ['t1']]] as const) {
      for (const item of items) expect((await dot(`participant-${p}`, item)).status).toBe(200);
    }
    // The facilitator opens the next vote without closing the first one.
    const second = await vote({ action: 'open', votesPerParticipant: 2, target: 'ideas' });
    expect(second.status).toBe(200);
    await dot('participant-p1', 'g1:a');

    const watcher = connect(server, session.id, 'plenary', session.projectorToken);
    clients.push(watcher);
    await synced(watcher);
    await waitFor(() => readVoteArchive(watcher.doc).length === 1, 'first vote recorded');
    const [recorded] = readVoteArchive(watcher.doc);
    expect(recorded).toMatchObject({ id: first.body.vote.id, question: 'Quels thèmes prioriser ?', target: 'themes', voters: 4, votesPerParticipant: 3 });
    expect(recorded!.closedAt).not.toBeNull();
    expect(recorded!.options.map((o) => [o.id, o.count])).toEqual([['t1', 6], ['t2', 3]]);

    expect((await vote({ action: 'close' })).status).toBe(200);
    await waitFor(() => readVoteArchive(watcher.doc).length === 2, 'second vote recorded');
    const history = voteHistory(watcher.doc, session.groups);
    expect(history.map((v) => [v.id, v.target, v.voters, v.open])).toEqual([
      [first.body.vote.id, 'themes', 4, false],
      [second.body.vote.id, 'ideas', 1, false],
    ]);
  });
});
