import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '@concerto/board';
import { Compactions } from './compactions.js';
import type { StoredLog } from './compactions.js';
import { openSqliteStorage } from './storage/index.js';

function note(text: string): Uint8Array {
  const doc = new Y.Doc();
  createNote(doc, { text, x: 0, y: 0, author: 'a' });
  return Y.encodeStateAsUpdate(doc);
}

/** a snapshot builder the test releases by hand, to look at a compaction while it runs */
function heldCompactor() {
  const waiting: (() => void)[] = [];
  return {
    waiting,
    snapshot: (updates: readonly Uint8Array[]) =>
      new Promise<Uint8Array>((resolve) => waiting.push(() => resolve(Y.mergeUpdates([...updates])))),
  };
}

describe('Compactions', () => {
  it('R17 replaces the stored rows by one snapshot of them, one compaction per room, and loads can wait for it', async () => {
    const storage = openSqliteStorage(':memory:');
    const compactor = heldCompactor();
    const warnings: string[] = [];
    for (const text of ['un', 'deux', 'trois']) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    const results: StoredLog[] = [];
    const announced: number[] = [];
    const compactions = new Compactions(storage, compactor, (m) => warnings.push(m), (_s, _r, seq) => announced.push(seq));
    compactions.fromStorage('s', 'r', 1, (r) => results.push(r));
    compactions.fromStorage('s', 'r', 1, (r) => results.push(r)); // already running: ignored
    expect(compactions.has('s/r')).toBe(true);
    let waited = false;
    const wait = compactions.wait('s/r').then(() => (waited = true));
    while (compactor.waiting.length === 0) await new Promise((r) => setImmediate(r));
    // a row appended while the snapshot is built stays after it
    await storage.append([{ sessionId: 's', room: 'r', update: note('pendant') }]);
    expect(waited).toBe(false);
    compactor.waiting.shift()!();
    await wait;
    await compactions.settled();
    expect(compactor.waiting).toHaveLength(0);
    const stored = await storage.loadRoom('s', 'r');
    expect(stored.rows).toBe(2);
    // R30: what the room's counters take is the log as stored after the swap
    expect(announced).toEqual([3]);
    expect(results).toEqual([{ lastSeq: 4, rows: 2, bytes: stored.updates[0]!.length + stored.updates[1]!.length }]);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(listNotes(doc).map((n) => n.text).sort()).toEqual(['deux', 'pendant', 'trois', 'un']);
    expect(warnings).toEqual([]);
    await storage.close();
  });

  it('R17 runs one compaction at a time in the process: rooms that reach the limit together wait their turn', async () => {
    const storage = openSqliteStorage(':memory:');
    const compactor = heldCompactor();
    for (const room of ['r1', 'r2', 'r3']) for (const text of ['un', 'deux']) await storage.append([{ sessionId: 's', room, update: note(text) }]);
    const compactions = new Compactions(storage, compactor, () => undefined);
    for (const room of ['r1', 'r2', 'r3']) compactions.fromStorage('s', room, 1);
    // all three are under way as far as their rooms know (loads wait for them)
    expect(['s/r1', 's/r2', 's/r3'].map((k) => compactions.has(k))).toEqual([true, true, true]);
    const done: string[] = [];
    for (const room of ['r1', 'r2', 'r3']) void compactions.wait(`s/${room}`).then(() => done.push(room));
    for (const room of ['r1', 'r2', 'r3']) {
      while (compactor.waiting.length === 0) await new Promise((r) => setImmediate(r));
      // the next one has not started building: only this room's snapshot is asked for
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(compactor.waiting).toHaveLength(1);
      compactor.waiting.shift()!();
      await compactions.wait(`s/${room}`);
      expect(done).toContain(room);
    }
    await compactions.settled();
    for (const room of ['r1', 'r2', 'r3']) expect((await storage.loadRoom('s', room)).rows).toBe(1);
    await storage.close();
  });

  it('R17 keeps the log as it is when the snapshot cannot be built', async () => {
    const storage = openSqliteStorage(':memory:');
    const warnings: string[] = [];
    const compactions = new Compactions(storage, { snapshot: () => Promise.reject(new Error('worker gone')) }, (m) => warnings.push(m));
    for (const text of ['un', 'deux']) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    compactions.fromStorage('s', 'r', 1);
    await compactions.settled();
    expect((await storage.loadRoom('s', 'r')).rows).toBe(2);
    expect(warnings.join()).toMatch(/worker gone/);
    expect(compactions.has('s/r')).toBe(false);
    await storage.close();
  });

  it('R30 two processes compacting one room at once lose and duplicate nothing, and only real swaps are announced', async () => {
    const storage = openSqliteStorage(':memory:');
    const texts = Array.from({ length: 8 }, (_, i) => `n${i}`);
    for (const text of texts.slice(0, 5)) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    const held = [heldCompactor(), heldCompactor()];
    const announced: string[] = [];
    const logs: StoredLog[] = [];
    const [a, b] = held.map((compactor, i) => new Compactions(storage, compactor, () => undefined, (_s, _r, seq) => announced.push(`${i}@${seq}`)));
    a!.fromStorage('s', 'r', 1, (log) => logs.push(log)); // reads rows 1..5
    while (held[0]!.waiting.length === 0) await new Promise((r) => setImmediate(r));
    for (const text of texts.slice(5)) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    b!.fromStorage('s', 'r', 1, (log) => logs.push(log)); // reads rows 1..8
    while (held[1]!.waiting.length === 0) await new Promise((r) => setImmediate(r));
    // the wider one lands first; the narrower one then finds nothing at or below its seq that is not folded already
    held[1]!.waiting.shift()!();
    await b!.settled();
    held[0]!.waiting.shift()!();
    await a!.settled();
    const stored = await storage.loadRoom('s', 'r');
    expect(stored).toMatchObject({ rows: 1, lastSeq: 8 });
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(listNotes(doc).map((n) => n.text).sort()).toEqual(texts);
    expect(announced).toEqual(['1@8']);
    expect(logs).toEqual([{ lastSeq: 8, rows: 1, bytes: stored.updates[0]!.length }]);
    await storage.close();
  });

  it('R30 a log already short is read, not compacted again: the counters take it', async () => {
    const storage = openSqliteStorage(':memory:');
    for (const text of ['un', 'deux', 'trois']) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    const announced: number[] = [];
    const logs: StoredLog[] = [];
    const compactions = new Compactions(storage, heldCompactor(), () => undefined, (_s, _r, seq) => announced.push(seq));
    compactions.fromStorage('s', 'r', 5, (log) => logs.push(log));
    await compactions.settled();
    const stored = await storage.loadRoom('s', 'r');
    expect(stored.rows).toBe(3);
    expect(announced).toEqual([]);
    expect(logs).toEqual([{ lastSeq: 3, rows: 3, bytes: stored.updates.reduce((n, u) => n + u.length, 0) }]);
    await storage.close();
  });
});
