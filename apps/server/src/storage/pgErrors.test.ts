import { describe, expect, it } from 'vitest';
import { isConnectionError, toStorageError } from './pgErrors.js';
import { StorageUnavailableError } from './port.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('PostgreSQL error classification', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')],
    ['happy-eyeballs aggregate', Object.assign(new AggregateError([withCode('', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['server starting', withCode('the database system is starting up', '57P03')],
    ['connection exception class', withCode('connection failure', '08006')],
    ['dropped socket', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
  ])('treats %s as unavailable', (_, err) => {
    expect(isConnectionError(err)).toBe(true);
    const mapped = toStorageError(err);
    expect(mapped).toBeInstanceOf(StorageUnavailableError);
    expect((mapped as StorageUnavailableError).cause).toBe(err);
    expect((mapped as StorageUnavailableError).code).toBe('storage-unavailable');
  });

  it.each([
    ['syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['unique violation', withCode('duplicate key value', '23505')],
    ['programming error', new TypeError('x is not a function')],
    ['not an error', 'oops'],
  ])('passes %s through unchanged', (_, err) => {
    expect(isConnectionError(err)).toBe(false);
    expect(toStorageError(err)).toBe(err);
  });
});
