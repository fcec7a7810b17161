/**
 * Scenario 2, saturation sweep: the per-client move rate steps up (short steps, clients stay
 * connected) until p99 > 100 ms or deliveries fall under 99.9 %. The sustained rate is the
 * last step that passed. A step lost because the generator could not keep up (its CPU or
 * schedule lag over the limits) ends the sweep as "generator-bound": the server sustained at
 * least that much, and this machine cannot say more.
 */
import type { ScenarioReport, Table, TargetCheck } from '../report.js';
import { SERVER_LABELS } from '../servers/index.js';
import type { ServerName } from '../servers/index.js';
import { median } from '../stats.js';
import type { Context } from './context.js';
import { GENERATOR_LIMITS, Rig, rotate } from './load.js';
import type { LoadResult } from './load.js';

export const P99_LIMIT_MS = 100;

/**
 * Receivers per room that time and count the moves they get during a sweep (spread over the
 * room's connection order: the first and the last to connect); the others read every frame but
 * only its header, in batches (Wire.lazy). A sweep pushes the generator past 100,000 received
 * frames a second: timing every one of them would measure the generator. Every server gets the
 * same choice, and none can tell which receivers measure.
 */
export const SWEEP_MEASURING_PER_ROOM = 2;

export interface SweepConfig {
  rooms: number;
  clientsPerRoom: number;
  /** per-client moves per second, ascending */
  rates: number[];
}

export interface Step {
  ratePerClient: number;
  movesPerSec: number;
  p99: number;
  deliveredRatio: number;
  serverCpuPct: number;
  generatorCpuPct: number;
  lagMax: number;
  passed: boolean;
  generatorBound: boolean;
  run: LoadResult;
}

export interface Sweep {
  server: ServerName;
  config: SweepConfig;
  steps: Step[];
  /** total document writes per second at the last passing step (0: none passed) */
  sustainedMovesPerSec: number;
  sustainedRatePerClient: number;
  /** the sweep ended on the generator, not the server */
  generatorBound: boolean;
  error?: string;
}

export function sweepConfigs(quick: boolean): SweepConfig[] {
  return quick
    ? [
        { rooms: 10, clientsPerRoom: 30, rates: [2, 5, 10] },
        { rooms: 100, clientsPerRoom: 10, rates: [1, 3, 6] },
      ]
    : [
        { rooms: 10, clientsPerRoom: 30, rates: [2, 5, 8, 12, 16, 20, 25, 30, 40] },
        { rooms: 100, clientsPerRoom: 10, rates: [1, 2, 3, 4, 5, 6, 8, 10, 12, 16] },
      ];
}

/** `open`: how to set the rig up (default: one instance of `name`; the cluster scenario passes its own) */
export async function sweepOne(
  name: ServerName,
  config: SweepConfig,
  timing: { warmupMs: number; windowMs: number },
  log: (m: string) => void,
  open: () => Promise<Rig> = () => Rig.open(name, { rooms: config.rooms, clientsPerRoom: config.clientsPerRoom, notes: true, measuringPerRoom: SWEEP_MEASURING_PER_ROOM }),
): Promise<Sweep> {
  const sweep: Sweep = { server: name, config, steps: [], sustainedMovesPerSec: 0, sustainedRatePerClient: 0, generatorBound: false };
  let rig: Rig | null = null;
  try {
    rig = await open();
    const clients = config.rooms * config.clientsPerRoom;
    for (const rate of config.rates) {
      let run = await rig.window('moves', rate, timing.warmupMs, timing.windowMs, 2_000);
      const judge = (r: LoadResult) => {
        const g = r.generator;
        const generatorBound = g.generatorCpuPct > GENERATOR_LIMITS.cpuPct || g.lag.max > GENERATOR_LIMITS.lagMs;
        return { generatorBound, passed: !generatorBound && g.latency.p99 <= P99_LIMIT_MS && g.deliveredRatio >= GENERATOR_LIMITS.deliveredRatio };
      };
      // the machine is shared: a step that failed narrowly gets one more try before it ends the
      // sweep (not one the server clearly lost: its backlog would only slow the sweep down)
      if (!judge(run).passed && (judge(run).generatorBound || run.generator.latency.p99 < 1_000)) {
        log(`  ${name} @ ${rate}/s/client: p99 ${run.generator.latency.p99.toFixed(1)} ms${judge(run).generatorBound ? ' (generator-bound)' : ''}, trying the step again`);
        run = await rig.window('moves', rate, timing.warmupMs, timing.windowMs, 2_000);
      }
      const g = run.generator;
      const { generatorBound, passed } = judge(run);
      sweep.steps.push({
        ratePerClient: rate,
        movesPerSec: rate * clients,
        p99: g.latency.p99,
        deliveredRatio: g.deliveredRatio,
        serverCpuPct: run.server_.cpuPct,
        generatorCpuPct: g.generatorCpuPct,
        lagMax: g.lag.max,
        passed,
        generatorBound,
        run,
      });
      log(`  ${name} ${config.rooms}×${config.clientsPerRoom} @ ${rate}/s/client: p99 ${g.latency.p99.toFixed(1)} ms, delivered ${(g.deliveredRatio * 100).toFixed(2)} %, server ${run.server_.cpuPct.toFixed(0)} %, generator ${g.generatorCpuPct.toFixed(0)} %${generatorBound ? ' (generator-bound)' : ''}`);
      if (!passed) {
        sweep.generatorBound = generatorBound;
        break;
      }
      sweep.sustainedMovesPerSec = rate * clients;
      sweep.sustainedRatePerClient = rate;
    }
  } catch (err) {
    sweep.error = (err as Error).message.slice(0, 300);
    log(`  ${name}: failed: ${sweep.error}`);
  } finally {
    await rig?.close();
  }
  return sweep;
}

