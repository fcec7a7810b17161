/**
 * A PostgreSQL of the test's own stopped for 15 s while participants write: /healthz answers
 * 503 meanwhile, nothing is relayed unstored, and once it is back every edit (written during
 * the outage included) is stored and seen by everyone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, converged, createSession, describeNotes, synced, until } from '../cluster/cluster.js';
import type { ClusterClient } from '../cluster/cluster.js';
import { ledger } from '../cluster/ledger.js';
import { makeInstance } from '../cluster/processes.js';
import type { Instance } from '../cluster/processes.js';
import { StorageStatus } from '@concerto/contract';
import { storageStatusesOf } from '../harness.js';
import { FAULT_SECRET, figure, sleep } from './faults.js';
import { ownPostgres } from './pgCluster.js';
import type { OwnPostgres } from './pgCluster.js';

const OUTAGE_MS = 15_000;
const pg = await ownPostgres().catch((err: Error) => err.message);
if (typeof pg === 'string') figure(`PostgreSQL outage: SKIPPED, no PostgreSQL of the test's own (${pg})`);

describe.skipIf(typeof pg === 'string')('PostgreSQL outage', () => {
  const own = pg as OwnPostgres;
  let instance: Instance | null = null;
  const clients: ClusterClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await instance?.kill9();
    own.dispose();
  });

  it(`a ${OUTAGE_MS / 1000} s outage loses nothing and the server says it is down meanwhile`, async () => {
    instance = await makeInstance('pg', { DATABASE_URL: own.url, CONCERTO_SECRET: FAULT_SECRET, LOG_LEVEL: 'fatal' });
    const server = instance;
    await server.start();
    const session = await createSession(server);
    const group = session.groups[0]!;
    for (const name of ['ana', 'bruno']) clients.push(connectClient(name, server.wsUrl, session.id, group.id, group.token));
    const toldAt: number[] = [];
    const told = clients.map((c) => storageStatusesOf(c.provider, (status) => status === StorageStatus.suspended && toldAt.push(Date.now())));
    await Promise.all(clients.map((c) => synced(c)));
    const book = ledger(clients);
    const stop = book.write(clients, 100);
    await sleep(2_000);

    own.stop();
    const down = Date.now();
    let saw503 = false;
    while (Date.now() - down < OUTAGE_MS) {
      if ((await server.health())?.status === 503) saw503 = true;
      await sleep(500);
    }
    const writtenDuringOutage = book.written.size;
    const toldDuring = told.map((t) => [...t]);
    own.start();
    const recovered = await until(async () => (await server.health())?.status === 200, 'healthz 200 after the outage', 60_000);
    await sleep(1_000);
    stop();
    await until(() => converged(clients) && clients.every((c) => c.notes().length === book.written.size), `convergence (${describeNotes(clients)})`, 60_000);
    const lost = book.missing(clients);
    await until(() => told.every((t) => t.at(-1) === StorageStatus.stored), 'everyone told the backlog is stored (item 9)', 10_000);
    figure(`PostgreSQL outage: ${OUTAGE_MS / 1000} s stopped; /healthz 503 during it: ${saw503}; healthy again ${recovered} ms after restart; ${book.written.size} edits written (${writtenDuringOutage} by the end of the outage), lost ${[...lost.values()].flat().length}; told « suspended » ${toldAt.map((at) => at - down).join(' and ')} ms after the stop, then « stored »`);
    expect(saw503).toBe(true);
    expect(lost.size).toBe(0);
    expect(toldDuring).toEqual([[StorageStatus.suspended], [StorageStatus.suspended]]);
  });
});
