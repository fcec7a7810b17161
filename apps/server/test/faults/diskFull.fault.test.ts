/**
 * Issue 10 item 8: a full disk. The server's data directory is a 2 MB tmpfs of the test's
 * own, filled up by a filler file while a client writes: POST /api/sessions answers 503
 * `storage-unavailable`, a join to a room that is not loaded closes at once with 1013, and
 * once space is freed the note written during the outage is stored and the join succeeds.
 * Skipped, with a printed reason, where a tmpfs cannot be mounted (not root, a container).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, createSession, synced, until } from '../cluster/cluster.js';
import type { ClusterClient } from '../cluster/cluster.js';
import type { Instance } from '../cluster/processes.js';
import { createNote } from '@concerto/board';
import { StorageStatus } from '@concerto/contract';
import { storageStatusesOf } from '../harness.js';
import { figure, rawJoin, sqliteInstance } from './faults.js';
import { fill, mountTmpfs, unmountTmpfs } from './diskKit.js';

const dir = mountTmpfs('2m', figure);

describe.skipIf(dir === null)('disk full', () => {
  let instance: Instance | null = null;
  let client: ClusterClient | null = null;
  afterAll(async () => {
    client?.destroy();
    await instance?.kill9();
    if (dir !== null) {
      unmountTmpfs(dir);
    }
  });

  it('answers 503 storage-unavailable, refuses new rooms with 1013, and stores the backlog once space is back', async () => {
    ({ instance } = await sqliteInstance('full', {}, dir!));
    const server = instance;
    await server.start();
    const session = await createSession(server);
    const [g1, g2] = session.groups;
    client = connectClient('writer', server.wsUrl, session.id, g1!.id, g1!.token);
    const told = storageStatusesOf(client.provider);
    await synced(client);

    const filler = join(dir!, 'filler');
    const filled = fill(filler);
    createNote(client.doc, { text: 'pendant la panne', x: 0, y: 0, author: 'writer' });
    await until(async () => (await server.health())?.status === 503, 'healthz 503 once an append fails', 15_000);

    const created = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Disque plein' }),
    });
    const body = (await created.json()) as { error?: { code?: string } };

    const t0 = Date.now();
    const code = await rawJoin(server.wsUrl, session.id, g2!.id, g2!.token).then(
      (socket) => {
        socket.close();
        return 'opened';
      },
      (err: { code?: number }) => err.code ?? 'error',
    );
    const refusedIn = Date.now() - t0;

    await until(() => told.length > 0, 'the writer told storage is suspended (item 9)', 5_000);
    const toldSuspended = [...told];
    rmSync(filler);
    await until(async () => (await server.health())?.status === 200, 'healthz 200 once space is back', 15_000);
    await until(() => told.at(-1) === StorageStatus.stored, 'the writer told the backlog is stored (item 9)', 15_000);
    const stored = execFileSync('node', [
      '-e',
      `const D=require('better-sqlite3');const db=new D(process.argv[1],{readonly:true});console.log(db.prepare("select count(*) n from updates where session_id=? and room=?").get(process.argv[2],process.argv[3]).n)`,
      join(dir!, 'concerto.db'),
      session.id,
      g1!.id,
    ], { cwd: process.cwd() }).toString().trim();
    const rejoin = await rawJoin(server.wsUrl, session.id, g2!.id, g2!.token);
    rejoin.close();
    figure(`disk full: filler ${filled} bytes; POST /api/sessions → ${created.status} ${body.error?.code}; join to a new room → ${code} in ${refusedIn} ms; after freeing space: ${stored} row(s) stored for the written room, join opened; the writer was told ${JSON.stringify(toldSuspended)} during the outage, ${JSON.stringify(told)} after`);
    expect(created.status).toBe(503);
    expect(body.error?.code).toBe('storage-unavailable');
    expect(code).toBe(1013);
    expect(Number(stored)).toBeGreaterThan(0);
    expect(toldSuspended).toEqual([StorageStatus.suspended]);
    expect(told).toEqual([StorageStatus.suspended, StorageStatus.stored]);
  });
});
