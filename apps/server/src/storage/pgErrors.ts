/** Which PostgreSQL client errors mean "the database cannot be reached" (answer 503). */
import { StorageUnavailableError } from './port.js';

/** socket-level failures reported by Node when connecting or talking to the server */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** SQLSTATEs of a server that is going away, starting up, or full */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres reports a dropped socket or a timeout with plain Errors that have no code */
const CLIENT_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable/i;

export function isConnectionError(err: unknown): boolean {
  if (err instanceof StorageUnavailableError) return true;
  // Node's happy-eyeballs connect (a host name with IPv4 and IPv6 addresses) aggregates errors.
  if (err instanceof AggregateError && err.errors.some(isConnectionError)) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Class 08: connection exception.
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
  }
  return CLIENT_MESSAGES.test(err.message);
}

/** connection errors become StorageUnavailableError (cause kept); anything else is rethrown as is */
export function toStorageError(err: unknown): unknown {
  if (err instanceof StorageUnavailableError || !isConnectionError(err)) return err;
  const { message, code } = err as { message?: unknown; code?: unknown };
  const reason = typeof message === 'string' && message !== '' ? message : String(code ?? err);
  return new StorageUnavailableError(`PostgreSQL is unavailable: ${reason}`, { cause: err });
}
