/**
 * PostgreSQL adapter: a pg.Pool, tables created on first contact, appends group-committed.
 * Several server processes may share the database (Redis fan-out), so seq numbers come from a
 * per-room counter row whose lock serializes writers of that room across processes.
 */
import { toBuffer, toUint8Array } from './bytes.js';
import { CommitQueue } from './commitQueue.js';
import { isConnectionError, toStorageError } from './pgErrors.js';
import { PgPool } from './pgPool.js';
import { assertSeq, assertThroughSeq } from './port.js';
import type { AppendEntry, LoadedRoom, Programme, ProgrammeRecord, ProgrammeSession, SessionRecord, SessionSummary, Storage } from './port.js';
import { parseMember, parseProgramme, parseSession, serializeMember, serializeProgramme, serializeSession, summarize } from './sessions.js';

export interface PostgresStorage extends Storage {
  readonly kind: 'postgres';
}

export interface PostgresOptions {
  /** errors of idle pooled connections (the server restarted...); they never crash the process */
  onIdleError?: (err: Error) => void;
}

/** Schema steps; `schema_version` records how many have run. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  // COLLATE "C": byte order, the same as SQLite's, and the lock order used below.
  `CREATE TABLE sessions (
     id text COLLATE "C" PRIMARY KEY,
     created_at bigint NOT NULL,
     data text NOT NULL
   );
   CREATE INDEX sessions_by_created_at ON sessions (created_at);
   CREATE TABLE rooms (
     session_id text COLLATE "C" NOT NULL,
     room text COLLATE "C" NOT NULL,
     last_seq bigint NOT NULL,
     PRIMARY KEY (session_id, room)
   );
   CREATE TABLE updates (
     session_id text COLLATE "C" NOT NULL,
     room text COLLATE "C" NOT NULL,
     seq bigint NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (session_id, room, seq)
   );`,
  // Issue 11 §3: programmes (« démarches ») and the sessions they group. Additive.
  `CREATE TABLE programmes (
     id text COLLATE "C" PRIMARY KEY,
     created_at bigint NOT NULL,
     revision bigint NOT NULL,
     data text NOT NULL
   );
   CREATE TABLE programme_sessions (
     programme_id text COLLATE "C" NOT NULL,
     session_id text COLLATE "C" NOT NULL,
     attached_at bigint NOT NULL,
     data text NOT NULL,
     PRIMARY KEY (programme_id, session_id)
   );
   CREATE INDEX programme_sessions_by_session ON programme_sessions (session_id);`,
  // Deleted sessions stay deleted: appends and puts of these ids are refused (a writer on
  // another instance may not have heard of the deletion yet).
  `CREATE TABLE deleted_sessions (
     id text COLLATE "C" PRIMARY KEY,
     deleted_at bigint NOT NULL
   );`,
  // One append in one statement, so one round trip when it fits one call (see appendEntries):
  // the sessions' locks shared (a deletion holds its own exclusively), then — a new statement,
  // a new snapshot, so a deletion committed meanwhile is seen — each live room's counter bumped
  // in sorted order (no deadlock between two appends; a room's seqs commit in increasing order
  // across processes) and the rows inserted with their seqs. One seq per entry, in entry order,
  // null for a deleted session's entries.
  `CREATE FUNCTION concerto_append(lock_key integer, s text[], r text[], d bytea[]) RETURNS SETOF bigint
   LANGUAGE plpgsql AS $fn$
   BEGIN
     PERFORM pg_advisory_xact_lock_shared(lock_key, k)
       FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest(s) AS x ORDER BY k) AS keys;
     RETURN QUERY
     WITH entries AS (
       SELECT i, s[i] AS sid, r[i] AS rm, d[i] AS data FROM generate_subscripts(s, 1) AS i
     ), counts AS (
       SELECT e.sid, e.rm, count(*)::bigint AS n FROM entries AS e GROUP BY e.sid, e.rm
     ), bumped AS (
       INSERT INTO rooms (session_id, room, last_seq)
       SELECT c.sid, c.rm, c.n FROM counts AS c
       WHERE NOT EXISTS (SELECT 1 FROM deleted_sessions AS t WHERE t.id = c.sid)
       ORDER BY c.sid COLLATE "C", c.rm COLLATE "C"
       ON CONFLICT (session_id, room) DO UPDATE SET last_seq = rooms.last_seq + excluded.last_seq
       RETURNING rooms.session_id, rooms.room, rooms.last_seq
     ), numbered AS (
       SELECT e.i, e.sid, e.rm, e.data,
              b.last_seq - c.n + row_number() OVER (PARTITION BY e.sid, e.rm ORDER BY e.i) AS assigned
       FROM entries AS e
       JOIN bumped AS b ON b.session_id = e.sid AND b.room = e.rm
       JOIN counts AS c ON c.sid = e.sid AND c.rm = e.rm
     ), inserted AS (
       INSERT INTO updates (session_id, room, seq, data) SELECT n.sid, n.rm, n.assigned, n.data FROM numbered AS n
     )
     SELECT n.assigned FROM entries AS e LEFT JOIN numbered AS n ON n.i = e.i ORDER BY e.i;
   END
   $fn$;`,
];

/** advisory lock held while migrating, so processes starting together do not race */
const MIGRATION_LOCK = 0x436f6e63; // "Conc"
/**
 * First key of the per-session advisory locks (the second is hashtext(session id)): appends
 * hold it shared, a deletion exclusive, so no append lands rows of a session once its deletion
 * began — not even in a room that had no row yet, which no row lock could cover.
 */
