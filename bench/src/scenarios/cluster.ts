/**
 * Scenario 9, cluster: two instances of a server on this machine's PostgreSQL and Redis, each
 * room's clients split evenly across them (client i of a room on instance i mod 2).
 *
 * 1. Webinar load (10 rooms × 30 clients × 5 moves/s): Concerto × 2 (PostgreSQL storage, Redis
 *    fan-out) against `@hocuspocus/server` 3 × 2 with `@hocuspocus/extension-redis` 3 (wired as
 *    its documentation shows; in memory otherwise, its default). Cross-instance latency (sender
 *    and receiver on different instances) and server CPU per move, both instances together.
 * 2. Concerto 1 instance vs 2 instances at 100 rooms × 10 clients: the saturation sweep, the
 *    highest rate with p99 ≤ 100 ms. Both on PostgreSQL and Redis, so the instance count is the
 *    only difference. On 2 cores the generator and both instances share the machine: a sweep the
 *    generator ended is marked "≥" (generator-bound), as the saturation scenario does.
 *
 * Isolation: a PostgreSQL schema and a Redis key prefix per run, dropped afterwards.
 * BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test) and BENCH_REDIS_URL
 * (redis://127.0.0.1:6379) point elsewhere.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ScenarioReport, Table, TargetCheck } from '../report.js';
import type { ServerName, StartOptions } from '../servers/index.js';
import { median } from '../stats.js';
import { describeRatio, flagNotes, loadTable, ratioInfo } from './compare.js';
import type { Metric, Ratio, Runs } from './compare.js';
import type { Context } from './context.js';
import { Rig, rotate } from './load.js';
import type { LoadResult } from './load.js';
import { P99_LIMIT_MS, SWEEP_MEASURING_PER_ROOM, sweepOne } from './saturation.js';
import type { Sweep, SweepConfig } from './saturation.js';
import { webinarSpec } from './webinar.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SERVERS: ServerName[] = ['concerto', 'hocuspocus'];

/** Storage and fan-out settings for every instance of one rig: a fresh schema and prefix. */
class Backing {
  private schemas: string[] = [];
  private readonly admin = new pg.Client({ connectionString: DATABASE_URL });
  private readonly secret = randomBytes(32).toString('hex');

  static async open(): Promise<Backing> {
    const b = new Backing();
    await b.admin.connect();
    return b;
  }

