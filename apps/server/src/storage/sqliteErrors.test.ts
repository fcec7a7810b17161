import { describe, expect, it } from 'vitest';
import { nextCheckpoint } from './sqliteCheckpointer.js';
import { isSqliteOutage, toSqliteStorageError } from './sqliteErrors.js';
import { StorageUnavailableError } from './port.js';

const sqliteError = (code: string) => Object.assign(new Error(code.toLowerCase()), { code });

describe('SQLite outages', () => {
  it('a full disk, an I/O error or an unwritable file is an outage (503); a constraint is not', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_DBMOVED']) {
      expect(isSqliteOutage(sqliteError(code)), code).toBe(true);
      expect(toSqliteStorageError(sqliteError(code))).toBeInstanceOf(StorageUnavailableError);
    }
    for (const code of ['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_ERROR', 'SQLITE_FULLX']) expect(isSqliteOutage(sqliteError(code)), code).toBe(false);
    const bug = new TypeError('x is undefined');
    expect(toSqliteStorageError(bug)).toBe(bug);
  });
});

describe('WAL checkpoint strategy', () => {
  const MB = 1024 * 1024;
  it('truncates once everything is copied, restarts past the size bound, else waits', () => {
    expect(nextCheckpoint({ busy: 0, log: 100, checkpointed: 100, walBytes: 2 * MB }, 8 * MB)).toBe('TRUNCATE');
    expect(nextCheckpoint({ busy: 0, log: 0, checkpointed: 0, walBytes: 4096 }, 8 * MB)).toBe('TRUNCATE');
    expect(nextCheckpoint({ busy: 0, log: 0, checkpointed: 0, walBytes: 0 }, 8 * MB)).toBeNull();
    expect(nextCheckpoint({ busy: 0, log: 3000, checkpointed: 2900, walBytes: 9 * MB }, 8 * MB)).toBe('RESTART');
    expect(nextCheckpoint({ busy: 0, log: 300, checkpointed: 290, walBytes: 1 * MB }, 8 * MB)).toBeNull();
  });
});