export async function saturation(ctx: Context, configs = sweepConfigs(ctx.quick)): Promise<ScenarioReport> {
  const timing = ctx.quick ? { warmupMs: 1_000, windowMs: 2_000 } : { warmupMs: 1_000, windowMs: 3_000 };
  // one sweep per server and shape: the sweep is its own repetition (each failed step is tried
  // twice), and the time budget of a full run allows no more
  const repeats = 1;
  const sweeps: Sweep[][] = configs.map(() => []);
  for (const [i, config] of configs.entries()) {
    for (let r = 0; r < repeats; r++) {
      for (const server of rotate(ctx.servers, r + i)) {
        ctx.log(`saturation ${config.rooms}×${config.clientsPerRoom}: ${server}, repeat ${r + 1}/${repeats}`);
        sweeps[i]!.push(await sweepOne(server, config, timing, ctx.log));
      }
    }
  }
  const tables: Table[] = [];
  const targets: TargetCheck[] = [];
  const notes: string[] = [];
  configs.forEach((config, i) => {
    const of = (s: ServerName) => sweeps[i]!.filter((w) => w.server === s);
    const sustained = (s: ServerName) => median(of(s).map((w) => w.sustainedMovesPerSec));
    const bound = (s: ServerName) => of(s).some((w) => w.generatorBound);
    tables.push({
      title: `${config.rooms} rooms × ${config.clientsPerRoom} clients: highest rate with p99 ≤ ${P99_LIMIT_MS} ms (steps ${config.rates.join(', ')} moves/s per client)`,
      columns: ['server', 'sustained writes/s', 'per client', 'ended by', 'steps (rate: p99 ms, server CPU %)'],
      rows: ctx.servers.map((s) => [
        SERVER_LABELS[s],
        (bound(s) ? '≥ ' : '') + String(sustained(s)),
        median(of(s).map((w) => w.sustainedRatePerClient)),
        of(s).map((w) => (w.error ? 'error' : w.generatorBound ? 'generator' : w.steps.every((x) => x.passed) ? 'last step' : 'server')).join(', '),
        of(s)
          .map((w) => w.steps.map((x) => `${x.ratePerClient}: ${x.p99.toFixed(0)}, ${x.serverCpuPct.toFixed(0)}%${x.passed ? '' : x.generatorBound ? ' G' : ' ✗'}`).join(' | '))
          .join(' // '),
      ]),
    });
    for (const w of sweeps[i]!) if (w.error) notes.push(`${w.server} ${config.rooms}×${config.clientsPerRoom}: ${w.error}`);
    if (ctx.servers.includes('concerto') && ctx.servers.includes('yws')) {
      const c = sustained('concerto');
      const y = sustained('yws');
      const ratio = y > 0 ? c / y : NaN;
      const limit = config.rooms === 10 ? 2 : 1.5;
      const caveat = bound('yws') ? 'the reference was generator-bound: its true rate may be higher' : bound('concerto') ? 'Concerto was generator-bound: its true rate may be higher' : undefined;
      targets.push({
        target: `sustained rate at ${config.rooms} × ${config.clientsPerRoom} ≥ ${limit}× @y/websocket-server`,
        value: Number.isFinite(ratio) ? `${ratio.toFixed(2)}× (${c} vs ${y} writes/s)` : `n/a (${c} vs ${y})`,
        met: Number.isFinite(ratio) ? ratio >= limit : null,
        ...(caveat ? { note: caveat } : {}),
      });
    }
  });
  notes.push(`p99 and delivery from ${SWEEP_MEASURING_PER_ROOM} measuring receivers per room (spread over the room's connection order: first and last with 2); every receiver reads every frame.`);
  notes.push('G: the step was lost by the generator (CPU or schedule lag over its limits), not the server; ✗: the server missed p99 ≤ 100 ms or 99.9 % delivery.');
  return { id: 'saturation', title: 'Scenario 2 — Saturation sweep', tables, targets, notes, data: { timing, sweeps } };
}
