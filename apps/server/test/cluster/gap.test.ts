/**
 * A publish lost on purpose is caught up by the sequence gap (issue 9): instance B reaches
 * Redis through a proxy that swallows exactly one delivery of the room's channel; the next
 * batch B receives carries a seq past the one it missed, and B reads the missing rows from
 * storage. Redis stays up throughout (no reconnect, no resync to hide behind).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { STARTUP_BUDGET_MS, connectClient, describeNotes, logsOf, synced, until } from './cluster.js';
import type { Cluster, ClusterClient } from './cluster.js';
import { RedisFanOut } from '../../src/fanout/redis.js';
import { startLossyCluster } from './lossyCluster.js';
import type { LossyCluster } from './lossyCluster.js';
import type { LossyRedisProxy } from './lossyRedisProxy.js';
import type { OwnRedis } from './redisServer.js';

let redis: OwnRedis;
let proxy: LossyRedisProxy;
let cluster: Cluster;
let session: CreateSessionResponse;
let clients: ClusterClient[] = [];

let kit: LossyCluster | undefined;

beforeAll(async () => {
  kit = await startLossyCluster();
  ({ redis, proxy, cluster, session, clients } = kit);
}, STARTUP_BUDGET_MS);

afterAll(async () => {
  await kit?.dispose();
});

describe('sequence gap', () => {
  it('harness check: the proxy swallows exactly one delivery and passes the rest untouched', async () => {
    const prefix = `gap-check-${Date.now()}`;
    const direct = new RedisFanOut({ url: redis.url, prefix });
    const proxied = new RedisFanOut({ url: proxy.url, prefix });
    try {
      expect(await direct.ready(5_000)).toBe(true);
      expect(await proxied.ready(5_000)).toBe(true);
      const got: number[] = [];
      await proxied.subscribeRoom('s', 'r', (event) => got.push(event.type === 'update' ? event.seq : -1));
      const big = new Uint8Array(200_000).fill(7); // spans many TCP reads
      direct.publishRoom('s', 'r', { type: 'update', seq: 1, update: big });
      await until(() => got.length === 1, 'first delivery', 5_000);
      const dropped = proxy.dropNext(':room:s/r');
      for (const seq of [2, 3, 4]) direct.publishRoom('s', 'r', { type: 'update', seq, update: big });
      await dropped;
      await until(() => got.length === 3, 'the rest', 5_000);
      expect(got).toEqual([1, 3, 4]);
    } finally {
      await Promise.all([direct.close(), proxied.close()]);
    }
    proxy.dropped = 0;
  });

  it('catches up a batch whose publish was lost, at the next batch', async () => {
    const group = session.groups[0]!;
    const a = connectClient('a@A', cluster.instances[0]!.wsUrl, session.id, group.id, group.token);
    const b = connectClient('b@B', cluster.instances[1]!.wsUrl, session.id, group.id, group.token);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    createNote(a.doc, { text: 'premier', x: 0, y: 0, author: 'a' });
    await until(() => b.notes().includes('premier'), 'delivery through the proxy', 5_000);

    const dropped = proxy.dropNext(`:room:${session.id}/${group.id}`);
    createNote(a.doc, { text: 'perdu en route', x: 0, y: 1, author: 'a' });
    await dropped; // B's Redis link swallowed that batch
    expect(b.notes()).toEqual(['premier']);

    const sentAt = Date.now();
    createNote(a.doc, { text: 'suivant', x: 0, y: 2, author: 'a' });
    try {
      await until(() => b.notes().includes('suivant') && b.notes().includes('perdu en route'), 'the gap caught up', 5_000);
    } catch (err) {
      throw new Error(`${String(err)}: ${describeNotes([a, b])}\n${logsOf(cluster.instances)}`);
    }
    console.log(`sequence gap: 1 delivery dropped on purpose, caught up ${Date.now() - sentAt} ms after the next batch`);
    expect(proxy.dropped).toBe(1);
  });
});
