/**
 * SQLite adapter (the default): one file, one connection, synchronous better-sqlite3 calls
 * behind the async port.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertSeq, assertThroughSeq } from './port.js';
import type { AppendEntry, LoadedRoom, Programme, ProgrammeRecord, ProgrammeSession, SessionRecord, SessionSummary, Storage } from './port.js';
import { toBuffer, toUint8Array } from './bytes.js';
import { parseMember, parseProgramme, parseSession, serializeMember, serializeProgramme, serializeSession, summarize } from './sessions.js';
import { toSqliteStorageError } from './sqliteErrors.js';
import { startCheckpointer } from './sqliteCheckpointer.js';

export interface SqliteStorage extends Storage {
  readonly kind: 'sqlite';
  /** the database file (`:memory:` for a throwaway store) */
  readonly file: string;
}

/**
 * Schema steps; `PRAGMA user_version` records how many have run, so a later release appends a
 * step here and existing files migrate on open.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX sessions_by_created_at ON sessions (created_at);
   CREATE TABLE updates (
     session_id TEXT NOT NULL,
     room TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (session_id, room, seq)
   );`,
  // Issue 11 §3: programmes (« démarches ») and the sessions they group. Additive.
  `CREATE TABLE programmes (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     revision INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE TABLE programme_sessions (
     programme_id TEXT NOT NULL,
     session_id TEXT NOT NULL,
     attached_at INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (programme_id, session_id)
   );
   CREATE INDEX programme_sessions_by_session ON programme_sessions (session_id);`,
  // Deleted sessions stay deleted: appends and puts of these ids are refused (another process
  // on the same file, or a write already on its way, may not know of the deletion yet).
  `CREATE TABLE deleted_sessions (
     id TEXT PRIMARY KEY,
     deleted_at INTEGER NOT NULL
   );`,
];

/** the -wal file's size after a rewind (see sqliteCheckpointer.ts for when it rewinds) */
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

export function openSqliteStorage(file: string): SqliteStorage {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    configure(db);
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  if (!inMemory) {
    // Checkpoints move to a worker thread (see sqliteCheckpointer.ts).
    db.pragma('wal_autocheckpoint = 0');
    // When a completed checkpoint lets the WAL rewind, its file is cut back to this size
    // (it would otherwise keep its largest size for the life of the process).
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  }
  return createSqliteStorage(db, file);
}

