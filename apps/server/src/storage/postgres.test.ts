import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { session, storageContract } from './contract.js';
import { StorageUnavailableError } from './port.js';
import type { AppendEntry, Storage } from './port.js';
import { openPostgresStorage } from './postgres.js';

// CI has PostgreSQL: an unreachable server fails these tests unless skipping is asked for.
const skip = process.env.CONCERTO_SKIP_PG === '1';
const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe.skipIf(skip)('postgres', () => {
  const admin = new pg.Pool({ connectionString: baseUrl, max: 2 });
  const schemas: string[] = [];

  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  /** each store lives in its own schema, so parallel test files and runs never collide */
  async function freshUrl(params: Record<string, string> = {}): Promise<string> {
    const schema = `concerto_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  it('reaches PostgreSQL at TEST_DATABASE_URL (set CONCERTO_SKIP_PG=1 to skip these tests)', async () => {
    await expect(admin.query('SELECT 1')).resolves.toBeDefined();
  });

  const urls = new WeakMap<Storage, string>();
  storageContract(
    'postgres',
    async () => {
      const url = await freshUrl();
      const storage = await openPostgresStorage(url);
      urls.set(storage, url);
      return storage;
    },
    async (closed) => openPostgresStorage(urls.get(closed) ?? 'missing'),
  );

  describe('postgres adapter', () => {
    it('appends a batch too big for one call in several calls of one transaction, seqs in entry order', async () => {
      const storage = await openPostgresStorage(await freshUrl());
      try {
        const entries: AppendEntry[] = Array.from({ length: 2_500 }, (_, i) => ({
          sessionId: 's1',
          room: `r${i % 3}`,
          update: Uint8Array.of(i % 251, Math.floor(i / 251)),
        }));
        const seqs = await storage.append(entries);
        expect(seqs).toEqual(entries.map((_, i) => Math.floor(i / 3) + 1));
        for (const room of ['r0', 'r1', 'r2']) {
          const loaded = await storage.loadRoom('s1', room);
          expect(loaded.rows).toBe(entries.filter((e) => e.room === room).length);
          expect(loaded.updates.map((u) => Array.from(u))).toEqual(entries.filter((e) => e.room === room).map((e) => Array.from(e.update)));
        }
      } finally {
        await storage.close();
      }
    });

    it('R30 a compaction in progress does not make appends to its room wait; two compactions of a room take turns', async () => {
      const url = await freshUrl();
      const storage = await openPostgresStorage(url);
      const other = await openPostgresStorage(url); // a second instance
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        const entry = (i: number): AppendEntry => ({ sessionId: 's1', room: 'r', update: Uint8Array.of(i) });
        await storage.append([entry(1), entry(2), entry(3)]);
        // Hold one of the rows the compaction deletes: it then stops inside its transaction,
        // with whatever locks it took, as a slow delete or fsync would keep it there.
        await blocker.query('BEGIN');
        await blocker.query("SELECT 1 FROM updates WHERE session_id = 's1' AND room = 'r' AND seq = 2 FOR UPDATE");
        const compacting = storage.compactRoom('s1', 'r', Uint8Array.of(9), 3);
        // the first compaction holds its locks and waits on the row: only then the second starts
        const waitingOnRow = async () =>
          (await admin.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM updates%seq <=%'")).rows.length > 0;
        for (let i = 0; i < 250 && !(await waitingOnRow()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await waitingOnRow()).toBe(true);
        const second = other.compactRoom('s1', 'r', Uint8Array.of(8), 3);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const appended = await Promise.race([
          other.append([entry(4)]),
          new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000)),
        ]);
        expect(appended).toEqual([4]);
        await blocker.query('COMMIT');
        expect(await compacting).toBe(true);
        // the second one ran after the first, through the same seq: it replaced the snapshot
        expect(await second).toBe(true);
        const loaded = await storage.loadRoom('s1', 'r');
        expect(loaded.updates.map((u) => Array.from(u))).toEqual([[8], [4]]);
        expect(loaded.lastSeq).toBe(4);
      } finally {
        await blocker.end();
        await other.close();
        await storage.close();
      }
    });

    it('reports an unreachable server as unavailable, never as a crash', async () => {
      const storage = await openPostgresStorage('postgres://postgres@127.0.0.1:1/x');
      expect(await storage.ping()).toBe(false);
      const update: AppendEntry = { sessionId: 's1', room: 'r', update: Uint8Array.of(1) };
      await expect(storage.append([update])).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.getSession('s1')).rejects.toMatchObject({ code: 'storage-unavailable' });
      await expect(storage.compactRoom('s1', 'r', Uint8Array.of(1), 1)).rejects.toBeInstanceOf(
        StorageUnavailableError,
      );
      await storage.close();
    });

    it('survives its idle connections being terminated, and reconnects', async () => {
      const app = `concerto_kill_${randomBytes(4).toString('hex')}`;
      const errors: Error[] = [];
      const storage = await openPostgresStorage(await freshUrl({ application_name: app }), {
        onIdleError: (err) => errors.push(err),
      });
      const fill = () => Promise.all([storage.ping(), storage.loadRoom('s1', 'r'), storage.listRooms('s1')]);
      const terminate = async (): Promise<number> => {
        const sql = 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1';
        const { rowCount } = await admin.query(sql, [app]);
        expect(rowCount).toBeGreaterThan(0);
        return rowCount ?? 0;
      };

      // The pool notices the dead idle connections and reports them, without crashing.
      await fill();
      const killed = await terminate();
      await expect.poll(() => errors.length).toBe(killed);
      await storage.append([{ sessionId: 's1', room: 'r', update: Uint8Array.of(5) }]);

      // Calls made before the pool notices get a dead connection: they move on to a live one.
      await fill();
      await terminate();
      await storage.append([{ sessionId: 's1', room: 'r', update: Uint8Array.of(6) }]);
      await fill();
      await terminate();
      expect((await storage.loadRoom('s1', 'r')).rows).toBe(2);
      expect(await storage.ping()).toBe(true);
      await storage.close();
    });

    it('lets several server processes append to the same rooms', async () => {
      const url = await freshUrl();
      // Three pools opening a fresh schema together: the migration runs once, under its lock.
      const [a, b, c] = await Promise.all([openPostgresStorage(url), openPostgresStorage(url), openPostgresStorage(url)]);
      const writer = async (storage: Storage, tag: number, rooms: string[]): Promise<void> => {
        for (let i = 0; i < 40; i++) {
          await storage.append(rooms.map((room) => ({ sessionId: 's1', room, update: Uint8Array.of(tag, i) })));
        }
      };
      // Opposite room orders: the counter locks must still be taken in one order (no deadlock).
      await Promise.all([writer(a!, 1, ['r1', 'r2']), writer(b!, 2, ['r2', 'r1']), writer(c!, 3, ['r1'])]);
      const r1 = await a!.loadRoom('s1', 'r1');
      expect(r1).toMatchObject({ rows: 120, lastSeq: 120 });
      for (const tag of [1, 2, 3]) {
        const mine = r1.updates.filter((x) => x[0] === tag).map((x) => x[1]);
        expect(mine).toEqual([...Array(40).keys()]);
      }
      expect(await c!.loadRoom('s1', 'r2')).toMatchObject({ rows: 80, lastSeq: 80 });
      await Promise.all([a!.close(), b!.close(), c!.close()]);
    });

    it('gives two instances appending to one room concurrently distinct, increasing seqs', async () => {
      const url = await freshUrl();
      const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
      const seen = new Map<number, Uint8Array>();
      const writer = async (storage: Storage, tag: number): Promise<void> => {
        let previous = 0;
        const calls: Promise<void>[] = [];
        for (let i = 0; i < 60; i++) {
          // Not awaited one by one: group commits on each side race the other side's.
          const batch = [0, 1].map((k) => ({ sessionId: 's1', room: 'r', update: Uint8Array.of(tag, i, k) }));
          calls.push(
            storage.append(batch).then((seqs) => {
              expect(seqs).toHaveLength(2);
              expect(seqs[1]).toBe(seqs[0]! + 1); // one call's entries are consecutive
              expect(seqs[0]!).toBeGreaterThan(previous); // and later calls get later seqs
              previous = seqs[1]!;
              seqs.forEach((seq, k) => {
                expect(seq).not.toBeNull();
                expect(seen.has(seq!)).toBe(false);
                seen.set(seq!, batch[k]!.update);
              });
            }),
          );
          if (i % 10 === 9) await Promise.all(calls.splice(0));
        }
        await Promise.all(calls);
      };
      await Promise.all([writer(a, 1), writer(b, 2)]);
      expect([...seen.keys()].sort((x, y) => x - y)).toEqual([...Array(240).keys()].map((i) => i + 1));
      const since = await b.loadRoomSince('s1', 'r', 0);
      expect(since).toMatchObject({ lastSeq: 240, rows: 240 });
      // Each row is the one whose append was answered with its seq.
      since.updates.forEach((update, i) => expect([...update]).toEqual([...seen.get(i + 1)!]));
      const tail = await a.loadRoomSince('s1', 'r', 200);
      expect(tail.updates.map((x) => [...x])).toEqual([...Array(40).keys()].map((i) => [...seen.get(201 + i)!]));
      await Promise.all([a.close(), b.close()]);
    });

    it('migrates a schema-1 database (before programmes) in place, keeping its sessions', async () => {
      const url = await freshUrl();
      const first = await openPostgresStorage(url);
      await first.putSession(session('s1', 1000));
      await first.close();
      // What a database written by the previous release looks like: no programme or tombstone tables, no append function, version 1.
      const schema = schemas.at(-1)!;
      await admin.query(`DROP TABLE ${schema}.programme_sessions; DROP TABLE ${schema}.programmes; DROP TABLE ${schema}.deleted_sessions; DROP FUNCTION ${schema}.concerto_append; UPDATE ${schema}.schema_version SET version = 1`);
      const storage = await openPostgresStorage(url);
      expect(await storage.getSession('s1')).toEqual(session('s1', 1000));
      await storage.createProgramme({ id: 'p1', title: 'Démarche', createdAt: 1, revision: 0, merges: [] });
      await storage.attachSession('p1', { sessionId: 's1', territory: 'NORD', date: null, attachedAt: 2 });
      expect((await storage.getProgramme('p1'))!.sessions).toHaveLength(1);
      const { rows } = await admin.query<{ version: number }>(`SELECT version FROM ${schema}.schema_version`);
      expect(rows[0]!.version).toBe(4);
      await storage.close();
    });

    it('refuses a database written by a newer Concerto', async () => {
      const url = await freshUrl();
      await (await openPostgresStorage(url)).close();
      const schema = schemas.at(-1)!;
      await admin.query(`UPDATE ${schema}.schema_version SET version = 99`);
      await expect(openPostgresStorage(url)).rejects.toThrow(/newer/);
    });
  });
});
