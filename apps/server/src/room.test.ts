/**
 * The room alone: fake peers, time passed as numbers, no sockets and no storage. The
 * registry's part (storing, pacing) is in rooms.test.ts. Test names cite SPEC.md's rules.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@concerto/contract';
import { createNote, effectiveKeyIdeas, getKeyIdeasArray, getNotesMap, initBoard, listNotes, markKeyIdea, moveNote } from '@concerto/board';
import { encodeAwarenessUpdate } from './awareness.js';
import type { AwarenessEntry } from './awareness.js';
import type { ClientMessage } from './protocol.js';
import { TokenBucket } from './rateLimit.js';
import { Connection } from './connection.js';
import { Room } from './room.js';
import { AWARENESS_RELAY_MS, MAX_AWARENESS_STATE_BYTES } from './roomAwareness.js';
import type { RoomOptions } from './room.js';
import { FakePeer } from './testing/fakePeer.js';

const T0 = 1_000;

function makeRoom(options: Partial<RoomOptions> = {}) {
  const counts = { dirty: 0, awareness: 0 };
  const warnings: string[] = [];
  const room = new Room(new Y.Doc(), {
    baseState: null,
    afterIntegrate: () => undefined,
    sessionId: 's',
    name: 'groupe-1',
    keyIdeaLimit: 2,
    limits: { maxDocumentBytes: 1024 * 1024 },
    storedBytes: 0,
    storedRows: 0,
    storedThroughSeq: 0,
    onDirty: () => counts.dirty++,
    onAwareness: () => counts.awareness++,
    log: (_level, message) => warnings.push(message),
    ...options,
  });
  return { room, counts, warnings };
}

function join(room: Room, access: 'read' | 'write' = 'write', bucket = new TokenBucket(1000, 1000, T0)) {
  const peer = new FakePeer();
  const connection = new Connection(peer, access, bucket, 'test');
  room.join(connection, T0);
  peer.clear();
  return { peer, connection };
}

/** an update a client would send: a note written on its own document */
function clientUpdate(text: string, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array; message: ClientMessage } {
  const doc = base ?? new Y.Doc();
  const before = Y.encodeStateVector(doc);
  createNote(doc, { text, x: 0, y: 0, author: 'a' });
  const update = Y.encodeStateAsUpdate(doc, before);
  return { doc, update, message: { type: 'update', update } };
}

function awareness(entries: AwarenessEntry[]): ClientMessage {
  return { type: 'awareness', update: encodeAwarenessUpdate(entries) };
}

function applied(peer: FakePeer): Y.Doc {
  const doc = new Y.Doc();
  for (const u of peer.updates()) Y.applyUpdate(doc, u);
  return doc;
}

