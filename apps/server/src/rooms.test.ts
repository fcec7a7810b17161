/**
 * The registry with a fake clock, a real (in-memory SQLite) store and fake peers: storing
 * before relaying, pacing, failures, unloading and compaction. Names cite SPEC.md's rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listNotes } from '@concerto/board';
import { loadConfig } from './config.js';
import type { Limits } from './config.js';
import { RoomRegistry } from './rooms.js';
import type { RegistryOptions } from './rooms.js';
import { compactionMargin } from './compactions.js';
import { openSqliteStorage } from './storage/index.js';
import type { Storage } from './storage/index.js';
import { flaky } from './testing/flakyStorage.js';
import { FakeClock } from './testing/fakeClock.js';
import { joinedWriter, noteUpdate, TEST_ROOM } from './testing/roomKit.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const open: { registry: RoomRegistry; storage: Storage }[] = [];

function setup(limits: Partial<Limits> = {}, options: Omit<RegistryOptions, 'clock'> = {}) {
  const clock = new FakeClock();
  const storage = flaky(openSqliteStorage(':memory:'));
  // every turn by default: these tests step the fake clock by turns (R15's own test sets a window)
  const registry = new RoomRegistry(storage, { ...loadConfig({}).limits, flushIntervalMs: 0, ...limits }, quiet, { clock, ...options });
  open.push({ registry, storage });
  /** turns the fake clock until `condition` holds (real storage I/O completes between turns) */
  const until = async (condition: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !condition(); i++) await clock.turn();
    if (!condition()) throw new Error(`never: ${what}`);
  };
  /** drain() under the fake clock: its flushes run when the clock turns */
  const drained = async () => {
    let done = false;
    void registry.drain().then(() => (done = true));
    await until(() => done, 'drained');
  };
  return { clock, storage, registry, until, drained };
}

afterEach(async () => {
  for (const { registry, storage } of open.splice(0)) {
    await registry.close();
    await storage.close();
  }
});

