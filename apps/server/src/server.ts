/**
 * Wires the server together: storage, sessions, rooms, the HTTP API and the websocket edge.
 * `main.ts` calls it with the environment's configuration; tests call it with their own.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildHttp } from './http.js';
import { RoomRegistry } from './rooms.js';
import type { Logger } from './rooms.js';
import { loadSecret } from './secret.js';
import { Sessions } from './sessions.js';
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
  /** stores what is pending, closes clients with 1012, stops listening, closes storage */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { storage?: Storage } = {}): Promise<ConcertoServer> {
  const storage = options.storage ?? (await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl ?? undefined }));
  const secret = loadSecret(config.secret, config.dataDir);
  const sessions = new Sessions(storage, secret, config.tokenTtlDays);
  let log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const rooms = new RoomRegistry(storage, config.limits, { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) });
  const sockets = new SocketServer({ sessions, rooms, limits: config.limits, log: { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) } });
  const app = buildHttp({ config, storage, sessions, rooms, sockets });
  log = { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) };

  await app.ready();
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
    close() {
      closing ??= (async () => {
        await sockets.close();
        await rooms.drain();
        await rooms.close();
        await app.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
