/**
 * The storage port: everything the sync server needs from a database, and nothing more.
 *
 * A Yjs room is kept as an append-only log of binary updates, compacted now and then into one
 * snapshot row. Adapters (`sqlite.ts`, `postgres.ts`) implement it and pass `contract.ts`.
 */

import type { CarriedOverItem } from '@concerto/contract';

export interface SessionRecord {
  id: string;
  title: string;
  questions: string[];
  keyIdeaLimit: number;
  groups: { id: string; name: string }[];
  createdAt: number; // ms since epoch
  /** free-form settings that later features add (locks, phase, closed...): JSON-safe */
  settings: Record<string, unknown>;
  /** issue 11 §3: what this session took over from earlier ones of its programme */
  carriedOver?: CarriedOverItem[];
}

export interface SessionSummary {
  id: string;
  title: string;
  createdAt: number;
}

/**
 * A « démarche » (issue 11 §3): sessions of several territories grouped, and the facilitator's
 * consolidation of their themes. `merges` is all the consolidation stores (the votes are read
 * from each session's plenary); `revision` counts its changes, for compare-and-set.
 */
export interface ProgrammeRecord {
  id: string;
  title: string;
  createdAt: number; // ms since epoch
  revision: number;
  merges: { id: string; title: string; members: string[] }[];
}

/** A session's place in a programme. */
export interface ProgrammeSession {
  sessionId: string;
  territory: string;
  /** the day of the session, ISO `YYYY-MM-DD`, when known */
  date: string | null;
  attachedAt: number; // ms since epoch
}

export interface Programme extends ProgrammeRecord {
  /** in the order they were attached */
  sessions: ProgrammeSession[];
}

export interface AppendEntry {
  sessionId: string;
  room: string;
  update: Uint8Array;
}

export interface LoadedRoom {
  /** the snapshot (if any) first, then every later update in append order */
  updates: Uint8Array[];
  /** highest sequence number in the room's log, 0 when empty; pass it to compactRoom */
  lastSeq: number;
  /** how many rows the room's log has (snapshot included) */
  rows: number;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** true when the backing store answers (drives /healthz); never rejects */
  ping(): Promise<boolean>;
  /** insert or replace the whole record; ignored for a deleted session's id */
  putSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  /** newest first (by createdAt) */
  listSessions(): Promise<SessionSummary[]>;
  /**
   * Removes the session and every room's log, in one transaction. Participants are promised
   * deletion: the content must leave the store's files, not merely become unreachable, as far
   * as the store allows (SQLite wipes it; PostgreSQL's limits are in README.md). It leaves
   * every programme it was part of.
   *
   * A deleted session stays deleted: its id is remembered, later appends of its rows are
   * refused (see append) and putSession of it is ignored. Ids are never reused.
   */
  deleteSession(id: string): Promise<void>;
  /** inserts a new programme (its id is new: ids are random) */
  createProgramme(programme: ProgrammeRecord): Promise<void>;
  getProgramme(id: string): Promise<Programme | null>;
  /**
   * Compare-and-set: stores `programme` only if the stored revision is still `expectedRevision`
   * (two facilitators' consoles, or two instances, never overwrite each other's merges
   * unseen). False when it was not stored: unknown programme or another revision.
   */
  updateProgramme(programme: ProgrammeRecord, expectedRevision: number): Promise<boolean>;
  /** adds the session to the programme, or updates its territory and date (keeping its place) */
  attachSession(programmeId: string, member: ProgrammeSession): Promise<void>;
  /** takes the session out of the programme (the session stays); false when it was not in it */
  detachSession(programmeId: string, sessionId: string): Promise<boolean>;
  /**
   * Removes the programme and its list of sessions, in one transaction; the sessions stay (each
   * has its own facilitator and may run on). False when there was no such programme.
   */
  deleteProgramme(id: string): Promise<boolean>;
  loadRoom(sessionId: string, room: string): Promise<LoadedRoom>;
  /**
   * The rows with seq > afterSeq, in order, read as one consistent snapshot: what an instance
   * that has applied the log through afterSeq lacks. A compacted snapshot row whose seq is above
   * afterSeq comes first: it covers the rows it replaced, and applying it to a document that
   * already holds part of them is correct (Yjs updates are idempotent). `lastSeq` and `rows`
   * describe the whole log, as in loadRoom (lastSeq 0 when empty), so `lastSeq <= afterSeq`
   * means nothing is missing.
   */
  loadRoomSince(sessionId: string, room: string, afterSeq: number): Promise<LoadedRoom>;
  /**
   * Durable when the promise resolves; all entries in one transaction, in order. Calls land in
   * the order they were made, even when not awaited in between.
   *
   * The server relays an update only after this resolves (the durability rule). When it
   * rejects with StorageUnavailableError the outcome is unknown (the commit may have reached
   * the database before the connection died); appending the same updates again is safe since
   * applying a Yjs update twice is a no-op.
   *
   * Resolves to the seq assigned to each entry, in entry order (a room's seqs increase within
   * a batch and across batches, across processes too): the fan-out publishes them, and a
   * receiver that sees a gap catches up with loadRoomSince.
   *
   * An entry of a deleted session is refused: not stored, its seq null (the other entries are
   * stored). A deletion and an append racing in two processes thus never leave rows behind.
   */
  append(entries: readonly AppendEntry[]): Promise<(number | null)[]>;
  /**
   * Atomically replaces every row with seq <= throughSeq by one snapshot row; rows after it
   * stay. The snapshot row takes the seq of the last row it replaces, so lastSeq never moves
   * back. A no-op when the room has no row with seq <= throughSeq (nothing to replace: this
   * also keeps a compaction that raced deleteSession from bringing deleted content back, and
   * two compactions of one room by two processes from losing or duplicating rows: the later
   * one through a lower seq finds nothing to replace). Resolves to whether rows were replaced.
   */
  compactRoom(sessionId: string, room: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean>;
  /** the rooms of the session that have a log, sorted (byte order) */
  listRooms(sessionId: string): Promise<string[]>;
  /** waits for pending appends, then releases the store; calling it again is a no-op */
  close(): Promise<void>;
}

/** Thrown when the backing store cannot be reached; the HTTP layer answers 503. */
export class StorageUnavailableError extends Error {
  readonly code = 'storage-unavailable' as const;

  constructor(message = 'storage is unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** Rejects what would corrupt a log's order: seq numbers are non-negative safe integers. */
export function assertThroughSeq(throughSeq: number): void {
  assertSeq('throughSeq', throughSeq);
}

export function assertSeq(name: string, seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${seq}`);
  }
}
