import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createCluster,
  createNote,
  effectiveKeyIdeas,
  listNotes,
  markKeyIdea,
  readKeyIdeas,
  setNoteCluster,
  snapshotBoard,
} from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { closedWith, connect, synced, waitFor, withTestSession } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;
const clients: Client[] = [];

function participant(groupIndex = 0, doc?: Y.Doc): Client {
  const group = session.groups[groupIndex]!;
  const client = connect(server, session.id, group.id, group.token, doc);
  clients.push(client);
  return client;
}

withTestSession(clients, (s, created) => {
  server = s;
  session = created;
});

describe('sync between real y-websocket clients', () => {
  it('two clients of a group converge, in both directions', async () => {
    const a = participant();
    const b = participant();
    await Promise.all([synced(a), synced(b)]);
    const noteA = createNote(a.doc, { text: 'Matériel obsolète', x: 10, y: 20, author: 'Aïcha' });
    const cluster = createCluster(b.doc, { label: 'accès au matériel', x: 300, y: 0 });
    await waitFor(() => listNotes(b.doc).length === 1 && snapshotBoard(a.doc).clusters.length === 1, 'both changes on both sides');
    setNoteCluster(b.doc, noteA, cluster);
    await waitFor(() => listNotes(a.doc)[0]?.cluster === cluster, 'membership on A');
    expect(snapshotBoard(a.doc)).toEqual(snapshotBoard(b.doc));
    expect(snapshotBoard(a.doc).meta).toMatchObject({ schema: 2, groupId: 'groupe-1', name: 'Groupe 1' });
  });

  it('a client that joins later gets everything, and other groups see nothing of it', async () => {
    const late = participant();
    await synced(late);
    expect(listNotes(late.doc).map((n) => n.text)).toContain('Matériel obsolète');
    const other = participant(1);
    await synced(other);
    expect(listNotes(other.doc)).toEqual([]);
  });

  it('trims key ideas that an offline client marked past the limit, after it reconnects', async () => {
    const online = participant(2);
    await synced(online);
    for (const text of ['Un accès pas seulement numérique', 'Former les aidants', 'Simplifier les comptes']) {
      createNote(online.doc, { text, x: 0, y: 0, author: 'Jean' });
    }
    const offlineDoc = new Y.Doc();
    const offline = participant(2, offlineDoc);
    await synced(offline);
    await waitFor(() => listNotes(offlineDoc).length === 3, 'the offline client has the notes');
    offline.provider.disconnect();
    const notes = listNotes(online.doc);
    // Online marks two; meanwhile the offline client marks two others: four once merged.
    expect(markKeyIdea(online.doc, { noteId: notes[0]!.id }, 2).ok).toBe(true);
    expect(markKeyIdea(online.doc, { noteId: notes[1]!.id }, 2).ok).toBe(true);
    expect(markKeyIdea(offlineDoc, { noteId: notes[2]!.id }, 2).ok).toBe(true);
    expect(markKeyIdea(offlineDoc, { text: 'Travailler en transversalité' }, 2).ok).toBe(true);
    await waitFor(() => readKeyIdeas(online.doc).length === 2, 'online marks stored');
    offline.provider.connect();
    await synced(offline);
    await waitFor(
      () => readKeyIdeas(online.doc).length === 2 && readKeyIdeas(offlineDoc).length === 2,
      'the server trimmed the overshoot on every replica',
    );
    expect(effectiveKeyIdeas(online.doc, 2)).toEqual(effectiveKeyIdeas(offlineDoc, 2));
    // A late joiner sees the settled list too.
    const late = participant(2);
    await synced(late);
    expect(readKeyIdeas(late.doc)).toEqual(readKeyIdeas(online.doc));
  });

  it('relays awareness and removes a client\'s state when it leaves', async () => {
    const a = participant(3);
    const b = participant(3);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalState({ user: { name: 'Aïcha', color: 'blue' }, cursor: { x: 1, y: 2 } });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.['user']?.name === 'Aïcha', 'awareness relayed');
    a.provider.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'state removed after leaving');
  });

  it('refuses awareness sent for a client id another connection owns', async () => {
    const a = participant(4);
    const b = participant(4);
    const spoofDoc = new Y.Doc();
    const spoof = participant(4, spoofDoc);
    await Promise.all([synced(a), synced(b), synced(spoof)]);
    a.provider.awareness.setLocalState({ user: { name: 'Vraie', color: 'green' } });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.['user']?.name === 'Vraie', 'a visible');
    // The spoofer forges an awareness update carrying A's client id with a higher clock.
    const { encodeAwarenessUpdate, Awareness } = await import('y-protocols/awareness');
    const forged = new Awareness(new Y.Doc());
    (forged as unknown as { clientID: number }).clientID = a.doc.clientID;
    forged.setLocalState({ user: { name: 'Usurpateur', color: 'red' } });
    for (let i = 0; i < 5; i++) forged.setLocalState({ user: { name: 'Usurpateur', color: 'red' } });
    const { writeVarUint, writeVarUint8Array, createEncoder, toUint8Array } = await import('lib0/encoding');
    const encoder = createEncoder();
    writeVarUint(encoder, 1);
    writeVarUint8Array(encoder, encodeAwarenessUpdate(forged, [a.doc.clientID]));
    spoof.provider.ws!.send(toUint8Array(encoder));
    // the spoofer's own state, sent after the forgery, reaches b in the same relay or a later one
    spoof.provider.awareness.setLocalState({ user: { name: 'Sentinelle', color: 'grey' } });
    await waitFor(() => b.provider.awareness.getStates().get(spoofDoc.clientID)?.['user']?.name === 'Sentinelle', 'the spoofer\'s own state');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.['user']?.name).toBe('Vraie');
  });

  it('refuses an unknown room before any sync', async () => {
    const group = session.groups[0]!;
    const client = connect(server, session.id, 'groupe-inconnu', group.token);
    clients.push(client);
    expect(await closedWith(client)).toBe(4404);
    expect(client.provider.synced).toBe(false);
  });
});