const SESSION_LOCKS = 0x53657373; // "Sess"

/** first key of the per-room advisory locks that keep two compactions of a room apart (the
 * second is hashtext of "<session>/<room>"; a collision only serializes two compactions more) */
const COMPACTION_LOCKS = 0x436f6d70; // "Comp"

/** limits of one append call: a parameter a row stays far below the protocol's 65535, and the
 * bytes cap keeps one Bind message well under PostgreSQL's 1 GB */
const INSERT_ROWS = 1000;
const INSERT_BYTES = 64 * 1024 * 1024;

/**
 * Opens a pool on `url`. When the database cannot be reached yet it still resolves (ping()
 * answers false, calls reject with StorageUnavailableError) and sets the schema up on the first
 * call that reaches it, so the server can start and report 503 until PostgreSQL is up.
 */
export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
  const pool = new PgPool(url, (err) => options.onIdleError?.(err));

  let ready: Promise<void> | null = null;
  const ensureSchema = (): Promise<void> =>
    (ready ??= migrate(pool).catch((err: unknown) => {
      ready = null; // retried by the next call
      throw err;
    }));

  try {
    await ensureSchema();
  } catch (err) {
    if (!isConnectionError(err)) {
      await pool.end();
      throw err;
    }
  }

  /** every call: schema first, connection errors mapped for the HTTP layer */
  async function use<T>(work: () => Promise<T>): Promise<T> {
    try {
      await ensureSchema();
      return await work();
    } catch (err) {
      throw toStorageError(err);
    }
  }

  const appends = new CommitQueue<AppendEntry, number | null>(
    (entries) => use(() => appendEntries(pool, entries)),
    (err) => !isConnectionError(err),
  );

  let closed: Promise<void> | null = null;

  return {
    kind: 'postgres',

    async ping() {
      try {
        await use(() => pool.query('SELECT 1'));
        return true;
      } catch {
        return false;
      }
    },

    putSession: (session: SessionRecord) =>
      use(async () => {
        // A deleted session's record is not brought back (a lock set elsewhere as it was deleted).
        await pool.query(
          `INSERT INTO sessions (id, created_at, data)
           SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM deleted_sessions WHERE id = $1)
           ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, data = excluded.data`,
          [session.id, session.createdAt, serializeSession(session)],
        );
      }),

    getSession: (id: string) =>
      use(async () => {
        const { rows } = await pool.query<{ data: string }>('SELECT data FROM sessions WHERE id = $1', [id]);
        const row = rows[0];
        return row === undefined ? null : parseSession(row.data);
      }),

    listSessions: () =>
      use(async (): Promise<SessionSummary[]> => {
        const { rows } = await pool.query<{ data: string }>(
          'SELECT data FROM sessions ORDER BY created_at DESC, id DESC',
        );
        return rows.map((r) => summarize(parseSession(r.data)));
      }),

    deleteSession: (id: string) =>
      use(() =>
        pool.transaction(async (client) => {
          // Waits for the appends that hold this session's lock (shared), and keeps new ones out
          // until the tombstone is committed: they then find it and refuse the session's rows.
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SESSION_LOCKS, id]);
          await client.query(
            'INSERT INTO deleted_sessions (id, deleted_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
            [id, Date.now()],
          );
          await client.query('DELETE FROM programme_sessions WHERE session_id = $1', [id]);
          await client.query('DELETE FROM rooms WHERE session_id = $1', [id]);
          await client.query('DELETE FROM updates WHERE session_id = $1', [id]);
          await client.query('DELETE FROM sessions WHERE id = $1', [id]);
          // The bytes of dead rows stay in PostgreSQL's files until reused (see README.md):
          // no cheap online wipe exists, VACUUM FULL would lock the table for every session.
        }),
      ),

    createProgramme: (programme: ProgrammeRecord) =>
      use(async () => {
        await pool.query('INSERT INTO programmes (id, created_at, revision, data) VALUES ($1, $2, $3, $4)', [
          programme.id,
          programme.createdAt,
          programme.revision,
          serializeProgramme(programme),
        ]);
      }),

    getProgramme: (id: string) =>
      use(async (): Promise<Programme | null> => {
        // One statement, one snapshot: the record and its sessions agree.
        const { rows } = await pool.query<{ data: string; member: string | null; attached_at: string | null }>(
          `SELECT p.data, m.data AS member, m.attached_at FROM programmes AS p
           LEFT JOIN programme_sessions AS m ON m.programme_id = p.id
           WHERE p.id = $1 ORDER BY m.attached_at, m.session_id`,
          [id],
        );
        const first = rows[0];
        if (first === undefined) return null;
        return { ...parseProgramme(first.data), sessions: rows.flatMap((r) => (r.member === null || r.attached_at === null ? [] : [parseMember(r.member, r.attached_at)])) };
      }),

    updateProgramme: (programme: ProgrammeRecord, expectedRevision: number) =>
      use(async () => {
        const { rowCount } = await pool.query('UPDATE programmes SET revision = $1, data = $2 WHERE id = $3 AND revision = $4', [
          programme.revision,
          serializeProgramme(programme),
          programme.id,
          expectedRevision,
        ]);
        return rowCount === 1;
      }),

    attachSession: (programmeId: string, member: ProgrammeSession) =>
      use(async () => {
        await pool.query(
          `INSERT INTO programme_sessions (programme_id, session_id, attached_at, data) VALUES ($1, $2, $3, $4)
           ON CONFLICT (programme_id, session_id) DO UPDATE SET data = excluded.data`,
          [programmeId, member.sessionId, member.attachedAt, serializeMember(member)],
        );
      }),

    detachSession: (programmeId: string, sessionId: string) =>
      use(async () => {
        const { rowCount } = await pool.query('DELETE FROM programme_sessions WHERE programme_id = $1 AND session_id = $2', [programmeId, sessionId]);
        return rowCount === 1;
      }),

    deleteProgramme: (id: string) =>
      use(() =>
        pool.transaction(async (client) => {
          await client.query('DELETE FROM programme_sessions WHERE programme_id = $1', [id]);
          const { rowCount } = await client.query('DELETE FROM programmes WHERE id = $1', [id]);
          return rowCount === 1;
        }),
      ),

    loadRoom: (sessionId: string, room: string) =>
      use(async (): Promise<LoadedRoom> => {
        // One statement reads one snapshot. Seqs are assigned under the room's lock and so
        // commit in order: what it sees is always a prefix of the log.
        const { rows } = await pool.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM updates WHERE session_id = $1 AND room = $2 ORDER BY seq',
          [sessionId, room],
        );
        const last = rows.at(-1);
        return {
          updates: rows.map((r) => toUint8Array(r.data)),
          lastSeq: last === undefined ? 0 : Number(last.seq),
          rows: rows.length,
        };
      }),

    async loadRoomSince(sessionId: string, room: string, afterSeq: number) {
      assertSeq('afterSeq', afterSeq);
      return use(async (): Promise<LoadedRoom> => {
        // One statement, one snapshot: the stats and the rows agree. The LEFT JOIN yields one
        // row with a null seq when nothing is newer than afterSeq.
        const { rows } = await pool.query<{ total: string; last: string; seq: string | null; data: Buffer | null }>(
          `SELECT s.total, s.last, u.seq, u.data
           FROM (SELECT COUNT(*) AS total, COALESCE(MAX(seq), 0) AS last
                 FROM updates WHERE session_id = $1 AND room = $2) AS s
           LEFT JOIN updates AS u ON u.session_id = $1 AND u.room = $2 AND u.seq > $3
           ORDER BY u.seq`,
          [sessionId, room, afterSeq],
        );
        const first = rows[0];
        return {
          updates: rows.flatMap((r) => (r.data === null ? [] : [toUint8Array(r.data)])),
          lastSeq: first === undefined ? 0 : Number(first.last),
          rows: first === undefined ? 0 : Number(first.total),
        };
      });
    },

    async append(entries: readonly AppendEntry[]) {
      return entries.length > 0 ? appends.push(entries) : [];
    },

    async compactRoom(sessionId: string, room: string, snapshot: Uint8Array, throughSeq: number) {
      assertThroughSeq(throughSeq);
      return use(() =>
        pool.transaction(async (client) => {
          // Serialized with other compactions of this room (other processes too) and with the
          // session's deletion, but not with appends: they only add seqs above the last stored
          // one, and throughSeq was read from storage (a room's seqs commit in order), so no
          // append can still land at or below it. Holding the room's counter row instead made
          // every flush of every instance that touched the room wait for this transaction's
          // delete, insert and fsync: the cluster bench's p95 was 75 ms for that alone.
          await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($3)), pg_advisory_xact_lock($2, hashtext($3 || $4))', [
            SESSION_LOCKS,
            COMPACTION_LOCKS,
            sessionId,
            `/${room}`,
          ]);
          const { rows } = await client.query<{ last: string | null }>(
            'SELECT MAX(seq) AS last FROM updates WHERE session_id = $1 AND room = $2 AND seq <= $3',
            [sessionId, room, throughSeq],
          );
          const last = rows[0]?.last ?? null;
          if (last === null) return false;
          await client.query('DELETE FROM updates WHERE session_id = $1 AND room = $2 AND seq <= $3', [
            sessionId,
            room,
            throughSeq,
          ]);
          await client.query('INSERT INTO updates (session_id, room, seq, data) VALUES ($1, $2, $3, $4)', [
            sessionId,
            room,
            last,
            toBuffer(snapshot),
          ]);
          return true;
        }),
      );
    },

    listRooms: (sessionId: string) =>
      use(async () => {
        const { rows } = await pool.query<{ room: string }>(
          'SELECT room FROM rooms WHERE session_id = $1 ORDER BY room',
          [sessionId],
        );
        return rows.map((r) => r.room);
      }),

    close() {
      closed ??= appends.settled().then(() => pool.end());
      return closed;
    },
  };
}

