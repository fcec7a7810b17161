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
  /** receivers per room that time and count what they get (default: all) */
  measuringPerRoom?: number;
}

export interface LoadResult {
  server: ServerName;
  /** instances of the server the clients were spread over (1 but in the cluster scenario) */
  instances: number;
  rooms: number;
  clientsPerRoom: number;
  ratePerClient: number;
  generator: WindowResult;
  /** with several instances: CPU and memory of all of them together, event-loop delay of the worst */
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

/**
 * A server (or several instances of one: the cluster scenario) and a generator with clients
 * connected, ready for one or more windows. With several instances, each room is opened on the
 * first and every room's clients are spread evenly over the instances (client i on instance
 * i mod n); CPU, memory and event-loop figures are over all instances together.
 */
export class Rig {
  private constructor(
    readonly servers: ServerUnderTest[],
    readonly generator: Child,
    readonly spec: { rooms: number; clientsPerRoom: number },
  ) {}

  /** the first (or only) instance */
  get server(): ServerUnderTest {
    return this.servers[0]!;
  }

  static async open(
    name: ServerName,
    /** `measuringPerRoom`: receivers per room that time what they get (default: all; see the generator) */
    spec: { rooms: number; clientsPerRoom: number; notes: boolean; measuringPerRoom?: number },
    options: StartOptions = {},
    instances = 1,
  ): Promise<Rig> {
    const servers: ServerUnderTest[] = [];
    let generator: Child | null = null;
    try {
      for (let i = 0; i < instances; i++) servers.push(await ServerUnderTest.start(name, options));
      generator = await startGenerator();
      const first = servers[0]!;
      const targets = await first.openRooms(spec.rooms);
      const perInstance = servers.map((s) => (s === first ? targets : s.sameRoomsHere(targets, first)));
      const instanceTargets = instances > 1 ? targets.map((_, r) => perInstance.map((list) => list[r]!)) : undefined;
      await generator.call(
        'connect',
        { rooms: targets, instanceTargets, clientsPerRoom: spec.clientsPerRoom, clientIdBase: 1000, notes: spec.notes, measuringPerRoom: spec.measuringPerRoom },
        300_000,
      );
      return new Rig(servers, generator, spec);
    } catch (err) {
      await generator?.stop().catch(() => undefined);
      for (const s of servers) await s.stop().catch(() => undefined);
      throw err;
    }
  }

  /** sets the rate, warms up, measures one window */
  async window(mode: LoadMode, ratePerClient: number, warmupMs: number, windowMs: number, drainMs = 3_000, profileFile?: string): Promise<LoadResult> {
    await this.generator.call('load', { mode, ratePerClient });
    await sleep(warmupMs);
    if (profileFile) await this.server.profileStart();
    // resets the servers' event-loop histograms; a server too far behind to answer in time
    // still gets its window measured (CPU from /proc, latency by the generator)
    const before = await Promise.all(this.servers.map((s) => s.stats(true, 10_000).catch(() => null)));
    // The window is timed here, by the runner: the servers' CPU is read from /proc at both
    // ends and the generator is told to start and stop right then, so an overloaded server
    // (whose own event loop answers the stats call late) cannot stretch the window.
    const cpuBefore = this.servers.map((s) => procCpuMs(s.pid));
    await this.generator.call('windowStart');
    await sleep(windowMs);
    const cpuAfter = this.servers.map((s) => procCpuMs(s.pid));
    const ending = this.generator.call<WindowResult>('windowEnd', { drainMs }, windowMs + drainMs + 60_000);
    const after = await Promise.all(this.servers.map((s) => s.stats(true, 30_000).catch(() => null)));
    if (profileFile) await this.server.profileStop(profileFile).catch(() => undefined);
    const g = await ending;
    let cpuUs = 0;
    this.servers.forEach((_, i) => {
      const b = cpuBefore[i];
      const a = cpuAfter[i];
      const sb = before[i];
      const sa = after[i];
      cpuUs +=
        b != null && a != null
          ? (a - b) * 1000
          : sa && sb
            ? sa.cpuUserUs + sa.cpuSystemUs - sb.cpuUserUs - sb.cpuSystemUs
            : NaN;
    });
    return this.result(g, cpuUs, after);
  }

  private result(g: WindowResult, cpuUs: number, after: (ServerStats | null)[]): LoadResult {
    const all = after.every((a) => a !== null) ? (after as ServerStats[]) : null;
    const sum = (get: (s: ServerStats) => number) => (all ? all.reduce((acc, s) => acc + get(s), 0) : NaN);
    const max = (get: (s: ServerStats) => number) => (all ? Math.max(...all.map(get)) : NaN);
    return {
      server: this.server.name,
      instances: this.servers.length,
      rooms: this.spec.rooms,
      clientsPerRoom: this.spec.clientsPerRoom,
      ratePerClient: g.ratePerClient,
      generator: g,
      server_: {
        cpuPct: (cpuUs / 1000 / g.windowMs) * 100,
        cpuPerMessageUs: g.sent === 0 ? NaN : cpuUs / (g.sent * Math.min(1, Math.max(g.deliveredRatio, 1e-6))),
        eldP99Ms: max((s) => s.eld.p99),
        eldMaxMs: max((s) => s.eld.max),
        rssMB: sum((s) => s.rss) / 2 ** 20,
        heapUsedMB: sum((s) => s.heapUsed) / 2 ** 20,
        stalls: all ? all.flatMap((s) => s.stalls) : [],
      },
      flags: generatorFlags(g),
      generatorBound: g.generatorCpuPct > GENERATOR_LIMITS.cpuPct || g.lag.max > GENERATOR_LIMITS.lagMs,
    };
  }

  async close(): Promise<void> {
    await this.generator.call('closeAll').catch(() => undefined);
    await this.generator.stop().catch(() => undefined);
    for (const s of this.servers) await s.stop().catch(() => undefined);
  }
}

export async function loadRun(name: ServerName, spec: LoadSpec, options: StartOptions = {}): Promise<LoadResult> {
  const rig = await Rig.open(name, { rooms: spec.rooms, clientsPerRoom: spec.clientsPerRoom, notes: spec.mode === 'moves', measuringPerRoom: spec.measuringPerRoom }, options);
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
