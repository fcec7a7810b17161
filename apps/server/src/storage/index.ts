import { join } from 'node:path';
import type { Storage } from './port.js';
import { openSqliteStorage } from './sqlite.js';

export { StorageUnavailableError } from './port.js';
export type { AppendEntry, LoadedRoom, Programme, ProgrammeRecord, ProgrammeSession, SessionRecord, SessionSummary, Storage } from './port.js';
export { openSqliteStorage } from './sqlite.js';
export type { SqliteStorage } from './sqlite.js';
export type { PostgresOptions, PostgresStorage } from './postgres.js';

export interface StorageOptions {
  /** where the SQLite file `concerto.db` lives when no database URL is given */
  dataDir: string;
  /** a `postgres://` or `postgresql://` URL switches to PostgreSQL; empty means unset */
  databaseUrl?: string;
  /** PostgreSQL only: errors of idle pooled connections, for logging */
  onIdleError?: (err: Error) => void;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  const url = opts.databaseUrl ?? '';
  if (POSTGRES_URL.test(url)) {
    // Loaded only here: `pg` costs a SQLite server memory it never uses (import './postgres.js' for the adapter itself).
    const { openPostgresStorage } = await import('./postgres.js');
    return openPostgresStorage(url, { onIdleError: opts.onIdleError });
  }
  // Silently falling back to SQLite would put the data somewhere the operator does not look
  // (often a container's ephemeral disk): refuse a URL we do not understand.
  if (url !== '') throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  return openSqliteStorage(join(opts.dataDir, 'concerto.db'));
}