function configure(db: Database.Database): void {
  // WAL: readers never block the writer, and a commit is one sequential append to the -wal file.
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode does not fsync on each commit, but a committed transaction has been
  // written to the -wal file, i.e. handed to the OS, before the commit returns. So it survives
  // a crash or `kill -9` of this process (the durability rule: nothing relayed is lost). Only
  // an OS crash or power loss can drop the last commits; FULL would cover that too, at the
  // cost of an fsync per batch. A sync server relaying keystrokes picks NORMAL.
  db.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros, so a deleted session's content leaves the file.
  db.pragma('secure_delete = ON');
  // Another process (a backup, an operator's sqlite3 shell) may hold the lock briefly.
  db.pragma('busy_timeout = 5000');
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${version} is newer than this Concerto (${MIGRATIONS.length}); upgrade Concerto`,
    );
  }
  if (version === MIGRATIONS.length) return;
  db.transaction(() => {
    for (const step of MIGRATIONS.slice(version)) db.exec(step);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

function createSqliteStorage(db: Database.Database, file: string): SqliteStorage {
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file);
  const sql = {
    ping: db.prepare('SELECT 1').pluck(),
    putSession: db.prepare(
      `INSERT INTO sessions (id, created_at, data)
       SELECT @id, @createdAt, @data WHERE NOT EXISTS (SELECT 1 FROM deleted_sessions WHERE id = @id)
       ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, data = excluded.data`,
    ),
    isDeleted: db.prepare('SELECT 1 FROM deleted_sessions WHERE id = ?').pluck(),
    tombstone: db.prepare('INSERT INTO deleted_sessions (id, deleted_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'),
    getSession: db.prepare('SELECT data FROM sessions WHERE id = ?').pluck(),
    listSessions: db.prepare('SELECT data FROM sessions ORDER BY created_at DESC, id DESC').pluck(),
    deleteSessionUpdates: db.prepare('DELETE FROM updates WHERE session_id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    deleteSessionMemberships: db.prepare('DELETE FROM programme_sessions WHERE session_id = ?'),
    createProgramme: db.prepare('INSERT INTO programmes (id, created_at, revision, data) VALUES (?, ?, ?, ?)'),
    getProgramme: db.prepare('SELECT data FROM programmes WHERE id = ?').pluck(),
    updateProgramme: db.prepare('UPDATE programmes SET revision = ?, data = ? WHERE id = ? AND revision = ?'),
    programmeSessions: db
      .prepare('SELECT attached_at, data FROM programme_sessions WHERE programme_id = ? ORDER BY attached_at, session_id'),
    attachSession: db.prepare(
      `INSERT INTO programme_sessions (programme_id, session_id, attached_at, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (programme_id, session_id) DO UPDATE SET data = excluded.data`,
    ),
    detachSession: db.prepare('DELETE FROM programme_sessions WHERE programme_id = ? AND session_id = ?'),
    deleteProgrammeMembers: db.prepare('DELETE FROM programme_sessions WHERE programme_id = ?'),
    deleteProgramme: db.prepare('DELETE FROM programmes WHERE id = ?'),
    checkpoint: db.prepare('PRAGMA wal_checkpoint(TRUNCATE)'),
    loadRoom: db.prepare('SELECT seq, data FROM updates WHERE session_id = ? AND room = ? ORDER BY seq'),
    loadRoomSince: db.prepare(
      'SELECT seq, data FROM updates WHERE session_id = ? AND room = ? AND seq > ? ORDER BY seq',
    ),
    roomStats: db.prepare(
      'SELECT COUNT(*) AS rows, COALESCE(MAX(seq), 0) AS lastSeq FROM updates WHERE session_id = ? AND room = ?',
    ),
    lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM updates WHERE session_id = ? AND room = ?').pluck(),
    insertUpdate: db.prepare('INSERT INTO updates (session_id, room, seq, data) VALUES (?, ?, ?, ?)'),
    lastSeqThrough: db
      .prepare('SELECT MAX(seq) FROM updates WHERE session_id = ? AND room = ? AND seq <= ?')
      .pluck(),
    deleteThrough: db.prepare('DELETE FROM updates WHERE session_id = ? AND room = ? AND seq <= ?'),
    listRooms: db.prepare('SELECT DISTINCT room FROM updates WHERE session_id = ? ORDER BY room').pluck(),
  };

  // Seq numbers: the next seq of a room is read from the primary-key index (MAX(seq), one
  // b-tree descent) once per room per batch, inside the write transaction. No in-memory cache
  // to keep right across deleteSession, compaction or a second process on the same file, and
  // no global counter whose gaps would be meaningless.
  const append = db.transaction((entries: readonly AppendEntry[]): (number | null)[] => {
    const next = new Map<string, number>();
    const deleted = new Map<string, boolean>();
    return entries.map(({ sessionId, room, update }) => {
      let gone = deleted.get(sessionId);
      if (gone === undefined) deleted.set(sessionId, (gone = sql.isDeleted.get(sessionId) !== undefined));
      if (gone) return null;
      const key = JSON.stringify([sessionId, room]);
      const seq = (next.get(key) ?? (sql.lastSeq.get(sessionId, room) as number)) + 1;
      next.set(key, seq);
      sql.insertUpdate.run(sessionId, room, seq, toBuffer(update));
      return seq;
    });
  });

  // Deferred read transaction: the rows and the stats come from one snapshot even if another
  // process writes the file in between.
  const loadSince = db.transaction((sessionId: string, room: string, afterSeq: number): LoadedRoom => {
    const rows = sql.loadRoomSince.all(sessionId, room, afterSeq) as { seq: number; data: Buffer }[];
    const stats = sql.roomStats.get(sessionId, room) as { rows: number; lastSeq: number };
    return { updates: rows.map((r) => toUint8Array(r.data)), lastSeq: stats.lastSeq, rows: stats.rows };
  });

  const compact = db.transaction((sessionId: string, room: string, snapshot: Uint8Array, throughSeq: number) => {
    const last = sql.lastSeqThrough.get(sessionId, room, throughSeq) as number | null;
    if (last === null) return false;
    sql.deleteThrough.run(sessionId, room, throughSeq);
    sql.insertUpdate.run(sessionId, room, last, toBuffer(snapshot));
    return true;
  });

  const readProgramme = db.transaction((id: string): Programme | null => {
    const data = sql.getProgramme.get(id) as string | undefined;
    if (data === undefined) return null;
    const rows = sql.programmeSessions.all(id) as { attached_at: number; data: string }[];
    const members = rows.map((r) => parseMember(r.data, r.attached_at));
    return { ...parseProgramme(data), sessions: members };
  });

  const deleteRows = db.transaction((id: string) => {
    sql.deleteSessionMemberships.run(id);
    sql.tombstone.run(id, Date.now());
    sql.deleteSessionUpdates.run(id);
    sql.deleteSession.run(id);
  });

  const deleteProgrammeRows = db.transaction((id: string): boolean => {
    sql.deleteProgrammeMembers.run(id);
    return sql.deleteProgramme.run(id).changes === 1;
  });

  const store: SqliteStorage = {
    kind: 'sqlite',
    file,

    async ping() {
      try {
        return sql.ping.get() === 1;
      } catch {
        return false;
      }
    },

    async putSession(session: SessionRecord) {
      sql.putSession.run({ id: session.id, createdAt: session.createdAt, data: serializeSession(session) });
    },

    async getSession(id: string) {
      const data = sql.getSession.get(id) as string | undefined;
      return data === undefined ? null : parseSession(data);
    },

    async listSessions(): Promise<SessionSummary[]> {
      return (sql.listSessions.all() as string[]).map((data) => summarize(parseSession(data)));
    },

    async deleteSession(id: string) {
      deleteRows.immediate(id);
      // secure_delete zeroes the freed pages, but the WAL still holds older copies of them
      // (the frames written when the content was inserted) until a checkpoint overwrites the
      // file. TRUNCATE copies everything into the main file and empties the WAL now.
      sql.checkpoint.get();
    },

    async createProgramme(programme: ProgrammeRecord) {
      sql.createProgramme.run(programme.id, programme.createdAt, programme.revision, serializeProgramme(programme));
    },

    async getProgramme(id: string) {
      return readProgramme.deferred(id);
    },

    async updateProgramme(programme: ProgrammeRecord, expectedRevision: number) {
      const { changes } = sql.updateProgramme.run(programme.revision, serializeProgramme(programme), programme.id, expectedRevision);
      return changes === 1;
    },

    async attachSession(programmeId: string, member: ProgrammeSession) {
      sql.attachSession.run(programmeId, member.sessionId, member.attachedAt, serializeMember(member));
    },

    async detachSession(programmeId: string, sessionId: string) {
      return sql.detachSession.run(programmeId, sessionId).changes === 1;
    },

    async deleteProgramme(id: string) {
      return deleteProgrammeRows.immediate(id);
    },

    async loadRoom(sessionId: string, room: string): Promise<LoadedRoom> {
      const rows = sql.loadRoom.all(sessionId, room) as { seq: number; data: Buffer }[];
      return {
        updates: rows.map((r) => toUint8Array(r.data)),
        lastSeq: rows.at(-1)?.seq ?? 0,
        rows: rows.length,
      };
    },

    async loadRoomSince(sessionId: string, room: string, afterSeq: number): Promise<LoadedRoom> {
      assertSeq('afterSeq', afterSeq);
      return loadSince.deferred(sessionId, room, afterSeq);
    },

    async append(entries: readonly AppendEntry[]) {
      // BEGIN IMMEDIATE: take the write lock before reading MAX(seq).
      return entries.length > 0 ? append.immediate(entries) : [];
    },

    async compactRoom(sessionId: string, room: string, snapshot: Uint8Array, throughSeq: number) {
      assertThroughSeq(throughSeq);
      return compact.immediate(sessionId, room, snapshot, throughSeq);
    },

    async listRooms(sessionId: string) {
      return sql.listRooms.all(sessionId) as string[];
    },

    async close() {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
  // A full disk or an I/O error is an outage like PostgreSQL's being unreachable: the HTTP
  // layer answers 503 and the registry retries the batch (sqliteErrors.ts).
  for (const name of GUARDED) {
    const method = store[name] as (...args: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (err) {
        throw toSqliteStorageError(err);
      }
    };
  }
  return store;
}

const GUARDED = ['putSession', 'getSession', 'listSessions', 'deleteSession', 'createProgramme', 'getProgramme', 'updateProgramme', 'attachSession', 'detachSession', 'deleteProgramme', 'loadRoom', 'loadRoomSince', 'append', 'compactRoom', 'listRooms'] as const;
