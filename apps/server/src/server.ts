/**
 * Wires the server together, in one place: storage, the fan-out to other instances, sessions,
 * rooms, the websocket edge, every group of HTTP routes in order, and the background jobs (the
 * closed-session guard, the retention sweep, session events from other instances). `main.ts`
 * calls it with the environment's configuration; tests call it with their own.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { guardClosedSessions } from './archive/closedGuard.js';
import { registerArchiveRoutes } from './archive/routes.js';
import { startRetention } from './archive/retention.js';
import type { Retention } from './archive/retention.js';
import type { Config } from './config.js';
import { registerControlRoutes } from './control/routes.js';
import { registerProgrammeRoutes } from './programme/routes.js';
import { createHttp, guardOrigins, registerMetrics, registerSessionRoutes, registerWebApp } from './http.js';
import { Metrics } from './metrics.js';
import { PendingSockets } from './pendingSockets.js';
import { RefusalLog } from './refusalLog.js';
import { guardSlowBodies } from './slowBodies.js';
import { systemClock } from './clock.js';
import type { HttpDeps } from './http.js';
import { RoomRegistry } from './rooms.js';
import type { Logger } from './rooms.js';
import { loadSecret } from './secret.js';
import { Sessions } from './sessions.js';
import { openFanOut } from './fanout/index.js';
import type { FanOut, FanOutStats } from './fanout/index.js';
import { followSessionEvents } from './sessionEvents.js';
import { openStorage } from './storage/index.js';
import type { Storage } from './storage/index.js';
import { SocketServer } from './upgrade.js';

export interface ConcertoServer {
  /** `http://host:port` it listens on */
  url: string;
  port: number;
  app: FastifyInstance;
  rooms: RoomRegistry;
  sessions: Sessions;
  storage: Storage;
  sockets: SocketServer;
  fanOut: FanOut;
  metrics: Metrics;
  /** stores what is pending, closes clients with 1012, stops listening, closes storage */
  close(): Promise<void>;
}

export interface StartOptions {
  storage?: Storage;
  /** the link to other instances; by default from REDIS_URL (alone without it) */
  fanOut?: FanOut;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<ConcertoServer> {
  const app = createHttp(config);
  const log: Logger = { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) };
  const storage = options.storage ?? (await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl ?? undefined }));
  const fanOut =
    options.fanOut ?? (await openFanOut({ redisUrl: config.redisUrl, prefix: config.redisPrefix, onLog: (level, message) => log[level](message) }));
  const secret = loadSecret(config.secret, config.dataDir);
  const sessions = new Sessions(storage, secret, config.tokenTtlDays);
  const metrics = new Metrics();
  const rooms = new RoomRegistry(storage, config.limits, log, { fanOut, metrics });
  const origins = { publicUrl: config.publicUrl, allowedOrigins: config.allowedOrigins };
  const refusals = new RefusalLog(systemClock, (line) => log.info(line), (reason) => metrics.refuse(reason));
  const sockets = new SocketServer({ sessions, rooms, limits: config.limits, log, origins, metrics, refusals });
  metrics.observe({
    rooms: () => rooms.size,
    connections: () => sockets.connectionCount,
    queuedBytes: () => sockets.queuedBytes,
    fanOut: () => {
      if (config.redisUrl === null) return null;
      const stats = 'stats' in fanOut && typeof fanOut.stats === 'function' ? (fanOut.stats as () => FanOutStats)() : null;
      return { up: fanOut.health().state === 'ok', published: stats?.published ?? 0, dropped: stats?.dropped ?? 0, received: stats?.received ?? 0, inFlight: stats?.inFlight ?? 0 };
    },
  });
  followSessionEvents(fanOut, sessions, sockets, rooms, log);

  const deps: HttpDeps = { config, storage, sessions, rooms, sockets, fanOut };
  guardOrigins(app, origins, refusals);
  guardSlowBodies(app, systemClock, refusals);
  registerMetrics(app, config, metrics);
  guardClosedSessions(app, sessions);
  registerSessionRoutes(app, deps);
  registerControlRoutes(app, deps);
  const exports = registerArchiveRoutes(app, deps);
  registerProgrammeRoutes(app, deps, secret, exports);
  registerWebApp(app, config);
  await app.ready();

  // Background job: the first sweep runs before the server listens, so an expired session is never served.
  let retention: Retention | null = null;
  if (config.retentionDays !== null) {
    retention = startRetention(deps, config.retentionDays, app.log);
    await retention.sweep();
  }

  // Issue 10 item 1: a socket that has not sent a whole request (or upgrade) within 10 s is
  // closed, at most MAX_PENDING_PER_ADDRESS of them per address; Node's own header timeout too.
  const pending = new PendingSockets(config.limits.maxPendingPerAddress, systemClock, (reason, address) => {
    refusals.refuse(reason, address, `refused ${address}: ${reason}`);
  });
  app.server.headersTimeout = 10_000;
  app.server.on('connection', (socket: Socket) => pending.opened(socket));
  app.server.on('request', (request: IncomingMessage) => pending.finished(request.socket));
  app.server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    pending.finished(socket);
    sockets.handleUpgrade(request, socket, head);
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    app,
    rooms,
    sessions,
    storage,
    sockets,
    fanOut,
    metrics,
    close() {
      closing ??= (async () => {
        await retention?.stop();
        await sockets.close();
        await rooms.drain();
        await rooms.close();
        // after the last publish; the others drop this instance's presence at once
        await fanOut.close();
        await app.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
