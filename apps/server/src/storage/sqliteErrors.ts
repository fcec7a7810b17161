/**
 * Which SQLite errors mean "storage cannot take writes now" (answer 503, retry the batch), as
 * PostgreSQL's connection errors do (pgErrors.ts): a full disk, an I/O error, a file that can
 * no longer be opened or written. Anything else (a constraint, a bug) stays a 500.
 */
import { StorageUnavailableError } from './port.js';

/** primary result codes; better-sqlite3 reports extended ones (SQLITE_IOERR_WRITE…) by name */
const OUTAGE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_NOMEM', 'SQLITE_PROTOCOL'];

export function isSqliteOutage(err: unknown): boolean {
  if (err instanceof StorageUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return OUTAGE_CODES.some((outage) => code === outage || code.startsWith(`${outage}_`));
}

/** outages become StorageUnavailableError (cause kept); anything else is rethrown as is */
export function toSqliteStorageError(err: unknown): unknown {
  if (err instanceof StorageUnavailableError || !isSqliteOutage(err)) return err;
  return new StorageUnavailableError(`SQLite cannot store: ${(err as Error).message}`, { cause: err });
}
