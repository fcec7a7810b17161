/**
 * The storage contract: one vitest suite that every adapter passes. An adapter's test file
 * calls `storageContract('name', open, reopen)`; see README.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppendEntry, ProgrammeRecord, ProgrammeSession, SessionRecord, Storage } from './port.js';

/** opens the same backing store again after `closed` was closed (to check persistence) */
export type ReopenStorage = (closed: Storage) => Promise<Storage>;

export function session(id: string, createdAt: number, extra: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    title: `Session ${id}`,
    questions: ['Quelles priorités ?'],
    keyIdeaLimit: 2,
    groups: [
      { id: 'groupe-1', name: 'Groupe 1' },
      { id: 'salle-principale', name: 'Salle principale' },
    ],
    createdAt,
    settings: {},
    ...extra,
  };
}

/** a small distinct update: [tag, i] */
function u(tag: number, i: number): Uint8Array {
  return Uint8Array.of(tag, i);
}

function entry(sessionId: string, room: string, update: Uint8Array): AppendEntry {
  return { sessionId, room, update };
}

/** exact comparison; big updates are compared by length and digest so a diff stays readable */
function expectUpdates(actual: Uint8Array[], expected: Uint8Array[]): void {
  for (const a of actual) expect(a).toBeInstanceOf(Uint8Array);
  const label = (x: Uint8Array): string =>
    x.byteLength <= 32
      ? `hex:${Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')}`
      : `${x.byteLength} B sha256:${createHash('sha256').update(x).digest('hex')}`;
  expect(actual.map(label)).toEqual(expected.map(label));
}

