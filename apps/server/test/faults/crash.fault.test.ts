/**
 * 20 × kill -9 during writes, then a SIGTERM with edits in flight, on one SQLite server whose
 * data directory survives: every edit another participant saw is in the final document of a
 * fresh client (the ledger), and `PRAGMA integrity_check` answers ok.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, converged, createSession, describeNotes, synced, until } from '../cluster/cluster.js';
import type { ClusterClient } from '../cluster/cluster.js';
import { ledger } from '../cluster/ledger.js';
import type { Instance } from '../cluster/processes.js';
import { figure, sleep, sqliteInstance } from './faults.js';

const KILLS = 20;

describe('crashes during writes', () => {
  let instance: Instance | null = null;
  const clients: ClusterClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await instance?.kill9();
  });

  it(`${KILLS} × kill -9 and a SIGTERM with edits in flight lose no edit that was seen`, { timeout: 600_000 }, async () => {
    const started = await sqliteInstance('crash');
    instance = started.instance;
    const server = instance;
    await server.start();
    const session = await createSession(server);
    const group = session.groups[0]!;
    for (const name of ['ana', 'bruno', 'chloe']) clients.push(connectClient(name, server.wsUrl, session.id, group.id, group.token));
    await Promise.all(clients.map((c) => synced(c)));
    const book = ledger(clients);
    const stop = book.write(clients, 50);

    const t0 = Date.now();
    for (let k = 0; k < KILLS; k++) {
      await sleep(200 + Math.floor(Math.random() * 600));
      await server.kill9();
      await server.start();
      if (k % 5 === 4) figure(`crashes: ${k + 1} kills after ${Date.now() - t0} ms, ${book.written.size} written`);
    }
    // SIGTERM while the writers keep writing: the graceful shutdown stores what it applied.
    await sleep(300);
    const exitCode = await server.terminate();
    await server.start();
    await sleep(500);
    stop();
    const elapsed = Date.now() - t0;
    figure(`crashes: SIGTERM done after ${elapsed} ms`);

    await until(() => clients.every((c) => c.provider.wsconnected && c.provider.synced) && converged(clients), `convergence (${describeNotes(clients)})`, 30_000);
    // A fresh client reads what the server holds.
    const fresh = connectClient('fresh', server.wsUrl, session.id, group.id, group.token);
    clients.push(fresh);
    await synced(fresh);
    await until(() => fresh.notes().length >= book.seenByOthers.size, 'the fresh client holds every seen edit', 15_000).catch(() => undefined);
    const held = new Set(fresh.notes());
    const lostSeen = [...book.seenByOthers].filter((t) => !held.has(t));
    const lostWritten = [...book.written].filter((t) => !held.has(t));

    for (const c of clients) c.provider.disconnect();
    await server.terminate();
    const db = new Database(join(started.dataDir, 'concerto.db'), { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();

    figure(
      `crashes: ${KILLS} × kill -9 + 1 SIGTERM (exit ${exitCode}) in ${elapsed} ms; ${book.written.size} edits written, ${book.seenByOthers.size} seen by others; lost: ${lostSeen.length} seen, ${lostWritten.length} written; integrity_check ${String(integrity)}`,
    );
    expect(exitCode).toBe(0);
    expect(book.seenByOthers.size).toBeGreaterThan(100);
    expect(lostSeen).toEqual([]);
    expect(integrity).toBe('ok');
  });
});
