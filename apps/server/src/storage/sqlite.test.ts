import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { session, storageContract } from './contract.js';
import type { Storage } from './port.js';
import { openSqliteStorage } from './sqlite.js';

const root = mkdtempSync(join(tmpdir(), 'concerto-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** a file in a directory that does not exist yet: opening must create it */
function freshFile(): string {
  counter += 1;
  return join(root, `store-${counter}`, 'nested', 'concerto.db');
}

const files = new WeakMap<Storage, string>();
storageContract(
  'sqlite',
  async () => {
    const storage = openSqliteStorage(freshFile());
    files.set(storage, storage.file);
    return storage;
  },
  async (closed) => openSqliteStorage(files.get(closed) ?? 'missing'),
);

storageContract('sqlite in memory', async () => openSqliteStorage(':memory:'));

describe('sqlite adapter', () => {
  it('creates the parent directory and puts the file in WAL mode', async () => {
    const file = freshFile();
    const storage = openSqliteStorage(file);
    expect(existsSync(file)).toBe(true);
    await storage.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(3);
    } finally {
      db.close();
    }
  });

  it('migrates a schema-1 file (before programmes) in place, keeping its sessions', async () => {
    const file = freshFile();
    const first = openSqliteStorage(file);
    await first.putSession(session('s1', 1000));
    await first.close();
    // What a file written by the previous release looks like: no programme or tombstone tables, version 1.
    const db = new Database(file);
    db.exec('DROP TABLE programme_sessions; DROP TABLE programmes; DROP TABLE deleted_sessions;');
    db.pragma('user_version = 1');
    db.close();
    const storage = openSqliteStorage(file);
    expect(await storage.getSession('s1')).toEqual(session('s1', 1000));
    await storage.createProgramme({ id: 'p1', title: 'Démarche', createdAt: 1, revision: 0, merges: [] });
    await storage.attachSession('p1', { sessionId: 's1', territory: 'NORD', date: null, attachedAt: 2 });
    expect((await storage.getProgramme('p1'))!.sessions).toHaveLength(1);
    await storage.close();
  });

  it('wipes a deleted session from the .db, -wal and -shm files', async () => {
    const file = freshFile();
    const storage = openSqliteStorage(file);
    const canary = `CANARY-${randomBytes(8).toString('hex')}`;
    const note = new TextEncoder().encode(`note text: ${canary}`);
    // Big enough to spill into overflow pages, which are freed differently from leaf cells.
    const big = Buffer.concat([randomBytes(40_000), Buffer.from(canary), randomBytes(40_000)]);
    await storage.putSession(session('gone', 1000, { title: `Title ${canary}` }));
    await storage.putSession(session('kept', 2000));
    await storage.append([
      { sessionId: 'gone', room: 'groupe-1', update: note },
      { sessionId: 'kept', room: 'groupe-1', update: Uint8Array.of(1, 2, 3) },
      { sessionId: 'gone', room: 'plenary', update: big },
    ]);
    await storage.compactRoom('gone', 'groupe-1', note, 1);

    const holders = (): string[] =>
      ['', '-wal', '-shm'].filter((suffix) => {
        const path = file + suffix;
        return existsSync(path) && readFileSync(path).includes(canary);
      });
    expect(holders().length).toBeGreaterThan(0); // the check below can see the canary

    await storage.deleteSession('gone');
    expect(holders()).toEqual([]);
    expect((await storage.loadRoom('kept', 'groupe-1')).rows).toBe(1);
    await storage.close();
    expect(holders()).toEqual([]);
  });

  it('has a committed append in its files before close (what a kill -9 leaves behind)', async () => {
    const file = freshFile();
    const storage = openSqliteStorage(file);
    await storage.append([{ sessionId: 's1', room: 'groupe-1', update: Uint8Array.of(4, 2) }]);
    // Copy the files as the OS has them while the process is still running, no checkpoint.
    const crashed = join(root, `crashed-${counter}`);
    mkdirSync(crashed);
    for (const suffix of ['', '-wal']) copyFileSync(file + suffix, join(crashed, `concerto.db${suffix}`));
    await storage.close();
    const recovered = openSqliteStorage(join(crashed, 'concerto.db'));
    expect(await recovered.loadRoom('s1', 'groupe-1')).toEqual({ updates: [Uint8Array.of(4, 2)], lastSeq: 1, rows: 1 });
    await recovered.close();
  });

  it('copies the WAL back into the database file from its worker, not on commits', async () => {
    const file = freshFile();
    const store = openSqliteStorage(file);
    const before = statSync(file).size;
    for (let i = 0; i < 50; i++) {
      await store.append([{ sessionId: 's', room: 'r', update: randomBytes(8 * 1024) }]);
    }
    // Commits alone never grow the main file: checkpoints are off on the writer's connection.
    expect(statSync(file).size).toBe(before);
    const start = Date.now();
    // Polled until the copy is whole: a checkpoint grows the file page by page, so the first
    // size that differs can be one taken in the middle of the copy.
    while (statSync(file).size <= before + 300 * 1024 && Date.now() - start < 5_000) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 300 * 1024);
    await store.close();
  });

  it('refuses a database written by a newer Concerto', () => {
    const file = freshFile();
    mkdirSync(join(file, '..'), { recursive: true });
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStorage(file)).toThrow(/newer/);
  });

  it('answers ping false once closed', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.close();
    expect(await storage.ping()).toBe(false);
  });
});
