/**
 * Bad input never crashes the server nor touches other rooms: malformed, oversized, gapped
 * and random frames, floods, and documents past their size cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createNote, listNotes } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { encodeUpdate, MessageType } from '../src/protocol.js';
import { connect, createSession, startTestServer, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({
    MAX_MESSAGE_BYTES: String(64 * 1024),
    MAX_DOCUMENT_BYTES: String(256 * 1024),
    MAX_MESSAGES_PER_SECOND: '200',
    MESSAGE_BURST: '400',
  });
  session = await createSession(server);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

interface Raw {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<number>;
}

function raw(room = 'groupe-1', token = session.groups[0]!.token): Raw {
  const ws = new WebSocket(`${server.wsUrl}/${session.id}/${room}?token=${encodeURIComponent(token)}`);
  ws.on('error', () => undefined);
  return {
    ws,
    opened: new Promise((resolve) => ws.once('open', () => resolve())),
    closed: new Promise((resolve) => ws.once('close', (code) => resolve(code))),
  };
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function healthy(): Promise<boolean> {
  return (await fetch(`${server.url}/healthz`)).status === 200;
}

describe('hostile websocket input', () => {
  it('closes a frame over the size limit with 1009', async () => {
    const r = raw();
    await r.opened;
    r.ws.send(new Uint8Array(65 * 1024));
    expect(await r.closed).toBe(1009);
  });

  it('closes a text frame and an unknown message type with 1003', async () => {
    const text = raw();
    await text.opened;
    text.ws.send('hello');
    expect(await text.closed).toBe(1003);
    const unknown = raw();
    await unknown.opened;
    unknown.ws.send(new Uint8Array([42, 0]));
    expect(await unknown.closed).toBe(1003);
  });

  it('closes an update that does not decode with 1007', async () => {
    const r = raw();
    await r.opened;
    r.ws.send(encodeUpdate(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])));
    expect(await r.closed).toBe(1007);
  });

  it('refuses a causally gapped update with 1007 and leaves nothing pending', async () => {
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    createNote(local, { text: 'première', x: 0, y: 0, author: 'x' });
    createNote(local, { text: 'seconde', x: 0, y: 0, author: 'x' });
    const r = raw('groupe-2', session.groups[1]!.token);
    await r.opened;
    r.ws.send(encodeUpdate(updates[1]!)); // without the first
    expect(await r.closed).toBe(1007);
    const room = server.rooms.get(session.id, 'groupe-2');
    if (room) {
      expect(room.doc.store.pendingStructs).toBeNull();
      expect(listNotes(room.doc)).toEqual([]);
    }
  });

  it('closes a connection that floods messages with 1008', async () => {
    const r = raw();
    await r.opened;
    const query = new Uint8Array([MessageType.queryAwareness]);
    for (let i = 0; i < 2000 && r.ws.readyState === WebSocket.OPEN; i++) r.ws.send(query);
    expect(await r.closed).toBe(1008);
  });

  it('closes writers past the document size cap with 4413, keeping what was stored', async () => {
    const group = session.groups[5]!;
    const writer = connect(server, session.id, group.id, group.token);
    clients.push(writer);
    await synced(writer);
    for (let i = 0; i < 40; i++) createNote(writer.doc, { text: 'x'.repeat(10_000), x: i, y: 0, author: 'remplisseur' });
    await waitFor(() => writer.closes.includes(4413), 'the size cap');
    expect(await healthy()).toBe(true);
  });

  it('survives thousands of random frames; /healthz answers and other rooms are untouched', async () => {
    const group = session.groups[3]!;
    const a = connect(server, session.id, group.id, group.token);
    const b = connect(server, session.id, group.id, group.token);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const random = prng(20241118);
    const valid = new Y.Doc();
    const validUpdates: Uint8Array[] = [];
    valid.on('update', (u: Uint8Array) => validUpdates.push(u));
    for (let i = 0; i < 20; i++) createNote(valid, { text: `n${i}`, x: i, y: i, author: 'f' });

    let sent = 0;
    for (let round = 0; round < 150; round++) {
      const r = raw('groupe-1');
      await r.opened;
      for (let i = 0; i < 20 && r.ws.readyState === WebSocket.OPEN; i++) {
        const kind = random();
        let frame: Uint8Array;
        if (kind < 0.3) {
          frame = new Uint8Array(Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
        } else if (kind < 0.6) {
          // a plausible header with a random payload
          const payload = new Uint8Array(Math.floor(random() * 200)).map(() => Math.floor(random() * 256));
          frame = new Uint8Array([0, Math.floor(random() * 4), payload.length & 0x7f, ...payload]);
        } else if (kind < 0.8) {
          // a real update, truncated or bit-flipped
          const update = encodeUpdate(validUpdates[Math.floor(random() * validUpdates.length)]!);
          frame = update.slice(0, Math.max(1, Math.floor(random() * update.length)));
          if (random() < 0.5) frame[Math.floor(random() * frame.length)]! ^= 1 << Math.floor(random() * 8);
        } else {
          const aw = new Uint8Array(Math.floor(random() * 40)).map(() => Math.floor(random() * 256));
          frame = new Uint8Array([1, aw.length, ...aw]);
        }
        r.ws.send(frame);
        sent++;
      }
      r.ws.close();
      if (round % 30 === 0) expect(await healthy()).toBe(true);
    }
    expect(sent).toBeGreaterThan(1000);
    expect(await healthy()).toBe(true);
    // The other room still syncs both ways.
    createNote(a.doc, { text: 'toujours là', x: 0, y: 0, author: 'a' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'toujours là'), 'other room still live');
  });
});
