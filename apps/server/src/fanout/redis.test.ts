import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/cluster/ports.js';
import { startOwnRedis } from '../../test/cluster/redisServer.js';
import type { OwnRedis } from '../../test/cluster/redisServer.js';
import { fanOutContract } from './contract.js';
import { openFanOut } from './index.js';
import type { RoomEvent } from './port.js';
import { RedisFanOut } from './redis.js';
import type { RedisFanOutOptions } from './redis.js';

// The machine's Redis, isolated by a random prefix per test.
const machineRedis = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function prefix(): string {
  return `concerto-test-${randomBytes(5).toString('hex')}`;
}

async function openRedis(options: RedisFanOutOptions): Promise<RedisFanOut> {
  const fanOut = new RedisFanOut(options);
  if (!(await fanOut.ready(5_000))) {
    await fanOut.close();
    throw new Error(`Redis at ${options.url} unreachable: ${fanOut.health().reason ?? ''}`);
  }
  return fanOut;
}

fanOutContract('redis', () => {
  const p = prefix();
  return { open: () => openRedis({ url: machineRedis, prefix: p }) };
});

describe('redis fan-out, on a Redis of its own', () => {
  let redis: OwnRedis;
  const opened: RedisFanOut[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
  });

  afterAll(async () => {
    await Promise.all(opened.map((f) => f.close()));
    await redis.dispose();
  });

  async function pair(options: Partial<RedisFanOutOptions> = {}): Promise<[RedisFanOut, RedisFanOut]> {
    const p = prefix();
    const a = await openRedis({ url: redis.url, prefix: p, ...options });
    const b = await openRedis({ url: redis.url, prefix: p, ...options });
    opened.push(a, b);
    return [a, b];
  }

  /** B's events on one room, waitable */
  async function subscribe(to: RedisFanOut, sessionId: string, room: string): Promise<RoomEvent[]> {
    const got: RoomEvent[] = [];
    await to.subscribeRoom(sessionId, room, (event) => got.push(event));
    return got;
  }

  it('Redis stopped: degraded with a reason, publishes dropped and counted, no growth, no crash; back: resubscribed, then resync', async () => {
    const [a, b] = await pair();
    const resyncs = { a: 0, b: 0 };
    a.onResync(() => (resyncs.a += 1));
    b.onResync(() => (resyncs.b += 1));
    const atB = await subscribe(b, 's1', 'groupe-1');
    a.publishRoom('s1', 'groupe-1', { type: 'head', seq: 1 });
    await expect.poll(() => atB.length).toBe(1);

    await redis.stop();
    await expect.poll(() => a.health().state, { timeout: 5_000 }).toBe('degraded');
    expect(a.health().reason).toMatch(/redis publisher/);
    await expect.poll(() => b.health().state, { timeout: 5_000 }).toBe('degraded');
    const before = a.stats();
    const payload = new Uint8Array(64 * 1024);
    for (let i = 0; i < 5_000; i++) a.publishRoom('s1', 'groupe-1', { type: 'update', seq: i, update: payload });
    const after = a.stats();
    expect(after.dropped - before.dropped).toBe(5_000);
    expect(after.inFlight).toBe(0); // nothing queued: 320 MB of updates left no trace
    // A room loaded while Redis is down: subscribing resolves at once, and is restored later.
    const lateAtB = await subscribe(b, 's1', 'plenary');
    expect(resyncs).toEqual({ a: 0, b: 0 });

    await redis.start();
    await expect.poll(() => [a.health().state, b.health().state], { timeout: 10_000 }).toEqual(['ok', 'ok']);
    await expect.poll(() => resyncs, { timeout: 5_000 }).toEqual({ a: 1, b: 1 });
    a.publishRoom('s1', 'groupe-1', { type: 'head', seq: 2 });
    a.publishRoom('s1', 'plenary', { type: 'head', seq: 3 });
    await expect.poll(() => [atB.length, lateAtB.length]).toEqual([2, 1]);
    expect(atB[1]).toEqual({ type: 'head', seq: 2 });
  });

  it('a Redis that restarts empty does not make live instances look dead', async () => {
    const [a, b] = await pair({ heartbeatMs: 300, aliveMs: 1_200 });
    const seen: string[][] = [];
    a.onInstancesChanged((alive) => seen.push([...alive].sort()));
    const both = [a.instanceId, b.instanceId].sort();
    await expect.poll(() => seen.at(-1), { timeout: 5_000 }).toEqual(both);
    await redis.stop();
    await expect.poll(() => a.health().state, { timeout: 5_000 }).toBe('degraded');
    await redis.start(); // empty: the instances' set is gone
    const from = seen.length;
    await expect.poll(() => [a.health().state, b.health().state], { timeout: 10_000 }).toEqual(['ok', 'ok']);
    // Past the window in which only additions count, plus heartbeats: every set A reported
    // since the restart still held B. (No event marks "A had the chance to drop B": a bounded wait.)
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(seen.slice(from).every((set) => set.includes(b.instanceId))).toBe(true);
    expect(seen.at(-1)).toEqual(both);
  });

  it('a dropped subscriber connection alone: resubscribed, then resync', async () => {
    const [a, b] = await pair();
    let resyncs = 0;
    b.onResync(() => (resyncs += 1));
    const atB = await subscribe(b, 's1', 'r');
    const admin = new Redis(redis.url);
    try {
      const list = String(await admin.client('LIST'));
      const line = list.split('\n').find((l) => l.includes(`name=concerto-sub-${b.instanceId}`));
      const id = /id=(\d+)/.exec(line ?? '')?.[1];
      expect(id, list).toBeDefined();
      await admin.client('KILL', 'ID', id!);
    } finally {
      admin.disconnect();
    }
    await expect.poll(() => resyncs, { timeout: 5_000 }).toBe(1);
    expect(b.health()).toEqual({ state: 'ok' });
    a.publishRoom('s1', 'r', { type: 'head', seq: 9 });
    await expect.poll(() => atB).toEqual([{ type: 'head', seq: 9 }]);
  });

  it('Redis frozen (slow): in-flight publishes stay bounded, the rest dropped; thawed: flowing again', async () => {
    const [a, b] = await pair({ maxInFlight: 50 });
    const atB = await subscribe(b, 's1', 'r');
    redis.freeze();
    try {
      for (let i = 0; i < 1_000; i++) a.publishRoom('s1', 'r', { type: 'head', seq: i });
      const stats = a.stats();
      expect(stats.inFlight).toBe(50);
      expect(stats.dropped).toBe(950);
    } finally {
      redis.thaw();
    }
    // The 50 in flight arrive (or time out and are counted): in flight drains either way.
    await expect.poll(() => a.stats().inFlight, { timeout: 10_000 }).toBe(0);
    a.publishRoom('s1', 'r', { type: 'head', seq: 5_000 });
    await expect.poll(() => atB.at(-1), { timeout: 10_000 }).toEqual({ type: 'head', seq: 5_000 });
  });

  it('starts degraded when Redis is unreachable, without throwing', async () => {
    const port = await freePort();
    const logs: string[] = [];
    const fanOut = await openFanOut({
      redisUrl: `redis://127.0.0.1:${port}`,
      prefix: prefix(),
      onLog: (_level, message) => logs.push(message),
      connectTimeoutMs: 300,
    });
    try {
      expect(fanOut.health()).toMatchObject({ state: 'degraded', reason: expect.stringMatching(/redis .*down/) });
      expect(() => fanOut.publishRoom('s', 'r', { type: 'head', seq: 1 })).not.toThrow();
      await fanOut.subscribeRoom('s', 'r', () => {});
      expect(logs.some((l) => /serving degraded/.test(l))).toBe(true);
    } finally {
      await fanOut.close();
    }
  });

  it('drops an instance whose process was killed (no goodbye) from the others\' set within ~8 s', async () => {
    const dist = fileURLToPath(new URL('../../dist/fanout/redis.js', import.meta.url));
    expect(existsSync(dist), `${dist} missing: run node scripts/build.mjs first`).toBe(true);
    const p = prefix();
    const a = await openRedis({ url: redis.url, prefix: p });
    opened.push(a);
    let alive: string[] = [];
    a.onInstancesChanged((set) => (alive = [...set].sort()));
    const script = `
      const { RedisFanOut } = await import(${JSON.stringify(dist)});
      const f = new RedisFanOut({ url: ${JSON.stringify(redis.url)}, prefix: ${JSON.stringify(p)} });
      await f.ready(5000);
      f.onInstancesChanged((set) => { if (set.size === 2) console.log('ID ' + f.instanceId); });
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const id = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('child fan-out did not report')), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          const match = /ID (\S+)/.exec(chunk.toString());
          if (match?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      await expect.poll(() => alive, { timeout: 5_000 }).toEqual([a.instanceId, id].sort());
      const killedAt = Date.now();
      child.kill('SIGKILL');
      await expect.poll(() => alive, { timeout: 10_000, interval: 100 }).toEqual([a.instanceId]);
      const seconds = (Date.now() - killedAt) / 1000;
      console.log(`fan-out: a kill -9'd instance left the others' set after ${seconds.toFixed(1)} s`);
      expect(seconds).toBeLessThan(8.5);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