describe('Room', () => {
  it('R1 relays an update only on commit, after the batch was taken for storage', () => {
    const { room, counts } = makeRoom();
    const a = join(room);
    const b = join(room);
    room.receive(a.connection, clientUpdate('stockée').message, T0);
    expect(counts.dirty).toBe(1);
    expect(b.peer.updates()).toHaveLength(0);
    const batch = room.takeBatch();
    expect(batch.update).not.toBeNull();
    expect(room.isDurable).toBe(false);
    expect(b.peer.updates()).toHaveLength(0);
    room.commit(batch, T0, 1);
    expect(room.isDurable).toBe(true);
    expect(listNotes(applied(b.peer)).map((n) => n.text)).toEqual(['stockée']);
    expect(room.storedRows).toBe(1);
  });

  it('R2 does not echo a batch to its sole origin, and sends a mixed batch to everyone once', () => {
    const { room } = makeRoom();
    const a = join(room);
    const b = join(room);
    room.receive(a.connection, clientUpdate('de a').message, T0);
    room.commit(room.takeBatch(), T0);
    expect(a.peer.updates()).toHaveLength(0);
    expect(b.peer.updates()).toHaveLength(1);
    room.receive(a.connection, clientUpdate('encore a').message, T0);
    room.receive(b.connection, clientUpdate('de b').message, T0);
    room.commit(room.takeBatch(), T0);
    expect(a.peer.updates()).toHaveLength(1);
    expect(b.peer.updates()).toHaveLength(2);
  });

  it('R3 answers a sync step 1 at once when all is stored, after the commit otherwise', () => {
    const { room } = makeRoom();
    const a = join(room);
    room.receive(a.connection, clientUpdate('première').message, T0);
    room.commit(room.takeBatch(), T0);
    const late = join(room);
    room.receive(late.connection, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) }, T0);
    expect(listNotes(applied(late.peer)).map((n) => n.text)).toEqual(['première']);

    room.receive(a.connection, clientUpdate('pas encore stockée').message, T0);
    const waiting = join(room);
    room.receive(waiting.connection, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) }, T0);
    expect(waiting.peer.received).toHaveLength(0);
    const batch = room.takeBatch();
    expect(waiting.peer.received).toHaveLength(0); // being stored: still not durable
    room.commit(batch, T0);
    expect(listNotes(applied(waiting.peer)).map((n) => n.text).sort()).toEqual(['pas encore stockée', 'première']);
  });

  it('R4 ignores a read-only connection\'s updates without closing it, and follows a change of access', () => {
    const { room } = makeRoom();
    const reader = join(room, 'read');
    room.receive(reader.connection, clientUpdate('refusée').message, T0);
    expect(room.hasPendingUpdates).toBe(false);
    expect(reader.peer.closedWith).toBeNull();
    reader.connection.setAccess('write');
    room.receive(reader.connection, clientUpdate('acceptée').message, T0);
    expect(listNotes(room.doc).map((n) => n.text)).toEqual(['acceptée']);
    reader.connection.setAccess('read');
    room.receive(reader.connection, clientUpdate('verrouillée').message, T0);
    expect(listNotes(room.doc).map((n) => n.text)).toEqual(['acceptée']);
  });

  it('R5 refuses an update with a causal gap and keeps nothing of it', () => {
    const { room } = makeRoom();
    const a = join(room);
    const first = clientUpdate('base');
    const second = clientUpdate('dépend de base', first.doc); // sent without the first
    room.receive(a.connection, second.message, T0);
    expect(a.peer.closedWith?.code).toBe(CloseCode.invalidPayload);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(listNotes(room.doc)).toHaveLength(0);
    const b = join(room);
    room.receive(b.connection, { type: 'update', update: new Uint8Array([1, 2, 3]) }, T0);
    expect(b.peer.closedWith?.code).toBe(CloseCode.invalidPayload);
  });

  it('R5 stores what integrated before a causal gap in a client\'s own edit, so the document never holds unstored changes', () => {
    const { room } = makeRoom();
    const a = join(room);
    const writer = clientUpdate('a0');
    room.receive(a.connection, writer.message, T0);
    room.commit(room.takeBatch(), T0, 1);
    // another client's note the server never got, then one edit of A: a new note (integrates)
    // and a move of that note (depends on what the server lacks)
    const other = new Y.Doc();
    createNote(other, { id: 'de-b', text: 'b', x: 0, y: 0, author: 'b' });
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(other));
    const before = Y.encodeStateVector(writer.doc);
    writer.doc.transact(() => {
      createNote(writer.doc, { id: 'a1', text: 'a1', x: 0, y: 0, author: 'a' });
      moveNote(writer.doc, 'de-b', 5, 5);
    });
    room.receive(a.connection, { type: 'update', update: Y.encodeStateAsUpdate(writer.doc, before) }, T0);
    expect(a.peer.closedWith?.code).toBe(CloseCode.invalidPayload);
    const inDocument = listNotes(room.doc).map((n) => n.text).sort();
    expect(inDocument).toContain('a1');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, writer.update);
    Y.applyUpdate(stored, room.takeBatch().update!);
    expect(listNotes(stored).map((n) => n.text).sort()).toEqual(inDocument);
  });

  it('R5 stores what integrated of a client\'s own edit whose end does not decode, and drops the rest', () => {
    const { room } = makeRoom();
    const a = join(room);
    const { update } = clientUpdate('lisible');
    // structs intact, the delete set cut short (announces 5 clients, ends there)
    const broken = Uint8Array.from([...update.subarray(0, update.length - 1), 5]);
    room.receive(a.connection, { type: 'update', update: broken }, T0);
    expect(a.peer.closedWith?.code).toBe(CloseCode.invalidPayload);
    const inDocument = listNotes(room.doc).map((n) => n.text);
    expect(inDocument).toEqual(['lisible']);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, room.takeBatch().update!);
    expect(listNotes(stored).map((n) => n.text)).toEqual(inDocument);
  });

  it('R1 stores and relays a client\'s own new edit as it was sent, and only what is new of an update that repeats', () => {
    const { room } = makeRoom();
    const a = join(room);
    const b = join(room);
    const first = clientUpdate('nouvelle');
    room.receive(a.connection, first.message, T0);
    const batch = room.takeBatch();
    expect(batch.update).toBe(first.update); // the very bytes received, not a new encoding
    room.commit(batch, T0, 1);
    // the same client sends everything it has (as after a reconnect): only the new note is stored
    clientUpdate('suivante', first.doc); // written on the same document, not sent alone
    const everything = Y.encodeStateAsUpdate(first.doc);
    room.receive(a.connection, { type: 'update', update: everything }, T0);
    const repeat = room.takeBatch();
    expect(repeat.update!.length).toBeLessThan(everything.length);
    room.commit(repeat, T0, 2);
    expect(listNotes(applied(b.peer)).map((n) => n.text).sort()).toEqual(['nouvelle', 'suivante']);
  });

  it('R6 closes with 4413 an update that would pass the size cap, counting what is not stored yet', () => {
    const first = clientUpdate('x'.repeat(150));
    const second = clientUpdate('y'.repeat(150));
    // room for the first update, not for both
    const { room } = makeRoom({ limits: { maxDocumentBytes: 100 + first.update.length + second.update.length - 1 }, storedBytes: 100 });
    const a = join(room);
    room.receive(a.connection, first.message, T0);
    expect(a.peer.closedWith).toBeNull();
    expect(room.storedBytes).toBe(100 + first.update.length);
    room.receive(a.connection, second.message, T0);
    expect(a.peer.closedWith?.code).toBe(CloseCode.documentTooLarge);
    expect(listNotes(room.doc)).toHaveLength(1);
  });

  it('R7 closes a connection past its rate limit with 1008', () => {
    const { room } = makeRoom();
    const a = join(room, 'write', new TokenBucket(1, 3, T0));
    for (let i = 0; i < 3; i++) room.receive(a.connection, { type: 'query-awareness' }, T0);
    expect(a.peer.closedWith).toBeNull();
    room.receive(a.connection, { type: 'query-awareness' }, T0);
    expect(a.peer.closedWith?.code).toBe(CloseCode.tooManyMessages);
  });

  it('R8 drops a whole awareness message that speaks for another connection\'s client id', () => {
    const { room, warnings } = makeRoom();
    const a = join(room);
    const spoof = join(room);
    room.receive(a.connection, awareness([{ clientId: 7, clock: 1, state: '{"user":"vraie"}' }]), T0);
    room.receive(spoof.connection, awareness([{ clientId: 8, clock: 1, state: '{}' }, { clientId: 7, clock: 9, state: '{"user":"fausse"}' }]), T0);
    expect(spoof.peer.closedWith).toBeNull();
    expect(warnings.some((w) => w.includes('does not own'))).toBe(true);
    expect(room.presentAwareness()).toEqual([{ clientId: 7, clock: 1, state: '{"user":"vraie"}', updatedAt: T0 }]);
    // at most four client ids per connection
    const many = join(room);
    room.receive(many.connection, awareness([1, 2, 3, 4].map((id) => ({ clientId: 100 + id, clock: 1, state: '{}' }))), T0);
    room.receive(many.connection, awareness([{ clientId: 200, clock: 1, state: '{}' }]), T0);
    expect(room.presentAwareness().map((e) => e.clientId).sort()).toEqual([101, 102, 103, 104, 7]);
  });

  it('R8 counts the ids a message would add: five new ids in one message are refused', () => {
    const { room } = makeRoom();
    const many = join(room);
    room.receive(many.connection, awareness([1, 2, 3, 4, 5].map((id) => ({ clientId: 300 + id, clock: 1, state: '{}' }))), T0);
    room.receive(many.connection, awareness([1, 2, 3].map((id) => ({ clientId: 300 + id, clock: 1, state: '{}' }))), T0);
    room.receive(many.connection, awareness([4, 5].map((id) => ({ clientId: 300 + id, clock: 1, state: '{}' }))), T0);
    expect(room.presentAwareness().map((e) => e.clientId).sort()).toEqual([301, 302, 303]);
    expect(many.peer.closedWith).toBeNull();
  });

  it('R25 drops an awareness state over the size cap, whole, and keeps the connection', () => {
    const dropped: string[] = [];
    const { room } = makeRoom({ count: (reason) => dropped.push(reason) });
    const a = join(room);
    const big = JSON.stringify({ user: { name: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) } });
    room.receive(a.connection, awareness([{ clientId: 7, clock: 1, state: big }]), T0);
    expect(room.presentAwareness()).toEqual([]);
    expect(dropped).toEqual(['awareness-too-large']);
    room.receive(a.connection, awareness([{ clientId: 7, clock: 2, state: '{"user":"ok"}' }]), T0);
    expect(room.presentAwareness().map((e) => e.state)).toEqual(['{"user":"ok"}']);
    expect(a.peer.closedWith).toBeNull();
  });

  it('R26 relays a client at most every 50 ms, latest state wins, never back to its sender', () => {
    const { room } = makeRoom();
    const a = join(room);
    const b = join(room);
    const state = (clock: number): ClientMessage => awareness([{ clientId: 7, clock, state: `{"x":${clock}}` }]);
    room.receive(a.connection, state(1), T0);
    expect(room.flushAwareness(T0)).not.toBeNull();
    for (let clock = 2; clock <= 6; clock++) room.receive(a.connection, state(clock), T0 + 10 * clock);
    expect(room.awarenessDueAt).toBe(T0 + AWARENESS_RELAY_MS);
    expect(room.flushAwareness(T0 + 49)).toBeNull(); // held back, nor published
    expect(b.peer.awareness()).toEqual([[{ clientId: 7, clock: 1, state: '{"x":1}' }]]);
    expect(room.flushAwareness(T0 + 60)).not.toBeNull();
    expect(b.peer.awareness()).toEqual([[{ clientId: 7, clock: 1, state: '{"x":1}' }], [{ clientId: 7, clock: 6, state: '{"x":6}' }]]);
    expect(room.awarenessDueAt).toBeNull();
    // the sender hears others, never itself; a removal is relayed at once
    room.receive(b.connection, awareness([{ clientId: 8, clock: 1, state: '{}' }]), T0 + 61);
    room.flushAwareness(T0 + 61);
    expect(a.peer.awareness()).toEqual([[{ clientId: 8, clock: 1, state: '{}' }]]);
    room.leave(a.connection, T0 + 62);
    b.peer.clear();
    room.flushAwareness(T0 + 62);
    expect(b.peer.awareness()).toEqual([[{ clientId: 7, clock: 7, state: 'null' }]]);
  });

  it('R27 drops echoes of known states silently and counts them; warns once a minute per connection otherwise', () => {
    const dropped: string[] = [];
    const { room, warnings } = makeRoom({ count: (reason, n = 1) => dropped.push(...Array<string>(n).fill(reason)) });
    const a = join(room);
    const b = join(room);
    room.receive(a.connection, awareness([{ clientId: 7, clock: 3, state: '{"a":1}' }]), T0);
    room.flushAwareness(T0);
    // b echoes a's state back with its own (what y-websocket clients do), then a's removal after a leaves
    room.receive(b.connection, awareness([{ clientId: 7, clock: 3, state: '{"a":1}' }, { clientId: 8, clock: 1, state: '{"b":1}' }]), T0);
    expect(room.presentAwareness().map((e) => e.clientId).sort()).toEqual([7, 8]);
    room.leave(a.connection, T0 + 1);
    room.receive(b.connection, awareness([{ clientId: 7, clock: 4, state: 'null' }]), T0 + 2);
    room.receive(b.connection, awareness([{ clientId: 99, clock: 1, state: 'null' }]), T0 + 2);
    expect(dropped).toEqual(['awareness-echo', 'awareness-echo', 'awareness-echo']);
    expect(warnings).toEqual([]);
    expect(b.connection.clientIds).toEqual(new Set([8]));
    // what a normal client never does: one warning, then counted quietly for a minute
    const c = join(room);
    room.receive(c.connection, awareness([{ clientId: 9, clock: 1, state: '{}' }]), T0);
    for (let i = 0; i < 100; i++) room.receive(c.connection, awareness([{ clientId: 8, clock: 10 + i, state: '{"forged":1}' }]), T0 + i);
    expect(warnings).toHaveLength(1);
    room.receive(c.connection, awareness([{ clientId: 8, clock: 500, state: '{"forged":1}' }]), T0 + 60_000);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('99 more dropped');
    expect(dropped.filter((r) => r === 'awareness-foreign-id')).toHaveLength(101);
    expect(room.presentAwareness().find((e) => e.clientId === 8)?.state).toBe('{"b":1}');
  });

  it('R9 relays awareness coalesced on flushAwareness, without any storage, and greets newcomers with it', () => {
    const { room, counts } = makeRoom();
    const a = join(room);
    const b = join(room);
    room.receive(a.connection, awareness([{ clientId: 7, clock: 1, state: '{"x":1}' }]), T0);
    room.receive(a.connection, awareness([{ clientId: 7, clock: 2, state: '{"x":2}' }]), T0);
    expect(counts.awareness).toBe(2);
    expect(counts.dirty).toBe(0);
    room.flushAwareness(T0);
    expect(b.peer.awareness()).toEqual([[{ clientId: 7, clock: 2, state: '{"x":2}' }]]);
    const peer = new FakePeer();
    room.join(new Connection(peer, 'read', new TokenBucket(10, 10, T0), 'late'), T0);
    expect(peer.awareness()).toEqual([[{ clientId: 7, clock: 2, state: '{"x":2}' }]]);
  });

  it('R10 removes a leaving connection\'s presence and relays it; stale states expire', () => {
    const { room } = makeRoom();
    const a = join(room);
    const b = join(room);
    room.receive(a.connection, awareness([{ clientId: 7, clock: 3, state: '{}' }]), T0);
    room.receive(b.connection, awareness([{ clientId: 8, clock: 1, state: '{}' }]), T0 + 20_000);
    room.flushAwareness(T0);
    b.peer.clear();
    room.leave(a.connection, T0 + 1);
    room.flushAwareness(T0 + 1);
    expect(b.peer.awareness()).toEqual([[{ clientId: 7, clock: 4, state: 'null' }]]);
    room.expireAwareness(T0 + 30_000, T0 + 50_001);
    expect(room.presentAwareness()).toEqual([]);
  });

  it('R11 trims concurrent key ideas past the limit with the server\'s origin', () => {
    const { room } = makeRoom();
    initBoard(room.doc, { groupId: 'groupe-1', name: 'G1' });
    const base = Y.encodeStateAsUpdate(room.doc);
    const a = join(room);
    const b = join(room);
    const mark = (texts: string[]) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, base);
      const before = Y.encodeStateVector(doc);
      for (const text of texts) markKeyIdea(doc, { text }, 2);
      return Y.encodeStateAsUpdate(doc, before);
    };
    room.receive(a.connection, { type: 'update', update: mark(['a1', 'a2']) }, T0);
    room.receive(b.connection, { type: 'update', update: mark(['b1', 'b2']) }, T0);
    expect(getKeyIdeasArray(room.doc).length).toBe(2);
    expect(effectiveKeyIdeas(room.doc, 2)).toHaveLength(2);
    room.commit(room.takeBatch(), T0);
    const seenByA = new Y.Doc();
    Y.applyUpdate(seenByA, base);
    for (const u of a.peer.updates()) Y.applyUpdate(seenByA, u);
    expect(Y.encodeStateVector(seenByA)).toEqual(Y.encodeStateVector(room.doc));
  });

  it('R11b moves a note a client wrote into a read-only zone, for everyone, keeping its text', () => {
    const { room } = makeRoom();
    initBoard(room.doc, { groupId: 'groupe-1', name: 'G1', template: { kind: 'enjeux-objectifs-actions' } });
    const base = Y.encodeStateAsUpdate(room.doc);
    const a = join(room);
    // What a client that skips createNote's check sends: a note whose zone is the carry-over.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const before = Y.encodeStateVector(doc);
    createNote(doc, { id: 'n1', text: 'Dans la zone reprise', x: 900, y: 200, zone: 'enjeux', author: 'Ana' });
    (getNotesMap(doc).get('n1') as Y.Map<unknown>).set('zone', 'precedent');
    room.receive(a.connection, { type: 'update', update: Y.encodeStateAsUpdate(doc, before) }, T0);
    expect(listNotes(room.doc)).toMatchObject([{ id: 'n1', text: 'Dans la zone reprise', zone: 'enjeux' }]);
    room.commit(room.takeBatch(), T0);
    // The writer gets the move too.
    for (const u of a.peer.updates()) Y.applyUpdate(doc, u);
    expect(listNotes(doc)[0]!.zone).toBe('enjeux');
    // A note written where it belongs is left where it is.
    const next = Y.encodeStateVector(doc);
    createNote(doc, { id: 'n2', text: 'Un objectif', x: 1500, y: 300, zone: 'objectifs', author: 'Ana' });
    room.receive(a.connection, { type: 'update', update: Y.encodeStateAsUpdate(doc, next) }, T0);
    expect(listNotes(room.doc).find((n) => n.id === 'n2')).toMatchObject({ x: 1500, y: 300, zone: 'objectifs' });
  });

  it('R12 answers a newcomer of a one-row room from the stored bytes without building the document', () => {
    const stored = new Y.Doc();
    createNote(stored, { text: 'froide', x: 0, y: 0, author: 'a' });
    let integrated = 0;
    const { room } = makeRoom({ baseState: Y.encodeStateAsUpdate(stored), afterIntegrate: () => integrated++, storedRows: 1 });
    const a = join(room, 'read');
    room.receive(a.connection, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) }, T0);
    expect(room.isIntegrated).toBe(false);
    expect(integrated).toBe(0);
    expect(listNotes(applied(a.peer)).map((n) => n.text)).toEqual(['froide']);
    expect(listNotes(room.doc).map((n) => n.text)).toEqual(['froide']);
    expect(integrated).toBe(1);
  });

  it('R13 ignores what a closed connection sends and sends it nothing more', () => {
    const { room } = makeRoom();
    const a = join(room);
    const b = join(room);
    room.leave(b.connection, T0);
    room.receive(b.connection, clientUpdate('après la fermeture').message, T0);
    expect(room.hasPendingUpdates).toBe(false);
    room.receive(a.connection, clientUpdate('de a').message, T0);
    room.commit(room.takeBatch(), T0);
    expect(b.peer.received).toHaveLength(0);
  });

  it('R14 puts a failed batch back: relayed after a later commit, nothing before', () => {
    const { room } = makeRoom();
    const a = join(room);
    const b = join(room);
    room.receive(a.connection, clientUpdate('première').message, T0);
    const failed = room.takeBatch();
    room.restore(failed);
    expect(room.isDurable).toBe(false);
    room.receive(a.connection, clientUpdate('seconde').message, T0);
    expect(b.peer.updates()).toHaveLength(0);
    room.commit(room.takeBatch(), T0);
    expect(listNotes(applied(b.peer)).map((n) => n.text).sort()).toEqual(['première', 'seconde']);
  });

  it('R16 is idle only without connections and holds; holds cannot go negative', () => {
    const { room } = makeRoom();
    room.hold();
    expect(room.isIdle).toBe(false);
    room.unhold();
    expect(room.isIdle).toBe(true);
    expect(() => room.unhold()).toThrow();
    const a = join(room);
    expect(room.isIdle).toBe(false);
    room.leave(a.connection, T0);
    expect(room.isIdle).toBe(true);
  });

  it('R30 counts rows by seq, from anywhere, and takes the stored log\'s size after a compaction', () => {
    const { room } = makeRoom({ storedRows: 10, storedBytes: 1000, storedThroughSeq: 10 });
    const a = join(room);
    room.receive(a.connection, clientUpdate('locale').message, T0);
    room.commit(room.takeBatch(), T0, 11);
    expect(room.applyStored(clientUpdate('ailleurs').update, 12, T0)).toBe(true);
    expect(room.storedRows).toBe(12);
    const before = room.storedBytes;
    room.receive(a.connection, clientUpdate('pas encore stockée').message, T0);
    const unstored = room.storedBytes - before;
    expect(unstored).toBeGreaterThan(0);
    // another instance compacted rows 1..11 into a 300-byte snapshot: the log is that and row 12
    room.followStorage({ lastSeq: 12, rows: 2, bytes: 300 + 40 });
    expect(room.storedRows).toBe(2);
    expect(room.storedBytes).toBe(340 + unstored);
    room.commit(room.takeBatch(), T0, 13);
    expect(room.storedRows).toBe(3);
  });
});
