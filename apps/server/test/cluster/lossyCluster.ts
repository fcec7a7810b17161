/**
 * Two instances on the machine's PostgreSQL and a Redis of the test's own, instance B (index 1)
 * reaching it through a proxy that can swallow a delivery, and one session: the setup of the
 * sequence-gap and known-limits tests.
 */
import type { CreateSessionResponse } from '@concerto/contract';
import { createSession, startCluster } from './cluster.js';
import type { Cluster, ClusterClient } from './cluster.js';
import { startLossyRedisProxy } from './lossyRedisProxy.js';
import type { LossyRedisProxy } from './lossyRedisProxy.js';
import { startOwnRedis } from './redisServer.js';
import type { OwnRedis } from './redisServer.js';

export interface LossyCluster {
  redis: OwnRedis;
  proxy: LossyRedisProxy;
  cluster: Cluster;
  session: CreateSessionResponse;
  /** destroyed by dispose() */
  clients: ClusterClient[];
  dispose(): Promise<void>;
}

/** `env`: extra environment for both instances. */
export async function startLossyCluster(env: Record<string, string> = {}): Promise<LossyCluster> {
  const redis = await startOwnRedis();
  let proxy: LossyRedisProxy | undefined;
  let cluster: Cluster | undefined;
  try {
    proxy = await startLossyRedisProxy(redis.port);
    const via = proxy.url;
    cluster = await startCluster({ instances: 2, redisUrl: redis.url, instanceEnv: (i): Record<string, string> => (i === 1 ? { REDIS_URL: via } : {}), env });
    const session = await createSession(cluster.instances[0]!);
    const clients: ClusterClient[] = [];
    const [started, relay] = [cluster, proxy];
    return {
      redis, proxy, cluster, session, clients,
      async dispose() {
        for (const c of clients) c.destroy();
        await started.dispose();
        await relay.close();
        await redis.dispose();
      },
    };
  } catch (err) {
    await cluster?.dispose();
    await proxy?.close();
    await redis.dispose();
    throw err;
  }
}
