/**
 * One measured load run against one server: the server's wrapper and the generator each in
 * their own process; clients connect, warm up, then a measured window during which the
 * generator records latency and deliveries and the wrapper records CPU and event-loop delay.
 */
import { fork, procCpuMs } from '../proc.js';
import type { Child } from '../proc.js';
import { ServerUnderTest } from '../servers/index.js';
import type { ServerName, StartOptions } from '../servers/index.js';
import type { ServerStats } from '../servers/wrapper.js';
import type { LoadMode, WindowResult } from '../generator.js';

export const GENERATOR_LIMITS = { cpuPct: 85, lagMs: 100, deliveredRatio: 0.999 };

export interface LoadSpec {
  rooms: number;
  clientsPerRoom: number;
  mode: LoadMode;
  ratePerClient: number;
  warmupMs: number;
  windowMs: number;
  drainMs?: number;
  /** a CPU profile of the server during the measured window, written to this file */
  profileFile?: string;
}

export interface LoadResult {
  server: ServerName;
  rooms: number;
  clientsPerRoom: number;
  ratePerClient: number;
  generator: WindowResult;
  server_: {
    cpuPct: number;
    /**
     * server CPU µs per message it relayed (a move or a cursor): per message sent, or per
     * message delivered when a server fell behind and delivered less than was sent
     */
    cpuPerMessageUs: number;
    eldP99Ms: number;
    eldMaxMs: number;
    rssMB: number;
    heapUsedMB: number;
    stalls: { gapMs: number; cpuMs: number }[];
  };
  /** why this run's figures are suspect (generator limits, or deliveries short), if they are */
  flags: string[];
  /** the generator itself was the limit (its CPU or its schedule): the run measured the generator */
  generatorBound: boolean;
}

export function generatorFlags(g: WindowResult): string[] {
  const flags: string[] = [];
  if (g.generatorCpuPct > GENERATOR_LIMITS.cpuPct) flags.push(`generator CPU ${g.generatorCpuPct.toFixed(0)} % > ${GENERATOR_LIMITS.cpuPct} %`);
  if (g.lag.max > GENERATOR_LIMITS.lagMs) flags.push(`generator lagged its schedule by ${g.lag.max.toFixed(0)} ms > ${GENERATOR_LIMITS.lagMs} ms`);
  if (g.deliveredRatio < GENERATOR_LIMITS.deliveredRatio) flags.push(`delivered ${(g.deliveredRatio * 100).toFixed(2)} % < ${GENERATOR_LIMITS.deliveredRatio * 100} %`);
  return flags;
}

export function startGenerator(): Promise<Child> {
  // BENCH_GENERATOR_PROF=<dir>: a V8 CPU profile of the generator (to check what it spends)
  const prof = process.env.BENCH_GENERATOR_PROF;
  const child = fork('generator.js', { name: 'generator', execArgv: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [] });
  return child.ready.then(() => child);
}

/** A server and a generator with clients connected, ready for one or more windows. */
export class Rig {
  private constructor(
    readonly server: ServerUnderTest,
    readonly generator: Child,
    readonly spec: { rooms: number; clientsPerRoom: number },
  ) {}

  static async open(name: ServerName, spec: { rooms: number; clientsPerRoom: number; notes: boolean }, options: StartOptions = {}): Promise<Rig> {
    const server = await ServerUnderTest.start(name, options);
    let generator: Child | null = null;
    try {
      generator = await startGenerator();
      const targets = await server.openRooms(spec.rooms);
      await generator.call('connect', { rooms: targets, clientsPerRoom: spec.clientsPerRoom, clientIdBase: 1000, notes: spec.notes }, 300_000);
      return new Rig(server, generator, spec);
    } catch (err) {
      await generator?.stop().catch(() => undefined);
      await server.stop().catch(() => undefined);
      throw err;
    }
  }

  /** sets the rate, warms up, measures one window */
  async window(mode: LoadMode, ratePerClient: number, warmupMs: number, windowMs: number, drainMs = 3_000, profileFile?: string): Promise<LoadResult> {
    await this.generator.call('load', { mode, ratePerClient });
    await sleep(warmupMs);
    if (profileFile) await this.server.profileStart();
    // resets the server's event-loop histogram; a server too far behind to answer in time
    // still gets its window measured (CPU from /proc, latency by the generator)
    const before = await this.server.stats(true, 10_000).catch(() => null);
    // The window is timed here, by the runner: the server's CPU is read from /proc at both
    // ends and the generator is told to start and stop right then, so an overloaded server
    // (whose own event loop answers the stats call late) cannot stretch the window.
    const cpuBefore = procCpuMs(this.server.pid);
    await this.generator.call('windowStart');
    await sleep(windowMs);
    const cpuAfter = procCpuMs(this.server.pid);
    const ending = this.generator.call<WindowResult>('windowEnd', { drainMs }, windowMs + drainMs + 60_000);
    const after = await this.server.stats(true, 30_000).catch(() => null);
    if (profileFile) await this.server.profileStop(profileFile).catch(() => undefined);
    const g = await ending;
    const cpuUs =
      cpuBefore !== null && cpuAfter !== null
        ? (cpuAfter - cpuBefore) * 1000
        : after && before
          ? after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs
          : NaN;
    return this.result(g, cpuUs, after);
  }

  private result(g: WindowResult, cpuUs: number, after: ServerStats | null): LoadResult {
    return {
      server: this.server.name,
      rooms: this.spec.rooms,
      clientsPerRoom: this.spec.clientsPerRoom,
      ratePerClient: g.ratePerClient,
      generator: g,
      server_: {
        cpuPct: (cpuUs / 1000 / g.windowMs) * 100,
        cpuPerMessageUs: g.sent === 0 ? NaN : cpuUs / (g.sent * Math.min(1, Math.max(g.deliveredRatio, 1e-6))),
        eldP99Ms: after?.eld.p99 ?? NaN,
        eldMaxMs: after?.eld.max ?? NaN,
        rssMB: after ? after.rss / 2 ** 20 : NaN,
        heapUsedMB: after ? after.heapUsed / 2 ** 20 : NaN,
        stalls: after?.stalls ?? [],
      },
      flags: generatorFlags(g),
      generatorBound: g.generatorCpuPct > GENERATOR_LIMITS.cpuPct || g.lag.max > GENERATOR_LIMITS.lagMs,
    };
  }

  async close(): Promise<void> {
    await this.generator.call('closeAll').catch(() => undefined);
    await this.generator.stop().catch(() => undefined);
    await this.server.stop().catch(() => undefined);
  }
}

export async function loadRun(name: ServerName, spec: LoadSpec, options: StartOptions = {}): Promise<LoadResult> {
  const rig = await Rig.open(name, { rooms: spec.rooms, clientsPerRoom: spec.clientsPerRoom, notes: spec.mode === 'moves' }, options);
  try {
    return await rig.window(spec.mode, spec.ratePerClient, spec.warmupMs, spec.windowMs, spec.drainMs, spec.profileFile);
  } finally {
    await rig.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** servers in the order of repeat r: rotated so none always runs first (or last) */
export function rotate<T>(items: readonly T[], r: number): T[] {
  const k = r % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}
