/**
 * Where a snapshot is built (SPEC R17): a small log on the event loop, a few rows per turn; a
 * large one on the worker thread. Both give the state of the rows applied in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes, moveNote } from '@concerto/board';
import { Compactor, WORKER_IDLE_MS } from './compactor.js';
import { FakeClock } from './testing/fakeClock.js';
import type { Clock } from './clock.js';
import type { InlineLimits } from './compactor.js';

const ON_WORKER = { rowBytes: 0, bytes: 0 };

const open: Compactor[] = [];
afterEach(async () => {
  for (const compactor of open.splice(0)) await compactor.close();
});

function compactor(inline?: InlineLimits, clock?: Clock): Compactor {
  const made = new Compactor(inline, clock);
  open.push(made);
  return made;
}

/** a log as a room stores it: one row per note, then one per move */
function log(notes: number, moves: number): Uint8Array[] {
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => rows.push(update));
  for (let i = 0; i < notes; i++) createNote(doc, { id: `n${i}`, text: `note ${i}`, x: i, y: 0, author: 'a' });
  for (let i = 0; i < moves; i++) moveNote(doc, `n${i % notes}`, i, i);
  return rows;
}

/** the value of `work` and how many event-loop turns ran while it was under way */
async function withTurns<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work();
  done = true;
  return { value, turns };
}

function notesOf(snapshot: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  return listNotes(doc).map((n) => ({ id: n.id, x: n.x, y: n.y, text: n.text }));
}

describe('Compactor', () => {
  it('R17 builds a small log on the event loop, yielding between turns, to the same state as the worker', async () => {
    const rows = log(20, 300);
    const { value: inline, turns } = await withTurns(() => compactor().snapshot(rows));
    // 320 rows at most 64 per turn: other work ran in between
    expect(turns).toBeGreaterThanOrEqual(4);
    const onWorker = await compactor(ON_WORKER).snapshot(rows);
    expect(notesOf(inline)).toEqual(notesOf(onWorker));
    expect(notesOf(inline)).toHaveLength(20);
    expect(notesOf(inline).find((n) => n.id === 'n19')).toMatchObject({ x: 299, y: 299 });
  });

  it('R17 builds a log with a row past the inline limit, or past the total limit, on the worker thread', async () => {
    const rows = log(5, 10);
    const largest = Math.max(...rows.map((r) => r.length));
    const { value: snapshot, turns } = await withTurns(() => compactor({ rowBytes: largest - 1, bytes: Infinity }).snapshot(rows));
    expect(notesOf(snapshot)).toHaveLength(5);
    // the worker answered through a message: the event loop turned meanwhile
    expect(turns).toBeGreaterThan(0);
    expect(notesOf(await compactor({ rowBytes: Infinity, bytes: largest }).snapshot(rows))).toHaveLength(5);
  });

  it('R17 refuses a row that does not decode, on either path', async () => {
    const rows = [...log(2, 0), Uint8Array.of(1, 2, 3, 4, 5, 6)];
    await expect(compactor().snapshot(rows)).rejects.toThrow();
    await expect(compactor(ON_WORKER).snapshot(rows)).rejects.toThrow();
  });

  it('R17 stops the worker after WORKER_IDLE_MS without work, and starts it again when a large log comes', async () => {
    const clock = new FakeClock();
    const building = compactor(ON_WORKER, clock);
    const rows = log(3, 3);
    expect(notesOf(await building.snapshot(rows))).toHaveLength(3);
    expect(building.workerRunning).toBe(true);
    await clock.advance(WORKER_IDLE_MS - 1);
    expect(building.workerRunning).toBe(true);
    // work before the deadline pushes it back
    expect(notesOf(await building.snapshot(rows))).toHaveLength(3);
    await clock.advance(WORKER_IDLE_MS - 1);
    expect(building.workerRunning).toBe(true);
    await clock.advance(1);
    expect(building.workerRunning).toBe(false);
    expect(notesOf(await building.snapshot(log(4, 1)))).toHaveLength(4);
    expect(building.workerRunning).toBe(true);
  });
});
