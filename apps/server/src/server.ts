/**
 * Wires the server together, in one place: storage, the fan-out to other instances, sessions,
 * rooms, the websocket edge, every group of HTTP routes in order, and the background jobs (the
 * closed-session guard, the retention sweep, session events from other instances). `main.ts`
 * calls it with the environment's configuration; tests call it with their own.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { guardClosedSessions } from './archive/closedGuard.js';
import { registerArchiveRoutes } from './archive/routes.js';
import { startRetention } from './archive/retention.js';
import type { Retention } from './archive/retention.js';
import type { Config } from './config.js';
import { registerControlRoutes } from './control/routes.js';
import { createHttp, registerSessionRoutes, registerWebApp } from './http.js';
import type { HttpDeps } from './http.js';
import { RoomRegistry } from './rooms.js';
import type { Logger } from './rooms.js';
import { loadSecret } from './secret.js';
import { Sessions } from './sessions.js';
import { openFanOut } from './fanout/index.js';
import type { FanOut } from './fanout/index.js';
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
  const rooms = new RoomRegistry(storage, config.limits, log, { fanOut });
  const sockets = new SocketServer({ sessions, rooms, limits: config.limits, log });
  followSessionEvents(fanOut, sessions, sockets, rooms, log);

  const deps: HttpDeps = { config, storage, sessions, rooms, sockets, fanOut };
  guardClosedSessions(app, sessions);
  registerSessionRoutes(app, deps);
  registerControlRoutes(app, deps);
  registerArchiveRoutes(app, deps);
  registerWebApp(app, config);
  await app.ready();

  // Background job: the first sweep runs before the server listens, so an expired session is never served.
  let retention: Retention | null = null;
  if (config.retentionDays !== null) {
    retention = startRetention(deps, config.retentionDays, app.log);
    await retention.sweep();
  }

  app.server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head));
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
