/**
 * 2,000 join/leave cycles on one SQLite server: every room unloads once its last client has
 * left (0 rooms left) and the process's descriptors come back to their baseline.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSession, until } from '../cluster/cluster.js';
import type { Instance } from '../cluster/processes.js';
import { descriptors, figure, leave, rawJoin, roomsLoaded, sqliteInstance } from './faults.js';

const CYCLES = 2_000;
const PARALLEL = 20;

describe('join/leave cycles', () => {
  let instance: Instance | null = null;
  afterAll(async () => {
    await instance?.kill9();
  });

  it(`${CYCLES} cycles leave no room loaded and no descriptor held`, async () => {
    ({ instance } = await sqliteInstance('joinleave'));
    const server = instance;
    await server.start();
    const session = await createSession(server);
    const rooms = session.groups.map((g) => ({ room: g.id, token: g.token }));
    const pid = server.pid();
    if (pid === null) throw new Error('no pid');
    const baseline = descriptors(pid);

    let done = 0;
    const worker = async (w: number): Promise<void> => {
      for (let i = w; i < CYCLES; i += PARALLEL) {
        const target = rooms[i % rooms.length]!;
        const socket = await rawJoin(server.wsUrl, session.id, target.room, target.token);
        await leave(socket);
        done += 1;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: PARALLEL }, (_, w) => worker(w)));
    const elapsed = Date.now() - started;

    await until(async () => (await roomsLoaded(server)) === 0, '0 rooms loaded', 15_000);
    // Closed sockets may linger a moment in the kernel; the process's own descriptors go back.
    let after = descriptors(pid);
    await until(() => (after = descriptors(pid)) <= baseline + 2, 'descriptors back to baseline', 15_000).catch(() => undefined);
    figure(`join/leave: ${done} cycles in ${elapsed} ms; rooms left ${await roomsLoaded(server)}; descriptors ${baseline} before, ${after} after`);
    expect(done).toBe(CYCLES);
    expect(await roomsLoaded(server)).toBe(0);
    // +2: a pooled descriptor (e.g. a SQLite journal reopened) may appear; a leak of 2,000 cycles would be far more.
    expect(after).toBeLessThanOrEqual(baseline + 2);
  });
});