export function storageContract(name: string, open: () => Promise<Storage>, reopen?: ReopenStorage): void {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;

    beforeEach(async () => {
      storage = await open();
    });

    afterEach(async () => {
      await storage.close();
    });

    it('answers ping', async () => {
      expect(await storage.ping()).toBe(true);
    });

    describe('sessions', () => {
      it('returns null for an unknown id and lists nothing when empty', async () => {
        expect(await storage.getSession('nope')).toBeNull();
        expect(await storage.listSessions()).toEqual([]);
      });

      it('round-trips a record, settings and awkward text included', async () => {
        const record = session('s1', 1_700_000_000_123, {
          title: 'Atelier « quartier » 🎻 \u0000 nul, \ud800 lone surrogate',
          questions: ['Q1', '', 'Q3 — long '.repeat(100)],
          keyIdeaLimit: 5,
          settings: {
            phase: 'plenary',
            closed: false,
            locks: { 'groupe-1': true, 'groupe-2': false },
            timer: { endsAt: 1_700_000_100_000, paused: null },
            order: [3, 1, 2],
            nested: { deep: { list: [{ a: 1 }, 'x', null] } },
          },
        });
        await storage.putSession(record);
        expect(await storage.getSession('s1')).toEqual(record);
      });

      it('upserts: a second put replaces the record', async () => {
        await storage.putSession(session('s1', 1000));
        const changed = session('s1', 1000, { title: 'Renamed', settings: { closed: true } });
        await storage.putSession(changed);
        expect(await storage.getSession('s1')).toEqual(changed);
        expect(await storage.listSessions()).toEqual([{ id: 's1', title: 'Renamed', createdAt: 1000 }]);
      });

      it('lists summaries newest first', async () => {
        await storage.putSession(session('old', 1000));
        await storage.putSession(session('new', 3000));
        await storage.putSession(session('mid', 2000));
        expect(await storage.listSessions()).toEqual([
          { id: 'new', title: 'Session new', createdAt: 3000 },
          { id: 'mid', title: 'Session mid', createdAt: 2000 },
          { id: 'old', title: 'Session old', createdAt: 1000 },
        ]);
      });
    });

    describe('room logs', () => {
      it('loads an empty room as an empty log', async () => {
        expect(await storage.loadRoom('s1', 'groupe-1')).toEqual({ updates: [], lastSeq: 0, rows: 0 });
      });

      it('accepts an empty batch', async () => {
        await storage.append([]);
        expect(await storage.listRooms('s1')).toEqual([]);
      });

      it('appends one batch across many rooms and sessions, each room in order', async () => {
        const rooms = ['groupe-1', 'groupe-2', 'groupe-3', 'salle-principale', 'plenary'];
        const batch: AppendEntry[] = [];
        for (let i = 0; i < 4; i++) {
          for (const [s, sessionId] of ['s1', 's2'].entries()) {
            for (const [r, room] of rooms.entries()) batch.push(entry(sessionId, room, u(s * 10 + r, i)));
          }
        }
        await storage.append(batch);
        for (const [s, sessionId] of ['s1', 's2'].entries()) {
          for (const [r, room] of rooms.entries()) {
            const loaded = await storage.loadRoom(sessionId, room);
            expectUpdates(loaded.updates, [0, 1, 2, 3].map((i) => u(s * 10 + r, i)));
            expect(loaded.rows).toBe(4);
            expect(loaded.lastSeq).toBe(4);
          }
        }
      });

      it('keeps a room isolated from other rooms and sessions with similar names', async () => {
        await storage.append([entry('s1', 'groupe-1', u(1, 1))]);
        await storage.append([entry('s1', 'groupe-10', u(2, 1)), entry('s10', 'groupe-1', u(3, 1))]);
        await storage.append([entry('s1', 'groupe-1', u(1, 2)), entry('s', '1groupe-1', u(4, 1))]);
        expectUpdates((await storage.loadRoom('s1', 'groupe-1')).updates, [u(1, 1), u(1, 2)]);
        expectUpdates((await storage.loadRoom('s1', 'groupe-10')).updates, [u(2, 1)]);
        expectUpdates((await storage.loadRoom('s10', 'groupe-1')).updates, [u(3, 1)]);
        expectUpdates((await storage.loadRoom('s', '1groupe-1')).updates, [u(4, 1)]);
        expect((await storage.loadRoom('s10', 'groupe-10')).rows).toBe(0);
      });

      it('stores bytes exactly: zeros, every byte value, empty and 1 MB updates', async () => {
        const withZeros = new Uint8Array(randomBytes(4096));
        withZeros.fill(0, 100, 200);
        withZeros[0] = 0;
        withZeros[4095] = 0;
        const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
        const big = new Uint8Array(randomBytes(1024 * 1024));
        // A view into a larger buffer: only the viewed bytes may be stored.
        const backing = new Uint8Array(randomBytes(64));
        const view = backing.subarray(8, 24);
        const updates = [Uint8Array.of(0), withZeros, everyByte, new Uint8Array(0), big, view];
        await storage.append(updates.map((x) => entry('s1', 'groupe-1', x)));
        const loaded = await storage.loadRoom('s1', 'groupe-1');
        expectUpdates(loaded.updates, updates);
      });

      it('reports rows and lastSeq as the log grows', async () => {
        await storage.append([entry('s1', 'r', u(1, 1))]);
        expect(await storage.loadRoom('s1', 'r')).toMatchObject({ rows: 1, lastSeq: 1 });
        await storage.append([entry('s1', 'r', u(1, 2)), entry('s1', 'other', u(2, 1)), entry('s1', 'r', u(1, 3))]);
        expect(await storage.loadRoom('s1', 'r')).toMatchObject({ rows: 3, lastSeq: 3 });
        expect(await storage.loadRoom('s1', 'other')).toMatchObject({ rows: 1, lastSeq: 1 });
      });

      it('lands concurrent appends in call order', async () => {
        const calls: Promise<(number | null)[]>[] = [];
        for (let i = 0; i < 100; i++) {
          const batch = [entry('s1', 'a', u(1, i))];
          if (i % 3 === 0) batch.push(entry('s1', 'b', u(2, i)));
          if (i % 7 === 0) batch.push(entry('s1', 'a', u(3, i)));
          calls.push(storage.append(batch));
        }
        await Promise.all(calls);
        const expectedA: Uint8Array[] = [];
        const expectedB: Uint8Array[] = [];
        for (let i = 0; i < 100; i++) {
          expectedA.push(u(1, i));
          if (i % 3 === 0) expectedB.push(u(2, i));
          if (i % 7 === 0) expectedA.push(u(3, i));
        }
        const a = await storage.loadRoom('s1', 'a');
        expectUpdates(a.updates, expectedA);
        expect(a.lastSeq).toBe(expectedA.length);
        expectUpdates((await storage.loadRoom('s1', 'b')).updates, expectedB);
      });

      it('resolves append to the seq of each entry, in entry order, per room', async () => {
        expect(await storage.append([])).toEqual([]);
        expect(await storage.append([entry('s1', 'a', u(1, 1)), entry('s1', 'b', u(2, 1)), entry('s1', 'a', u(1, 2))])).toEqual([
          1, 1, 2,
        ]);
        // Calls in flight together (merged into one transaction by some adapters) each get theirs.
        const [x, y] = await Promise.all([
          storage.append([entry('s1', 'a', u(1, 3))]),
          storage.append([entry('s1', 'b', u(2, 2)), entry('s1', 'a', u(1, 4)), entry('s2', 'a', u(3, 1))]),
        ]);
        expect(x).toEqual([3]);
        expect(y).toEqual([2, 4, 1]);
        await storage.compactRoom('s1', 'a', Uint8Array.of(7), 4);
        expect(await storage.append([entry('s1', 'a', u(1, 5))])).toEqual([5]);
      });

      it('lists the rooms of a session that have a log, sorted', async () => {
        expect(await storage.listRooms('s1')).toEqual([]);
        await storage.append([
          entry('s1', 'plenary', u(1, 1)),
          entry('s1', 'groupe-2', u(1, 2)),
          entry('s2', 'groupe-3', u(1, 3)),
          entry('s1', 'groupe-1', u(1, 4)),
          entry('s1', 'plenary', u(1, 5)),
        ]);
        expect(await storage.listRooms('s1')).toEqual(['groupe-1', 'groupe-2', 'plenary']);
        expect(await storage.listRooms('s2')).toEqual(['groupe-3']);
      });
    });

    describe('compaction', () => {
      it('replaces rows up to throughSeq by the snapshot and keeps later rows', async () => {
        await storage.append([1, 2, 3].map((i) => entry('s1', 'r', u(1, i))));
        const { lastSeq } = await storage.loadRoom('s1', 'r');
        expect(lastSeq).toBe(3);
        // Updates that arrive while the snapshot is being computed must survive it.
        await storage.append([entry('s1', 'r', u(1, 4)), entry('s1', 'r', u(1, 5))]);
        const snapshot = Uint8Array.of(9, 9, 9);
        await storage.compactRoom('s1', 'r', snapshot, lastSeq);
        const loaded = await storage.loadRoom('s1', 'r');
        expectUpdates(loaded.updates, [snapshot, u(1, 4), u(1, 5)]);
        expect(loaded.rows).toBe(3);
        expect(loaded.lastSeq).toBe(5);
      });

      it('keeps numbering after a compaction and compacts again', async () => {
        await storage.append([1, 2].map((i) => entry('s1', 'r', u(1, i))));
        await storage.compactRoom('s1', 'r', Uint8Array.of(7), 2);
        await storage.append([entry('s1', 'r', u(1, 3))]);
        expect(await storage.loadRoom('s1', 'r')).toMatchObject({ rows: 2, lastSeq: 3 });
        await storage.compactRoom('s1', 'r', Uint8Array.of(8), 3);
        expect(await storage.loadRoom('s1', 'r')).toEqual({ updates: [Uint8Array.of(8)], rows: 1, lastSeq: 3 });
        await storage.append([entry('s1', 'r', u(1, 4))]);
        const loaded = await storage.loadRoom('s1', 'r');
        expectUpdates(loaded.updates, [Uint8Array.of(8), u(1, 4)]);
        expect(loaded.lastSeq).toBe(4);
      });

      it('touches only its own room', async () => {
        await storage.append([entry('s1', 'r', u(1, 1)), entry('s1', 'q', u(2, 1)), entry('s2', 'r', u(3, 1))]);
        await storage.compactRoom('s1', 'r', Uint8Array.of(7), 1);
        expectUpdates((await storage.loadRoom('s1', 'q')).updates, [u(2, 1)]);
        expectUpdates((await storage.loadRoom('s2', 'r')).updates, [u(3, 1)]);
      });

      it('is a no-op when no row is at or below throughSeq', async () => {
        expect(await storage.compactRoom('s1', 'empty', Uint8Array.of(7), 0)).toBe(false);
        expect(await storage.compactRoom('s1', 'empty', Uint8Array.of(7), 5)).toBe(false);
        expect(await storage.loadRoom('s1', 'empty')).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        expect(await storage.listRooms('s1')).toEqual([]);
        await storage.append([1, 2, 3].map((i) => entry('s1', 'r', u(1, i))));
        await storage.compactRoom('s1', 'r', Uint8Array.of(7), 2);
        // A stale compaction (through a seq already folded into the snapshot) changes nothing.
        expect(await storage.compactRoom('s1', 'r', Uint8Array.of(6), 1)).toBe(false);
        expectUpdates((await storage.loadRoom('s1', 'r')).updates, [Uint8Array.of(7), u(1, 3)]);
      });

      it('two compactions of one room from two reads, in either order or at once, lose and duplicate nothing', async () => {
        for (const order of ['wider first', 'narrower first', 'at once'] as const) {
          const room = `race-${order}`;
          await storage.append([1, 2, 3].map((i) => entry('s1', room, u(1, i))));
          const narrow = await storage.loadRoom('s1', room); // through 3
          await storage.append([4, 5].map((i) => entry('s1', room, u(1, i))));
          const wide = await storage.loadRoom('s1', room); // through 5
          await storage.append([entry('s1', room, u(1, 6))]);
          const snapshotNarrow = Uint8Array.of(3, 3);
          const snapshotWide = Uint8Array.of(5, 5);
          let replaced: boolean[];
          if (order === 'wider first') {
            replaced = [await storage.compactRoom('s1', room, snapshotWide, wide.lastSeq), await storage.compactRoom('s1', room, snapshotNarrow, narrow.lastSeq)];
            expect(replaced).toEqual([true, false]);
          } else if (order === 'narrower first') {
            replaced = [await storage.compactRoom('s1', room, snapshotNarrow, narrow.lastSeq), await storage.compactRoom('s1', room, snapshotWide, wide.lastSeq)];
            expect(replaced).toEqual([true, true]);
          } else {
            replaced = await Promise.all([
              storage.compactRoom('s1', room, snapshotNarrow, narrow.lastSeq),
              storage.compactRoom('s1', room, snapshotWide, wide.lastSeq),
            ]);
            expect(replaced).toContain(true);
          }
          // Whatever the order, the wide snapshot ends up covering 1..5 and row 6 stays, once.
          const loaded = await storage.loadRoom('s1', room);
          expectUpdates(loaded.updates, [snapshotWide, u(1, 6)]);
          expect(loaded).toMatchObject({ rows: 2, lastSeq: 6 });
          expect(await storage.append([entry('s1', room, u(1, 7))])).toEqual([7]);
        }
      });

      it('rejects a negative or fractional throughSeq', async () => {
        await expect(storage.compactRoom('s1', 'r', Uint8Array.of(7), -1)).rejects.toThrow(RangeError);
        await expect(storage.compactRoom('s1', 'r', Uint8Array.of(7), 1.5)).rejects.toThrow(RangeError);
      });
    });

    describe('loadRoomSince', () => {
      it('returns the rows after afterSeq, with the whole log\'s lastSeq and rows', async () => {
        expect(await storage.loadRoomSince('s1', 'r', 0)).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        expect(await storage.loadRoomSince('s1', 'r', 7)).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        await storage.append([1, 2, 3, 4].map((i) => entry('s1', 'r', u(1, i))));
        await storage.append([entry('s1', 'other', u(2, 1)), entry('s2', 'r', u(3, 1))]);
        const all = await storage.loadRoomSince('s1', 'r', 0);
        expectUpdates(all.updates, [1, 2, 3, 4].map((i) => u(1, i)));
        expect(all).toMatchObject({ lastSeq: 4, rows: 4 });
        const tail = await storage.loadRoomSince('s1', 'r', 2);
        expectUpdates(tail.updates, [u(1, 3), u(1, 4)]);
        expect(tail).toMatchObject({ lastSeq: 4, rows: 4 });
        // Caught up (or ahead, after a deleteSession restarted the log): nothing, lastSeq says so.
        expect(await storage.loadRoomSince('s1', 'r', 4)).toEqual({ updates: [], lastSeq: 4, rows: 4 });
        expect(await storage.loadRoomSince('s1', 'r', 9)).toEqual({ updates: [], lastSeq: 4, rows: 4 });
      });

      it('gives the snapshot first, then later rows, when afterSeq is before the compaction', async () => {
        await storage.append([1, 2, 3, 4].map((i) => entry('s1', 'r', u(1, i))));
        const snapshot = Uint8Array.of(9, 9);
        await storage.compactRoom('s1', 'r', snapshot, 3);
        await storage.append([entry('s1', 'r', u(1, 5))]);
        // Behind the snapshot (it replaced rows 1..3, and has seq 3): it comes first.
        for (const afterSeq of [0, 1, 2]) {
          const since = await storage.loadRoomSince('s1', 'r', afterSeq);
          expectUpdates(since.updates, [snapshot, u(1, 4), u(1, 5)]);
          expect(since).toMatchObject({ lastSeq: 5, rows: 3 });
        }
        // Already past it: only the rows after.
        expectUpdates((await storage.loadRoomSince('s1', 'r', 3)).updates, [u(1, 4), u(1, 5)]);
        expectUpdates((await storage.loadRoomSince('s1', 'r', 4)).updates, [u(1, 5)]);
      });

      it('rejects a negative or fractional afterSeq', async () => {
        await expect(storage.loadRoomSince('s1', 'r', -1)).rejects.toThrow(RangeError);
        await expect(storage.loadRoomSince('s1', 'r', 0.5)).rejects.toThrow(RangeError);
      });
    });

    describe('deleteSession', () => {
      it('removes the session and its logs, and nothing of other sessions', async () => {
        await storage.putSession(session('gone', 1000));
        await storage.putSession(session('kept', 2000));
        await storage.append([
          entry('gone', 'groupe-1', u(1, 1)),
          entry('kept', 'groupe-1', u(2, 1)),
          entry('gone', 'plenary', u(1, 2)),
          entry('kept', 'plenary', u(2, 2)),
        ]);
        await storage.deleteSession('gone');
        expect(await storage.getSession('gone')).toBeNull();
        expect(await storage.listSessions()).toEqual([{ id: 'kept', title: 'Session kept', createdAt: 2000 }]);
        expect(await storage.listRooms('gone')).toEqual([]);
        expect(await storage.loadRoom('gone', 'groupe-1')).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        expect(await storage.loadRoom('gone', 'plenary')).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        expect(await storage.listRooms('kept')).toEqual(['groupe-1', 'plenary']);
        expectUpdates((await storage.loadRoom('kept', 'groupe-1')).updates, [u(2, 1)]);
      });

      it('accepts an unknown id, and a deleted session stays deleted: its rows and its record are refused, others stored', async () => {
        await storage.deleteSession('never-existed');
        await storage.putSession(session('s1', 1000));
        await storage.append([entry('s1', 'r', u(1, 1)), entry('s1', 'r', u(1, 2))]);
        await storage.deleteSession('s1');
        // A writer that has not heard of the deletion yet (another instance, a flush on its way).
        expect(await storage.append([entry('s2', 'r', u(2, 1)), entry('s1', 'r', u(1, 3)), entry('s1', 'new-room', u(1, 4)), entry('s2', 'r', u(2, 2))])).toEqual([
          1,
          null,
          null,
          2,
        ]);
        expect(await storage.append([entry('s1', 'r', u(1, 5))])).toEqual([null]);
        await storage.putSession(session('s1', 1000, { settings: { locked: true } }));
        expect(await storage.getSession('s1')).toBeNull();
        expect(await storage.loadRoom('s1', 'r')).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        expect(await storage.listRooms('s1')).toEqual([]);
        expectUpdates((await storage.loadRoom('s2', 'r')).updates, [u(2, 1), u(2, 2)]);
      });

      it('a deletion racing appends of its session leaves no row, whichever lands first', async () => {
        await storage.putSession(session('race', 1000));
        await storage.append([entry('race', 'groupe-1', u(1, 0))]);
        const appends: Promise<(number | null)[]>[] = [];
        for (let i = 1; i <= 20; i++) appends.push(storage.append([entry('race', `groupe-${i % 3}`, u(1, i)), entry('kept', 'r', u(2, i))]));
        const deletion = storage.deleteSession('race');
        for (let i = 21; i <= 40; i++) appends.push(storage.append([entry('race', `new-${i}`, u(1, i)), entry('kept', 'r', u(2, i))]));
        const results = await Promise.all(appends);
        await deletion;
        // Each append either landed before the deletion (and was deleted with it) or was refused.
        expect(await storage.listRooms('race')).toEqual([]);
        expect(await storage.loadRoom('race', 'groupe-1')).toEqual({ updates: [], lastSeq: 0, rows: 0 });
        expect(results.every(([race, kept]) => race !== undefined && (race === null || race > 0) && typeof kept === 'number')).toBe(true);
        expect((await storage.loadRoom('kept', 'r')).rows).toBe(40);
      });
    });

    describe('programmes', () => {
      const programme = (id: string, extra: Partial<ProgrammeRecord> = {}): ProgrammeRecord => ({
        id,
        title: 'Feuille de route inclusion numérique « 2026 » 🎻 \u0000',
        createdAt: 1_700_000_000_000,
        revision: 0,
        merges: [],
        ...extra,
      });
      const member = (sessionId: string, territory: string, attachedAt: number, date: string | null = '2026-03-12'): ProgrammeSession =>
        ({ sessionId, territory, date, attachedAt });

      it('returns null for an unknown programme, and a new one with no session', async () => {
        expect(await storage.getProgramme('nope')).toBeNull();
        await storage.createProgramme(programme('p1'));
        expect(await storage.getProgramme('p1')).toEqual({ ...programme('p1'), sessions: [] });
      });

      it('lists its sessions in the order they were attached; re-attaching updates in place', async () => {
        await storage.createProgramme(programme('p1'));
        await storage.createProgramme(programme('p2'));
        await storage.attachSession('p1', member('sud', 'SUD', 3000));
        await storage.attachSession('p1', member('nord', 'NORD', 1000));
        await storage.attachSession('p1', member('ouest', 'OUEST \u0000 « Ouest »', 2000, null));
        await storage.attachSession('p2', member('nord', 'NORD', 1000));
        // A second attach of one session changes its territory and date, not its place.
        await storage.attachSession('p1', member('nord', 'NORD-EST', 9000, '2026-04-01'));
        const read = await storage.getProgramme('p1');
        expect(read!.sessions).toEqual([
          member('nord', 'NORD-EST', 1000, '2026-04-01'),
          member('ouest', 'OUEST \u0000 « Ouest »', 2000, null),
          member('sud', 'SUD', 3000),
        ]);
        expect((await storage.getProgramme('p2'))!.sessions).toEqual([member('nord', 'NORD', 1000)]);
      });

      it('stores merges only over the revision it expects (compare-and-set)', async () => {
        await storage.createProgramme(programme('p1'));
        const merges = [{ id: 'm1', title: 'Axe 1 – Équiper et accompagner les publics', members: ['nord/a', 'sud/b'] }];
        expect(await storage.updateProgramme(programme('p1', { revision: 1, merges }), 0)).toBe(true);
        // A console that still holds revision 0 does not overwrite revision 1.
        expect(await storage.updateProgramme(programme('p1', { revision: 1, merges: [] }), 0)).toBe(false);
        expect(await storage.updateProgramme(programme('nope', { revision: 1 }), 0)).toBe(false);
        expect(await storage.getProgramme('p1')).toEqual({ ...programme('p1', { revision: 1, merges }), sessions: [] });
      });

      it('refuses a second programme with the same id', async () => {
        await storage.createProgramme(programme('p1'));
        await expect(storage.createProgramme(programme('p1', { title: 'autre' }))).rejects.toThrow();
        expect((await storage.getProgramme('p1'))!.title).toBe(programme('p1').title);
      });

      it('detaches one session from one programme; the session and its other programmes stay', async () => {
        await storage.createProgramme(programme('p1'));
        await storage.createProgramme(programme('p2'));
        await storage.putSession(session('nord', 1000));
        await storage.attachSession('p1', member('nord', 'NORD', 1000));
        await storage.attachSession('p1', member('sud', 'SUD', 2000));
        await storage.attachSession('p2', member('nord', 'NORD', 1000));
        expect(await storage.detachSession('p1', 'nord')).toBe(true);
        expect(await storage.detachSession('p1', 'nord')).toBe(false);
        expect(await storage.detachSession('nope', 'sud')).toBe(false);
        expect((await storage.getProgramme('p1'))!.sessions).toEqual([member('sud', 'SUD', 2000)]);
        expect((await storage.getProgramme('p2'))!.sessions).toEqual([member('nord', 'NORD', 1000)]);
        expect(await storage.getSession('nord')).not.toBeNull();
      });

      it('deletes a programme with its list of sessions; the sessions and other programmes stay', async () => {
        await storage.createProgramme(programme('p1'));
        await storage.createProgramme(programme('p2'));
        await storage.putSession(session('nord', 1000));
        await storage.attachSession('p1', member('nord', 'NORD', 1000));
        await storage.attachSession('p2', member('nord', 'NORD', 1000));
        expect(await storage.deleteProgramme('p1')).toBe(true);
        expect(await storage.getProgramme('p1')).toBeNull();
        expect(await storage.deleteProgramme('p1')).toBe(false);
        expect((await storage.getProgramme('p2'))!.sessions).toEqual([member('nord', 'NORD', 1000)]);
        expect(await storage.getSession('nord')).not.toBeNull();
        // Its id may not come back, but nothing of it is left to read back if it did.
        await storage.createProgramme(programme('p1'));
        expect((await storage.getProgramme('p1'))!.sessions).toEqual([]);
      });

      it('a deleted session leaves every programme, and the programme stays', async () => {
        await storage.createProgramme(programme('p1'));
        await storage.putSession(session('nord', 1000));
        await storage.attachSession('p1', member('nord', 'NORD', 1000));
        await storage.attachSession('p1', member('sud', 'SUD', 2000));
        await storage.deleteSession('nord');
        expect((await storage.getProgramme('p1'))!.sessions).toEqual([member('sud', 'SUD', 2000)]);
      });
    });

    describe.runIf(reopen !== undefined)('persistence', () => {
      it('keeps sessions, logs and numbering across close and reopen', async () => {
        const record = session('s1', 1000, { settings: { phase: 'groups' } });
        await storage.putSession(record);
        await storage.append([1, 2, 3].map((i) => entry('s1', 'r', u(1, i))));
        await storage.compactRoom('s1', 'r', Uint8Array.of(7), 2);
        await storage.append([entry('s1', 'plenary', u(2, 1))]);
        await storage.close();
        storage = await reopen!(storage);
        expect(await storage.getSession('s1')).toEqual(record);
        expectUpdates((await storage.loadRoom('s1', 'r')).updates, [Uint8Array.of(7), u(1, 3)]);
        await storage.append([entry('s1', 'r', u(1, 4))]);
        expect(await storage.loadRoom('s1', 'r')).toMatchObject({ rows: 3, lastSeq: 4 });
        expect(await storage.listRooms('s1')).toEqual(['plenary', 'r']);
      });

      it('keeps programmes and their sessions across close and reopen', async () => {
        const record: ProgrammeRecord = { id: 'p1', title: 'Démarche', createdAt: 5, revision: 2, merges: [{ id: 'm', title: 'Axe', members: ['a/b'] }] };
        await storage.createProgramme(record);
        await storage.attachSession('p1', { sessionId: 's1', territory: 'NORD', date: null, attachedAt: 7 });
        await storage.close();
        storage = await reopen!(storage);
        expect(await storage.getProgramme('p1')).toEqual({ ...record, sessions: [{ sessionId: 's1', territory: 'NORD', date: null, attachedAt: 7 }] });
      });
    });

    it('closes twice without error', async () => {
      await storage.close();
      await storage.close();
    });
  });
}