describe('RoomRegistry', () => {
  it('R1 stores a batch before relaying it', async () => {
    const { registry, storage, until } = setup();
    const a = await joinedWriter(registry);
    const b = await joinedWriter(registry);
    a.room.receive(a.connection, { type: 'update', update: noteUpdate('durable') }, 0);
    expect(b.peer.updates()).toHaveLength(0);
    await until(() => b.peer.updates().length > 0, 'relayed');
    const stored = new Y.Doc();
    for (const u of (await storage.loadRoom('s1', 'groupe-1')).updates) Y.applyUpdate(stored, u);
    expect(listNotes(stored).map((n) => n.text)).toEqual(['durable']);
  });

  it('R14 relays nothing while appends fail, reports it, and retries after 500 ms', async () => {
    const { registry, storage, clock, until, drained } = setup();
    const a = await joinedWriter(registry);
    const b = await joinedWriter(registry);
    await drained();
    b.peer.clear();
    storage.failing = true;
    a.room.receive(a.connection, { type: 'update', update: noteUpdate('retenue') }, 0);
    await until(() => !registry.storageHealthy, 'failure seen');
    await clock.advance(400);
    expect(b.peer.updates()).toHaveLength(0);
    storage.failing = false;
    await clock.advance(100);
    await until(() => b.peer.updates().length > 0, 'relayed after the retry');
    expect(registry.storageHealthy).toBe(true);
  });

  it('R15 gathers updates that arrive within FLUSH_INTERVAL_MS into one relayed message', async () => {
    const { registry, clock, until, drained } = setup({ flushIntervalMs: 100 });
    const a = await joinedWriter(registry);
    const b = await joinedWriter(registry);
    await drained();
    b.peer.clear();
    await clock.advance(100); // idle since the last flush: the next goes out on the next turn
    a.room.receive(a.connection, { type: 'update', update: noteUpdate('un') }, 0);
    await until(() => b.peer.updates().length === 1, 'first relayed without the clock moving');
    a.room.receive(a.connection, { type: 'update', update: noteUpdate('deux') }, 0);
    a.room.receive(a.connection, { type: 'update', update: noteUpdate('trois') }, 0);
    await clock.turn();
    expect(b.peer.updates()).toHaveLength(1);
    await clock.advance(100);
    await until(() => b.peer.updates().length === 2, 'second flush');
    const doc = new Y.Doc();
    for (const u of b.peer.updates()) Y.applyUpdate(doc, u);
    expect(listNotes(doc).map((n) => n.text).sort()).toEqual(['deux', 'trois', 'un']);
  });

  it('R16 R17 unloads an idle room and compacts it from the STORED rows, including rows it never saw', async () => {
    const { registry, storage, until, drained } = setup();
    const a = await joinedWriter(registry);
    for (const text of ['une', 'deux']) {
      a.room.receive(a.connection, { type: 'update', update: noteUpdate(text) }, 0);
      await drained();
    }
    // another process appended a row this document never saw
    await storage.append([{ sessionId: 's1', room: 'groupe-1', update: noteUpdate('ailleurs') }]);
    a.room.leave(a.connection, 0);
    registry.unloadIfIdle(a.room);
    expect(registry.get('s1', 'groupe-1')).toBeUndefined();
    await registry.compactionsSettled();
    await until(() => true, 'settled');
    const stored = await storage.loadRoom('s1', 'groupe-1');
    expect(stored.rows).toBe(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.updates[0]!);
    expect(listNotes(doc).map((n) => n.text).sort()).toEqual(['ailleurs', 'deux', 'une']);
  });

  it('R16 keeps a room loaded while an HTTP handler holds it or a batch is being stored', async () => {
    const { registry, until } = setup();
    const room = await registry.acquire(TEST_ROOM);
    registry.unloadIfIdle(room);
    expect(registry.get('s1', 'groupe-1')).toBe(room);
    registry.release(room); // the stamp is pending: unloads after its flush
    expect(registry.get('s1', 'groupe-1')).toBe(room);
    await until(() => registry.get('s1', 'groupe-1') === undefined, 'unloaded after the flush');
  });

  it('R17 holds the log at the compaction limit plus its margin while writes go on and a compaction is slow', async () => {
    // A snapshot builder the test releases by hand: the compaction lasts as long as the test wants.
    const waiting: (() => void)[] = [];
    const compactor = {
      snapshot: (updates: readonly Uint8Array[]) => new Promise<Uint8Array>((resolve) => waiting.push(() => resolve(Y.mergeUpdates([...updates])))),
      close: async () => undefined,
    };
    const limit = 20;
    const ceiling = limit + compactionMargin(limit);
    const { registry, storage, clock, until } = setup({ compactAfterRows: limit }, { compactor });
    const a = await joinedWriter(registry);
    const b = await joinedWriter(registry);
    let maxRows = 0;
    const storedRows = async () => (await storage.loadRoom('s1', 'groupe-1')).rows;
    // 100 writes, one per flush, the first compaction held until the 80th
    for (let k = 0; k < 100; k++) {
      a.room.receive(a.connection, { type: 'update', update: noteUpdate(`n${k}`) }, 0);
      for (let t = 0; t < 5; t++) await clock.turn();
      maxRows = Math.max(maxRows, await storedRows());
      if (k === 80 || (k > 80 && waiting.length > 0)) waiting.shift()?.();
    }
    while (waiting.length > 0 || registry.get('s1', 'groupe-1')?.hasPendingUpdates) {
      waiting.shift()?.();
      await clock.turn();
    }
    await until(() => !(registry.get('s1', 'groupe-1')?.hasPendingUpdates ?? false), 'everything stored');
    await registry.compactionsSettled();
    expect(maxRows).toBeGreaterThanOrEqual(ceiling - 1); // the writes did reach the ceiling
    expect(maxRows).toBeLessThanOrEqual(ceiling);
    // nothing lost: every note stored and relayed
    const doc = new Y.Doc();
    for (const u of (await storage.loadRoom('s1', 'groupe-1')).updates) Y.applyUpdate(doc, u);
    expect(listNotes(doc)).toHaveLength(100);
    const seen = new Y.Doc();
    for (const u of b.peer.updates()) Y.applyUpdate(seen, u);
    expect(listNotes(seen)).toHaveLength(100);
  });
});
