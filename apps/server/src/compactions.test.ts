import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '@concerto/board';
import { Compactions } from './compactions.js';
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
    const compactions = new Compactions(storage, compactor, (m) => warnings.push(m));
    for (const text of ['un', 'deux', 'trois']) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    const results: { replacedRows: number; snapshotBytes: number }[] = [];
    compactions.fromStorage('s', 'r', (r) => results.push(r));
    compactions.fromStorage('s', 'r', (r) => results.push(r)); // already running: ignored
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
    expect(results).toHaveLength(1);
    expect(results[0]!.replacedRows).toBe(2);
    const stored = await storage.loadRoom('s', 'r');
    expect(stored.rows).toBe(2);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(listNotes(doc).map((n) => n.text).sort()).toEqual(['deux', 'pendant', 'trois', 'un']);
    expect(warnings).toEqual([]);
    await storage.close();
  });

  it('R17 keeps the log as it is when the snapshot cannot be built', async () => {
    const storage = openSqliteStorage(':memory:');
    const warnings: string[] = [];
    const compactions = new Compactions(storage, { snapshot: () => Promise.reject(new Error('worker gone')) }, (m) => warnings.push(m));
    for (const text of ['un', 'deux']) await storage.append([{ sessionId: 's', room: 'r', update: note(text) }]);
    compactions.fromStorage('s', 'r');
    await compactions.settled();
    expect((await storage.loadRoom('s', 'r')).rows).toBe(2);
    expect(warnings.join()).toMatch(/worker gone/);
    expect(compactions.has('s/r')).toBe(false);
    await storage.close();
  });
});
