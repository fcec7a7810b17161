/**
 * Two instances in one process: two RoomRegistry (or two whole servers) on one store, linked
 * by LocalFanOut on one InProcessBus. Fake peers and a fake clock for the registries; real
 * y-websocket clients for the servers. Names cite SPEC.md's rules (R18–R24).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '@concerto/board';
import { loadConfig } from './config.js';
import { InProcessBus, LocalFanOut } from './fanout/index.js';
import type { FanOut, RoomEvent } from './fanout/index.js';
import { TokenBucket } from './rateLimit.js';
import { Connection } from './connection.js';
import { RoomRegistry } from './rooms.js';
import { startServer } from './server.js';
import type { ConcertoServer } from './server.js';
import { openSqliteStorage } from './storage/index.js';
import type { Storage } from './storage/index.js';
import { FakeClock } from './testing/fakeClock.js';
import { FakePeer } from './testing/fakePeer.js';
import { joinedWriter, noteUpdate } from './testing/roomKit.js';
import { api, connect, createSession, handled, synced, waitFor } from '../test/harness.js';
import type { Client, TestServer } from '../test/harness.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** a fan-out whose next room updates can be lost on purpose, as Redis may lose them */
class LossyFanOut implements FanOut {
  dropNextUpdates = 0;
  constructor(private readonly inner: FanOut) {}
  get instanceId(): string {
    return this.inner.instanceId;
  }
  publishRoom(sessionId: string, room: string, event: RoomEvent): void {
    if (event.type === 'update' && this.dropNextUpdates > 0) {
      this.dropNextUpdates -= 1;
      return;
    }
    this.inner.publishRoom(sessionId, room, event);
  }
  subscribeRoom: FanOut['subscribeRoom'] = (...args) => this.inner.subscribeRoom(...args);
  unsubscribeRoom: FanOut['unsubscribeRoom'] = (...args) => this.inner.unsubscribeRoom(...args);
  publishSession: FanOut['publishSession'] = (...args) => this.inner.publishSession(...args);
  onSessionEvent: FanOut['onSessionEvent'] = (...args) => this.inner.onSessionEvent(...args);
  onInstancesChanged: FanOut['onInstancesChanged'] = (...args) => this.inner.onInstancesChanged(...args);
  onResync: FanOut['onResync'] = (...args) => this.inner.onResync(...args);
  health: FanOut['health'] = () => this.inner.health();
  close: FanOut['close'] = () => this.inner.close();
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function cluster() {
  const clock = new FakeClock();
  const bus = new InProcessBus();
  const storage = openSqliteStorage(':memory:');
  // flushes every turn: these tests step the fake clock by turns
  const limits = { ...loadConfig({}).limits, flushIntervalMs: 0 };
  const fanA = new LossyFanOut(new LocalFanOut({ bus, instanceId: 'A' }));
  const fanB = new LocalFanOut({ bus, instanceId: 'B' });
  const a = new RoomRegistry(storage, limits, quiet, { clock, fanOut: fanA });
  const b = new RoomRegistry(storage, limits, quiet, { clock, fanOut: fanB });
  cleanup.push(async () => {
    await Promise.all([a.close(), b.close(), fanA.close(), fanB.close()]);
    await storage.close();
  });
  const until = async (condition: () => boolean, what: string) => {
    for (let i = 0; i < 300 && !condition(); i++) await clock.turn();
    if (!condition()) throw new Error(`never: ${what}`);
  };
  const drained = async (registry: RoomRegistry) => {
    let done = false;
    void registry.drain().then(() => (done = true));
    await until(() => done, 'drained');
  };
  /** a writer on each instance, both joins stored */
  const writers = async () => {
    const onA = await joinedWriter(a);
    const onB = await joinedWriter(b);
    await drained(a);
    await drained(b);
    return { onA, onB };
  };
  return { clock, bus, storage, limits, a, b, fanA, fanB, until, drained, writers };
}

function texts(doc: Y.Doc): string[] {
  return listNotes(doc).map((n) => n.text).sort();
}

function seen(peer: FakePeer): string[] {
  const doc = new Y.Doc();
  for (const u of peer.updates()) Y.applyUpdate(doc, u);
  return texts(doc);
}

async function rows(storage: Storage): Promise<number> {
  return (await storage.loadRoom('s1', 'groupe-1')).rows;
}

describe('two instances', () => {
  it('R18 R19 publish a batch after its commit; the other applies and relays it without storing it again', async () => {
    const { b, storage, until, drained, writers } = cluster();
    const { onA, onB } = await writers();
    const before = await rows(storage);
    onA.room.receive(onA.connection, { type: 'update', update: noteUpdate('de A') }, 0);
    await until(() => seen(onB.peer).includes('de A'), 'relayed on B');
    expect(texts(onB.room.doc)).toEqual(['de A']);
    await drained(b);
    expect(await rows(storage)).toBe(before + 1);
    expect(onB.room.hasPendingUpdates).toBe(false);
  });

  it('R20 a lost publish shows as a seq gap at the next batch and is read from storage', async () => {
    const { a, fanA, clock, until, drained, writers } = cluster();
    const { onA, onB } = await writers();
    fanA.dropNextUpdates = 1;
    onA.room.receive(onA.connection, { type: 'update', update: noteUpdate('perdue') }, 0);
    await drained(a);
    onA.room.receive(onA.connection, { type: 'update', update: noteUpdate('suivante') }, 0);
    await until(() => seen(onB.peer).includes('suivante'), 'the next batch');
    expect(onB.room.hasSeqGap).toBe(true);
    await clock.advance(150);
    await until(() => seen(onB.peer).includes('perdue'), 'the lost batch, from storage');
    expect(texts(onB.room.doc)).toEqual(['perdue', 'suivante']);
    expect(onB.room.hasSeqGap).toBe(false);
    expect(onB.room.watermark).toBe(onA.room.watermark);
  });

  it('R20 a local commit overtaking a remote batch is no gap once the remote one arrives', async () => {
    const { until, writers } = cluster();
    const { onA, onB } = await writers();
    onA.room.receive(onA.connection, { type: 'update', update: noteUpdate('de A') }, 0);
    onB.room.receive(onB.connection, { type: 'update', update: noteUpdate('de B') }, 0);
    await until(() => texts(onA.room.doc).length === 2 && texts(onB.room.doc).length === 2, 'both everywhere');
    expect(onA.room.hasSeqGap).toBe(false);
    expect(onB.room.hasSeqGap).toBe(false);
    expect(onA.room.watermark).toBe(onB.room.watermark);
  });

  it('R23 a lost LAST publish is caught up through the head sent after a quiet second', async () => {
    const { a, fanA, clock, until, drained, writers } = cluster();
    const { onA, onB } = await writers();
    fanA.dropNextUpdates = 1;
    onA.room.receive(onA.connection, { type: 'update', update: noteUpdate('dernière') }, 0);
    await drained(a);
    await clock.advance(999);
    expect(seen(onB.peer)).toEqual([]);
    await clock.advance(1);
    await until(() => seen(onB.peer).includes('dernière'), 'caught up by head');
  });

  it('R17 R20 a compaction on one instance while the other is behind: the snapshot row catches it up', async () => {
    const { a, fanA, clock, storage, until, drained, writers } = cluster();
    const { onA, onB } = await writers();
    const behind = onB.room.watermark;
    fanA.dropNextUpdates = 3;
    for (const text of ['un', 'deux', 'trois']) {
      onA.room.receive(onA.connection, { type: 'update', update: noteUpdate(text) }, 0);
      await drained(a);
    }
    // A compacts everything stored so far into one row (as its unload or a long log would)
    const stored = await storage.loadRoom('s1', 'groupe-1');
    const merged = Y.mergeUpdates(stored.updates);
    await storage.compactRoom('s1', 'groupe-1', merged, stored.lastSeq);
    expect((await storage.loadRoomSince('s1', 'groupe-1', behind)).updates).toHaveLength(1);
    expect(seen(onB.peer)).toEqual([]);
    await clock.advance(1000); // A's head
    await until(() => seen(onB.peer).length === 3, 'B caught up from the snapshot');
    expect(texts(onB.room.doc)).toEqual(['deux', 'trois', 'un']);
    expect(onB.room.watermark).toBe(stored.lastSeq);
  });

  it('R21 R22 awareness crosses with its owner, reaches newcomers, and leaves with its instance', async () => {
    const { a, b, fanA, until, bus, storage, clock, limits } = cluster();
    const onA = await joinedWriter(a);
    const onB = await joinedWriter(b);
    const state = { clientId: 42, clock: 1, state: '{"user":{"name":"Aïcha"}}' };
    const { encodeAwarenessUpdate } = await import('./awareness.js');
    onA.room.receive(onA.connection, { type: 'awareness', update: encodeAwarenessUpdate([state]) }, 0);
    await until(() => onB.peer.awareness().some((u) => u.some((e) => e.clientId === 42)), 'relayed on B');
    // a connection on B cannot take over A's client id with a clock no newer than A's (R27, R32)
    onB.room.receive(onB.connection, { type: 'awareness', update: encodeAwarenessUpdate([{ ...state, state: '{"user":{"name":"Usurpateur"}}' }]) }, 0);
    const late = new FakePeer();
    onB.room.join(new Connection(late, 'read', new TokenBucket(10, 10, 0), 'late'), 0);
    expect(late.awareness().flat().filter((e) => e.clientId === 42).map((e) => e.state)).toEqual([state.state]);
    // a third instance that loads the room later hears of A's client as soon as it speaks
    const fanC = new LocalFanOut({ bus, instanceId: 'C' });
    const c = new RoomRegistry(storage, limits, quiet, { clock, fanOut: fanC });
    cleanup.push(async () => {
      await c.close();
      await fanC.close();
    });
    const onC = await joinedWriter(c);
    onC.room.receive(onC.connection, { type: 'awareness', update: encodeAwarenessUpdate([{ clientId: 77, clock: 1, state: '{}' }]) }, 0);
    await until(() => onC.peer.awareness().some((u) => u.some((e) => e.clientId === 42)), 'A\'s client known on C');
    // A dies: its clients' presence leaves B's peers
    onB.peer.clear();
    await fanA.close();
    await until(() => onB.peer.awareness().some((u) => u.some((e) => e.clientId === 42 && e.state === 'null')), 'removal relayed');
    expect(onB.room.presentAwareness().filter((e) => e.clientId === 42)).toEqual([]);
  });

  it('R32 a client that moved to B speaks there at once with its newer clock; A lets it go and its dead connection\'s close removes nothing', async () => {
    const { a, b, clock } = cluster();
    // awareness pacing (R26) holds a client's next state 50 ms: let the fake time run
    const until = async (condition: () => boolean, what: string) => {
      for (let i = 0; i < 100 && !condition(); i++) await clock.advance(10);
      if (!condition()) throw new Error(`never: ${what}`);
    };
    const { encodeAwarenessUpdate } = await import('./awareness.js');
    const watcherOnA = await joinedWriter(a);
    const old = await joinedWriter(a); // the mover's connection on A, dead but not noticed yet
    const watcherOnB = await joinedWriter(b);
    const moved = await joinedWriter(b); // the mover, reconnected through the balancer to B
    const at = (clock: number, where: string) => ({ clientId: 42, clock, state: JSON.stringify({ user: { name: 'Aïcha', where } }) });
    const stateOf = (peer: FakePeer) => peer.awareness().flat().filter((e) => e.clientId === 42).at(-1)?.state;
    old.room.receive(old.connection, { type: 'awareness', update: encodeAwarenessUpdate([at(3, 'A')]) }, 0);
    await until(() => stateOf(watcherOnB.peer) === at(3, 'A').state, 'the state from A on B');
    // on reconnect y-websocket sends its state with the same clock: an echo, kept as A's
    moved.room.receive(moved.connection, { type: 'awareness', update: encodeAwarenessUpdate([at(3, 'A')]) }, 0);
    // its next change has a newer clock: B takes the id, A hears it and lets it go
    moved.room.receive(moved.connection, { type: 'awareness', update: encodeAwarenessUpdate([at(4, 'B')]) }, 0);
    await until(() => stateOf(watcherOnB.peer) === at(4, 'B').state && stateOf(watcherOnA.peer) === at(4, 'B').state, 'the moved state on both');
    watcherOnA.peer.clear();
    watcherOnB.peer.clear();
    // the dead connection on A is noticed at last: its close removes nothing anywhere
    old.room.leave(old.connection, 0);
    // a sentinel through the same path: another client's state on A, relayed to B after it
    watcherOnA.room.receive(watcherOnA.connection, { type: 'awareness', update: encodeAwarenessUpdate([{ clientId: 7, clock: 1, state: '{}' }]) }, 0);
    await until(() => watcherOnB.peer.awareness().flat().some((e) => e.clientId === 7), 'the sentinel on B');
    expect(watcherOnA.peer.awareness().flat().filter((e) => e.clientId === 42)).toEqual([]);
    expect(watcherOnB.peer.awareness().flat().filter((e) => e.clientId === 42)).toEqual([]);
    expect(a.get('s1', 'groupe-1')!.presentAwareness().filter((e) => e.clientId === 42).map((e) => e.state)).toEqual([at(4, 'B').state]);
    expect(b.get('s1', 'groupe-1')!.presentAwareness().filter((e) => e.clientId === 42).map((e) => e.state)).toEqual([at(4, 'B').state]);
    // and the moved client keeps speaking for it on B
    moved.room.receive(moved.connection, { type: 'awareness', update: encodeAwarenessUpdate([at(5, 'B encore')]) }, 0);
    await until(() => stateOf(watcherOnA.peer) === at(5, 'B encore').state, 'the next state on A');
  });
});

describe('two servers', () => {
  it('R24 a lock set through one instance stops writes on the other at once', async () => {
    const bus = new InProcessBus();
    const storage = openSqliteStorage(':memory:');
    const dirs = [mkdtempSync(join(tmpdir(), 'concerto-a-')), mkdtempSync(join(tmpdir(), 'concerto-b-'))];
    const servers: TestServer[] = [];
    for (const dir of dirs) {
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', CONCERTO_SECRET: 'x'.repeat(40) });
      const server: ConcertoServer = await startServer(config, { storage, fanOut: new LocalFanOut({ bus }) });
      servers.push(Object.assign(server, { dataDir: dir, wsUrl: server.url.replace(/^http/, 'ws') + '/ws', stop: () => server.close() }));
    }
    const clients: Client[] = [];
    cleanup.push(async () => {
      for (const c of clients) c.destroy();
      for (const s of servers) await s.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });
    const [serverA, serverB] = servers as [TestServer, TestServer];
    const session = await createSession(serverA);
    const group = session.groups[0]!;
    const onB = connect(serverB, session.id, group.id, group.token);
    const watcherOnA = connect(serverA, session.id, group.id, session.facilitatorToken);
    clients.push(onB, watcherOnA);
    await Promise.all([synced(onB), synced(watcherOnA)]);
    createNote(onB.doc, { text: 'avant le verrou', x: 0, y: 0, author: 'b' });
    await waitFor(() => listNotes(watcherOnA.doc).length === 1, 'B\'s note seen through A');

    const locked = await api(serverA, 'POST', `/api/sessions/${session.id}/lock`, { token: session.facilitatorToken, body: { groups: [group.id], locked: true } });
    expect(locked.status).toBe(200);
    // B learns it from the session event: its cached record is dropped and re-read
    await waitFor(() => serverB.sockets.accessOf(session.id).every((c) => c.access === 'read'), 'B\'s connection read-only');
    expect(serverB.sockets.accessOf(session.id)).toEqual([{ room: group.id, access: 'read' }]);
    createNote(onB.doc, { text: 'après le verrou', x: 0, y: 0, author: 'b' });
    await handled(serverB, onB, session.id, group.id);
    expect(texts(serverB.rooms.get(session.id, group.id)!.doc)).toEqual(['avant le verrou']);
    const described = await api<{ lockedRooms: string[] }>(serverB, 'GET', `/api/sessions/${session.id}`, { token: group.token });
    expect(described.body.lockedRooms).toEqual([group.id]);
  });
});
