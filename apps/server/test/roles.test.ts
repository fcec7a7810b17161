import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { loadSecret } from '../src/secret.js';
import { issueToken } from '../src/tokens.js';
import { closedWith, connect, createSession, handled, synced, waitFor, withTestSession } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;
const clients: Client[] = [];

withTestSession(clients, (s, created) => {
  server = s;
  session = created;
});

type Expect = 'write' | 'read' | 4403;
const ROOMS = ['groupe-1', 'groupe-2', 'plenary'] as const;
const MATRIX: Record<'facilitator' | 'participant of groupe-1' | 'projector', Record<(typeof ROOMS)[number], Expect>> = {
  facilitator: { 'groupe-1': 'write', 'groupe-2': 'write', plenary: 'write' },
  'participant of groupe-1': { 'groupe-1': 'write', 'groupe-2': 4403, plenary: 'read' },
  projector: { 'groupe-1': 'read', 'groupe-2': 'read', plenary: 'read' },
};

function tokenOf(role: keyof typeof MATRIX): string {
  if (role === 'facilitator') return session.facilitatorToken;
  if (role === 'projector') return session.projectorToken;
  return session.groups.find((g) => g.id === 'groupe-1')!.token;
}

function open(room: string, token: string, doc?: Y.Doc): Client {
  const client = connect(server, session.id, room, token, doc);
  clients.push(client);
  return client;
}

describe('the roles matrix (docs/contract.md "Sessions, rooms and roles")', () => {
  for (const role of Object.keys(MATRIX) as (keyof typeof MATRIX)[]) {
    for (const room of ROOMS) {
      const expected = MATRIX[role][room];
      it(`${role} × ${room}: ${expected === 4403 ? 'refused with 4403' : expected}`, async () => {
        const watcher = open(room, session.facilitatorToken);
        await synced(watcher);
        const marker = `${role} in ${room}`;
        createNote(watcher.doc, { text: `seen by ${marker}`, x: 0, y: 0, author: 'animation' });

        // Content the client had before connecting travels in its sync step 2.
        const doc = new Y.Doc();
        createNote(doc, { text: `offline ${marker}`, x: 0, y: 0, author: role });
        const client = open(room, tokenOf(role), doc);
        if (expected === 4403) {
          expect(await closedWith(client)).toBe(4403);
          expect(listNotes(doc).some((n) => n.text === `seen by ${marker}`)).toBe(false);
          return;
        }
        await synced(client);
        // read: it receives the room's content
        await waitFor(() => listNotes(doc).some((n) => n.text === `seen by ${marker}`), 'content received');
        // write: a live update
        createNote(doc, { text: `live ${marker}`, x: 0, y: 0, author: role });
        const texts = () => listNotes(watcher.doc).map((n) => n.text);
        if (expected === 'write') {
          await waitFor(() => texts().includes(`live ${marker}`) && texts().includes(`offline ${marker}`), 'writes relayed');
        } else {
          await handled(server, client, session.id, room);
          expect(texts()).not.toContain(`live ${marker}`);
          expect(texts()).not.toContain(`offline ${marker}`);
          const serverDoc = server.rooms.get(session.id, room)!.doc;
          expect(listNotes(serverDoc).map((n) => n.text)).not.toContain(`live ${marker}`);
          expect(client.closes).toEqual([]);
        }
      });
    }
  }

  it('refuses a missing or forged token with 4401 and a token of another session with 4403', async () => {
    expect(await closedWith(open('groupe-1', ''))).toBe(4401);
    const forged = tokenOf('facilitator').slice(0, -4) + 'AAAA';
    expect(await closedWith(open('groupe-1', forged))).toBe(4401);
    const other = await createSession(server, { title: 'Autre séance' });
    expect(await closedWith(open('groupe-1', other.facilitatorToken))).toBe(4403);
  });

  it('refuses a valid token of a session that does not exist with 4404', async () => {
    const secret = loadSecret(null, server.dataDir);
    const token = issueToken(secret, { sessionId: 'inconnue', role: 'facilitator', groupId: null, expiresAt: Math.floor(Date.now() / 1000) + 60 });
    const client = connect(server, 'inconnue', 'groupe-1', token);
    clients.push(client);
    expect(await closedWith(client)).toBe(4404);
  });

  it('refuses an expired token with 4401', async () => {
    const secret = loadSecret(null, server.dataDir);
    const token = issueToken(secret, { sessionId: session.id, role: 'facilitator', groupId: null, expiresAt: Math.floor(Date.now() / 1000) - 1 });
    expect(await closedWith(open('groupe-1', token))).toBe(4401);
  });
});
