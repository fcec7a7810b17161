/**
 * What every server wrapper shares: it runs in its own process, starts one server on a free
 * loopback port, and answers the bench runner's calls for its own measurements (CPU, event-loop
 * delay, memory, rooms in memory). The measuring costs the same in every wrapper.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serve } from '../proc.js';
import type { Handlers } from '../proc.js';

/** Event-loop delay sampling period (ms); the same for every server. */
export const ELD_RESOLUTION_MS = 2;

export interface ServerStats {
  pid: number;
  /** process.cpuUsage() since start, µs */
  cpuUserUs: number;
  cpuSystemUs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** event-loop delay since the last reset, ms, with the sampling period subtracted */
  eld: { p50: number; p99: number; max: number; mean: number; count: number };
  rooms: number;
  /**
   * Event-loop stalls over 200 ms since the last reset, with the CPU the process used during
   * each: cpu ≈ gap means the server was computing; cpu ≈ 0 means it was not scheduled (a
   * noisy machine) or blocked in a system call.
   */
  stalls: { gapMs: number; cpuMs: number }[];
}

export interface Started {
  port: number;
  /** documents (rooms) held in memory right now */
  roomsInMemory(): number;
  close(): Promise<void>;
  /** server-specific calls */
  ops?: Handlers;
}

const ms = (ns: number) => Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS);

export async function runWrapper(start: () => Promise<Started>): Promise<void> {
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  eld.enable();
  const started = await start();
  let stalls: ServerStats['stalls'] = [];
  let lastTick = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const gap = now - lastTick;
    if (gap > 300 && stalls.length < 100) {
      stalls.push({ gapMs: Math.round(gap - 100), cpuMs: Math.round((cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000) });
    }
    lastTick = now;
    lastCpu = cpu;
  }, 100).unref();
  const gc = (globalThis as { gc?: () => void }).gc;

  const stats = (reset: boolean): ServerStats => {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const out: ServerStats = {
      pid: process.pid,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      heapTotal: mem.heapTotal,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      eld: {
        p50: ms(eld.percentile(50)),
        p99: ms(eld.percentile(99)),
        max: ms(eld.max),
        mean: ms(eld.mean),
        count: eld.count,
      },
      rooms: started.roomsInMemory(),
      stalls,
    };
    if (reset) {
      eld.reset();
      stalls = [];
    }
    return out;
  };

  // V8 CPU profile of a chosen stretch (the measured window), through the inspector
  let profiler: Session | null = null;
  // `any`: the inspector's results differ per method; callers read the fields they asked for.
  const post = (method: string, params: object = {}) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    new Promise<any>((resolve, reject) => profiler!.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));

  serve({
    ...started.ops,
    profileStart: async () => {
      profiler = new Session();
      profiler.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    },
    profileStop: async (args: { file: string }) => {
      if (profiler === null) throw new Error('no profile running');
      const { profile } = await post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
      writeFileSync(args.file, JSON.stringify(profile));
      return args.file;
    },
    info: () => ({ port: started.port, pid: process.pid }),
    stats: (args: { reset?: boolean } | null) => stats(args?.reset === true),
    /** full collections (needs --expose-gc), then the stats */
    gc: async () => {
      if (gc === undefined) throw new Error('start the wrapper with --expose-gc');
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return stats(false);
    },
    rooms: () => started.roomsInMemory(),
    stop: async () => {
      eld.disable();
      await started.close().catch(() => undefined);
      // after the reply is sent: --cpu-prof writes its profile on exit
      setTimeout(() => process.exit(0), 20);
    },
  });
  process.send?.({ id: 0, ok: true, result: { ready: true, port: started.port } });
}
