/**
 * The fan-out between server instances: pick the adapter from the configuration.
 * See README.md.
 */
import { LocalFanOut } from './local.js';
import type { FanOut, FanOutLog } from './port.js';

export type { FanOut, FanOutHealth, FanOutLog, FanOutStats, RoomEvent, SessionEvent } from './port.js';
export { InProcessBus, LocalFanOut } from './local.js';
export type { RedisFanOutOptions } from './redis.js';

export interface FanOutConfig {
  /** a redis:// URL: instances sharing it (and the prefix) form a cluster; null or '' runs alone */
  redisUrl?: string | null;
  /** namespace of keys and channels; default 'concerto' */
  prefix?: string;
  onLog?: FanOutLog;
  /** how long to wait for Redis at startup before serving degraded; default 2 s */
  connectTimeoutMs?: number;
}

/**
 * With a Redis URL: a RedisFanOut, once connected or after connectTimeoutMs (an unreachable
 * Redis never blocks startup: the server serves its own clients and reports `degraded`).
 * Without: a LocalFanOut alone, which delivers nothing anywhere.
 */
export async function openFanOut(config: FanOutConfig): Promise<FanOut> {
  const url = config.redisUrl ?? '';
  if (url === '') return new LocalFanOut();
  // Loaded only with a Redis URL: ioredis is about 15 MB of memory (RSS) a lone instance never uses.
  const { RedisFanOut } = await import('./redis.js');
  const fanOut = new RedisFanOut({ url, prefix: config.prefix ?? 'concerto', onLog: config.onLog });
  if (!(await fanOut.ready(config.connectTimeoutMs ?? 2_000))) {
    config.onLog?.('warn', `fan-out: ${fanOut.health().reason ?? 'redis unreachable'}; serving degraded`);
  }
  return fanOut;
}