  async options(server: ServerName): Promise<StartOptions> {
    const tag = randomBytes(5).toString('hex');
    if (server === 'hocuspocus') return { env: { BENCH_REDIS_URL: REDIS_URL, BENCH_REDIS_PREFIX: `bench-hocuspocus-${tag}` } };
    const schema = `concerto_bench_${tag}`;
    await this.admin.query(`CREATE SCHEMA ${schema}`);
    this.schemas.push(schema);
    const url = new URL(DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // the concerto wrapper passes CONCERTO_BENCH_<VAR> to the server as <VAR>
    return {
      env: {
        CONCERTO_BENCH_DATABASE_URL: url.toString(),
        CONCERTO_BENCH_REDIS_URL: REDIS_URL,
        CONCERTO_BENCH_REDIS_PREFIX: `bench-concerto-${tag}:`,
        CONCERTO_BENCH_CONCERTO_SECRET: this.secret,
      },
    };
  }

  async close(): Promise<void> {
    for (const schema of this.schemas) await this.admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await this.admin.end();
  }
}

const CLUSTER_METRICS: Metric[] = [
  { label: 'cross-instance latency p50 (ms)', get: (r) => r.generator.crossLatency?.p50 ?? NaN },
  { label: 'cross-instance latency p99 (ms)', get: (r) => r.generator.crossLatency?.p99 ?? NaN },
  { label: 'all receivers latency p99 (ms)', get: (r) => r.generator.latency.p99 },
  { label: 'delivered (%)', get: (r) => r.generator.deliveredRatio * 100, ratio: false },
  { label: 'server CPU, both instances (% of a core)', get: (r) => r.server_.cpuPct },
  { label: 'server CPU per move, both instances (µs)', get: (r) => r.server_.cpuPerMessageUs },
  { label: 'server event-loop delay p99, worst instance (ms)', get: (r) => r.server_.eldP99Ms },
  { label: 'server RSS, both instances (MB)', get: (r) => r.server_.rssMB },
  { label: 'generator CPU (% of a core)', get: (r) => r.generator.generatorCpuPct, ratio: false },
  { label: 'generator schedule lag max (ms)', get: (r) => r.generator.lag.max, ratio: false },
  { label: 'runs flagged (of all repeats)', get: (r) => (r.flags.length > 0 ? 1 : 0), ratio: false, sum: true },
  { label: 'runs generator-bound (of all repeats)', get: (r) => (r.generatorBound ? 1 : 0), ratio: false, sum: true },
];

export function clusterSweepConfig(quick: boolean): SweepConfig {
  return { rooms: 100, clientsPerRoom: 10, rates: quick ? [1, 3, 6] : [1, 2, 3, 5, 8, 12, 16] };
}

export async function cluster(ctx: Context): Promise<ScenarioReport> {
  const spec = webinarSpec(ctx.quick);
  const servers = SERVERS.filter((s) => ctx.servers.includes(s));
  const backing = await Backing.open();
  const runs: Runs = {};
  const errors: string[] = [];
  const sweeps: { instances: number; sweep: Sweep }[] = [];
  const sweepConfig = clusterSweepConfig(ctx.quick);
  try {
    // 1. two instances each, webinar load, the order rotated between repeats
    for (const s of servers) runs[s] = [];
    for (let r = 0; r < ctx.repeats; r++) {
      for (const server of rotate(servers, r)) {
        ctx.log(`cluster webinar: ${server} × 2 instances, repeat ${r + 1}/${ctx.repeats}`);
        let rig: Rig | null = null;
        try {
          rig = await Rig.open(server, { rooms: spec.rooms, clientsPerRoom: spec.clientsPerRoom, notes: true }, await backing.options(server), 2);
          const result = await rig.window('moves', spec.ratePerClient, spec.warmupMs, spec.windowMs, spec.drainMs);
          runs[server]![r] = result;
          const cross = result.generator.crossLatency;
          ctx.log(
            `  cross-instance p50 ${cross?.p50.toFixed(1)} p99 ${cross?.p99.toFixed(1)} ms, delivered ${(result.generator.deliveredRatio * 100).toFixed(2)} %, ` +
              `servers ${result.server_.cpuPerMessageUs.toFixed(0)} µs/move, generator ${result.generator.generatorCpuPct.toFixed(0)} % CPU` +
              (result.flags.length ? ` FLAGGED: ${result.flags.join('; ')}` : ''),
          );
        } catch (err) {
          runs[server]![r] = null;
          errors.push(`${server} repeat ${r + 1}: ${(err as Error).message.slice(0, 300)}`);
          ctx.log(`  failed: ${(err as Error).message.slice(0, 300)}`);
        } finally {
          await rig?.close();
        }
      }
    }

    // 2. Concerto, 1 instance vs 2, sustained rate at 100 × 10
    if (ctx.servers.includes('concerto')) {
      const timing = ctx.quick ? { warmupMs: 1_000, windowMs: 2_000 } : { warmupMs: 1_000, windowMs: 3_000 };
      for (const instances of [1, 2]) {
        ctx.log(`cluster sweep ${sweepConfig.rooms}×${sweepConfig.clientsPerRoom}: concerto × ${instances}`);
        const options = await backing.options('concerto');
        const sweep = await sweepOne('concerto', sweepConfig, timing, ctx.log, () =>
          Rig.open('concerto', { rooms: sweepConfig.rooms, clientsPerRoom: sweepConfig.clientsPerRoom, notes: true, measuringPerRoom: SWEEP_MEASURING_PER_ROOM }, options, instances),
        );
        sweeps.push({ instances, sweep });
      }
    }
  } finally {
    await backing.close();
  }

  const tables: Table[] = [
    loadTable(
      `2 instances each, every room's clients split across both: ${spec.rooms} rooms × ${spec.clientsPerRoom} clients, ${spec.ratePerClient} moves/s each, ${spec.windowMs / 1000} s windows, ${ctx.repeats} repeat(s). Concerto: PostgreSQL + Redis fan-out; Hocuspocus: @hocuspocus/extension-redis 3`,
      runs,
      servers,
      CLUSTER_METRICS,
    ),
  ];
  if (sweeps.length > 0) {
    tables.push({
      title: `Concerto, 1 instance vs 2 (PostgreSQL + Redis both), ${sweepConfig.rooms} rooms × ${sweepConfig.clientsPerRoom} clients: highest rate with p99 ≤ ${P99_LIMIT_MS} ms (steps ${sweepConfig.rates.join(', ')} moves/s per client)`,
      columns: ['instances', 'sustained writes/s', 'per client', 'ended by', 'steps (rate: p99 ms, servers CPU %)'],
      rows: sweeps.map(({ instances, sweep: w }) => [
        instances,
        (w.generatorBound ? '≥ ' : '') + String(w.sustainedMovesPerSec),
        w.sustainedRatePerClient,
        w.error ? 'error' : w.generatorBound ? 'generator' : w.steps.every((x) => x.passed) ? 'last step' : 'server',
        w.steps.map((x) => `${x.ratePerClient}: ${x.p99.toFixed(0)}, ${x.serverCpuPct.toFixed(0)}%${x.passed ? '' : x.generatorBound ? ' G' : ' ✗'}`).join(' | '),
      ]),
    });
  }

  const targets: TargetCheck[] = [];
  if (servers.length === 2) {
    const check = (target: string, ratio: Ratio, limit: number): TargetCheck => ({
      target,
      value: describeRatio(ratio),
      met: Number.isFinite(ratio.ratio) ? ratio.ratio <= limit : null,
      ...(ratio.clean ? {} : { note: 'every repeat had a generator-bound run: this measures the generator as much as the servers' }),
    });
    const crossP99 = (r: LoadResult) => r.generator.crossLatency?.p99 ?? NaN;
    const cpu = (r: LoadResult) => r.server_.cpuPerMessageUs;
    targets.push(check('cluster: cross-instance p99 ≤ 1.0× Hocuspocus (2 instances each)', ratioInfo(runs, 'concerto', 'hocuspocus', crossP99), 1.0));
    targets.push(check('cluster: server CPU per move, both instances, ≤ 0.7× Hocuspocus', ratioInfo(runs, 'concerto', 'hocuspocus', cpu), 0.7));
  }
  const one = sweeps.find((s) => s.instances === 1)?.sweep;
  const two = sweeps.find((s) => s.instances === 2)?.sweep;
  if (one && two) {
    targets.push({
      target: `cluster: Concerto sustained rate at ${sweepConfig.rooms} × ${sweepConfig.clientsPerRoom}, 1 vs 2 instances (reported, no target)`,
      value: `${one.generatorBound ? '≥ ' : ''}${one.sustainedMovesPerSec} vs ${two.generatorBound ? '≥ ' : ''}${two.sustainedMovesPerSec} writes/s`,
      met: null,
      note: 'on 2 cores the generator and both instances share the machine: a second instance cannot add cores here',
    });
  }
  const notes = [
    ...flagNotes(runs),
    ...errors.map((e) => `run failed: ${e}`),
    ...sweeps.filter((s) => s.sweep.error).map((s) => `sweep with ${s.instances} instance(s): ${s.sweep.error}`),
    'Cross-instance latency: sender and receiver connected to different instances (half of every room\'s receivers).',
    'G: the step was lost by the generator (CPU or schedule lag over its limits), not the server; ✗: the servers missed p99 ≤ 100 ms or 99.9 % delivery.',
  ];
  const medians = Object.fromEntries(servers.map((s) => [s, median((runs[s] ?? []).filter((r): r is LoadResult => r !== null).map((r) => r.generator.crossLatency?.p99 ?? NaN))]));
  return {
    id: 'cluster',
    title: 'Scenario 9 — Cluster (two instances, PostgreSQL + Redis)',
    tables,
    targets,
    notes,
    data: { spec, sweepConfig, runs, sweeps, crossP99Medians: medians, databaseUrl: DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@'), redisUrl: REDIS_URL },
  };
}
