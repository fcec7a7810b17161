/**
 * The pg.Pool behind the PostgreSQL adapter, with the two things node-postgres leaves to us:
 * no client error may crash the process, and a pooled connection that the server dropped while
 * it sat idle (restart, failover, idle timeout) is replaced instead of failing the call.
 */
import pg from 'pg';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { isConnectionError } from './pgErrors.js';

const POOL_SIZE = 10;

export class PgPool {
  readonly #pool: pg.Pool;
  /** clients that have run a statement before: only those can be stale */
  readonly #used = new WeakSet<PoolClient>();

  constructor(url: string, onIdleError: (err: Error) => void) {
    this.#pool = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      // A network partition sends no RST: without these a call would wait for TCP to give up.
      query_timeout: 30_000,
      keepAlive: true,
    });
    // An idle client whose connection dies emits 'error' on the pool; unhandled, that would
    // crash the process. The pool has already discarded the client.
    this.#pool.on('error', onIdleError);
  }

  /** one statement (all of ours are safe to send again: reads and idempotent upserts) */
  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    const { client, result } = await this.#checkout<R>(text, values);
    this.#release(client, false);
    return result;
  }

  /** BEGIN, work, COMMIT on one client; any failure destroys the connection, which rolls back */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const { client } = await this.#checkout('BEGIN');
    let failed = false;
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      this.#release(client, failed);
    }
  }

  end(): Promise<void> {
    return this.#pool.end();
  }

  /**
   * A client whose first statement succeeded. A reused connection failing that statement with
   * a connection error was dead before we sent anything, so nothing ran: try the next one.
   * Each try destroys one stale client, and a fresh connection that fails ends the loop.
   */
  async #checkout<R extends QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ client: PoolClient; result: QueryResult<R> }> {
    for (;;) {
      const client = await this.#pool.connect();
      const reused = this.#used.has(client);
      this.#used.add(client);
      // A checked-out client has no pool listener: an 'error' event while we hold it (the
      // server terminated the connection) would crash the process. The pending query rejects.
      client.on('error', ignore);
      try {
        return { client, result: await client.query<R>(text, values) };
      } catch (err) {
        const lost = isConnectionError(err);
        this.#release(client, lost);
        if (!(lost && reused)) throw err;
      }
    }
  }

  #release(client: PoolClient, destroy: boolean): void {
    client.removeListener('error', ignore);
    client.release(destroy);
  }
}

function ignore(): void {}