function migrate(pool: PgPool): Promise<void> {
  return pool.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const version = rows[0]?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${version} is newer than this Concerto (${MIGRATIONS.length}); upgrade Concerto`,
      );
    }
    if (version === MIGRATIONS.length) return;
    for (const step of MIGRATIONS.slice(version)) await client.query(step);
    await client.query('DELETE FROM schema_version');
    await client.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
  });
}

/**
 * One append, all or nothing: a single `concerto_append` call (one round trip, its own
 * transaction) when the entries fit one statement — the usual flush — else one call per chunk
 * inside a transaction. The round trips were most of a commit's time on a busy machine.
 */
async function appendEntries(pool: PgPool, entries: readonly AppendEntry[]): Promise<(number | null)[]> {
  const parts = [...chunks(entries)];
  if (parts.length === 1) return appendCall((text, values) => pool.query(text, values), parts[0]!);
  return pool.transaction(async (client) => {
    const seqs: (number | null)[] = [];
    for (const part of parts) seqs.push(...(await appendCall((text, values) => client.query(text, values), part)));
    return seqs;
  });
}

/** a pooled query, or one on a transaction's client */
type Query = (text: string, values: unknown[]) => Promise<{ rows: { seq: string | null }[] }>;

async function appendCall(query: Query, entries: readonly AppendEntry[]): Promise<(number | null)[]> {
  // The updates as one parameter each, sent binary (an array parameter would go as hex text).
  const data = entries.map((_, i) => `$${i + 4}::bytea`).join(', ');
  const { rows } = await query(`SELECT seq FROM concerto_append($1, $2, $3, ARRAY[${data}]) AS seq`, [
    SESSION_LOCKS,
    entries.map((e) => e.sessionId),
    entries.map((e) => e.room),
    ...entries.map((e) => toBuffer(e.update)),
  ]);
  if (rows.length !== entries.length) throw new Error(`append: ${rows.length} seqs for ${entries.length} entries`);
  return rows.map((r) => (r.seq === null ? null : Number(r.seq)));
}

/** consecutive runs of entries that fit one INSERT statement */
function* chunks<T extends AppendEntry>(entries: readonly T[]): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (chunk.length > 0 && (chunk.length === INSERT_ROWS || bytes + entry.update.byteLength > INSERT_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(entry);
    bytes += entry.update.byteLength;
  }
  if (chunk.length > 0) yield chunk;
}
