/**
 * The HTTP side: the Fastify app with its error mapping, the session routes of the API
 * (docs/contract.md "HTTP API"), and the web app's static files. `server.ts` decides what is
 * registered and in which order.
 */
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readPlenary } from '@concerto/board';
import { ErrorCode, PLENARY_ROOM } from '@concerto/contract';
import type { PlenaryResponse } from '@concerto/contract';
import type { Config } from './config.js';
import { ApiError } from './errors.js';
import { canPush } from './rights.js';
import type { RoomRegistry } from './rooms.js';
import { authorize, baseUrlOf, bearer, withRoom } from './routeKit.js';
import { pushGroups } from './plenaryService.js';
import { describeSession } from './sessions.js';
import type { Sessions } from './sessions.js';
import { StorageUnavailableError } from './storage/index.js';
import type { Storage } from './storage/index.js';
import { createSessionSchema, describeIssues } from './validation.js';
import { redactUrl } from './redact.js';
import { changesState, originAllowed } from './origin.js';
import type { OriginPolicy } from './origin.js';
import type { Metrics } from './metrics.js';
import type { RefusalLog } from './refusalLog.js';
import type { SocketServer } from './upgrade.js';
import type { FanOut } from './fanout/index.js';

export interface HttpDeps {
  config: Config;
  storage: Storage;
  sessions: Sessions;
  rooms: RoomRegistry;
  sockets: SocketServer;
  fanOut: FanOut;
}

/** The Fastify app with its error mapping, no route yet. */
export function createHttp(config: Config): FastifyInstance {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // page and websocket URLs carry tokens: never logged as they are
            serializers: {
              req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }),
            },
            redact: ['req.headers.authorization', 'headers.authorization'],
          },
    bodyLimit: config.limits.maxBodyBytes,
    // A line per request is noise at a webinar's pace; debug and trace keep them.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else if (error instanceof StorageUnavailableError) {
      apiError = new ApiError(ErrorCode.storageUnavailable, 'Storage is unavailable; try again in a moment.');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      apiError = new ApiError(ErrorCode.payloadTooLarge, `The body is larger than ${config.limits.maxBodyBytes} bytes.`);
    } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      apiError = new ApiError(error.statusCode === 404 ? ErrorCode.notFound : ErrorCode.badRequest, error.message);
    } else {
      request.log.error(error);
      apiError = new ApiError(ErrorCode.internal, 'Internal error.');
    }
    void reply.status(apiError.status).send(apiError.toBody());
  });
  return app;
}

/**
 * Issue 10 item 7: a state-changing request (POST, PUT, PATCH, DELETE) from a page of another
 * origin is refused with 403 before anything runs. Registered first, so it precedes every route.
 */
export function guardOrigins(app: FastifyInstance, policy: OriginPolicy, refusals: RefusalLog): void {
  app.addHook('onRequest', async (request) => {
    if (!changesState(request.method)) return;
    const origin = request.headers.origin;
    if (originAllowed(policy, origin, request.headers.host)) return;
    refusals.refuse('origin', request.ip, `refused ${request.ip} ${request.method} ${redactUrl(request.url).split('?')[0]}: origin: ${JSON.stringify(origin ?? '').slice(0, 80)} not allowed`);
    throw new ApiError(ErrorCode.forbidden, 'Requests from this origin are not allowed.');
  });
}

/** GET /metrics, Prometheus text; a Bearer METRICS_TOKEN when configured. */
export function registerMetrics(app: FastifyInstance, config: Config, metrics: Metrics): void {
  app.get('/metrics', async (request, reply) => {
    if (config.metricsToken !== null && !sameSecret(bearer(request) ?? '', config.metricsToken)) {
      throw new ApiError(ErrorCode.unauthorized, 'The metrics need the metrics token.');
    }
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Health, creating and describing sessions, sharing key ideas, reading the plenary. */
export function registerSessionRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { config, storage, sessions, rooms, fanOut, sockets } = deps;

  // 503 only when storage is down (nothing can be kept); a broken link to the other instances
  // leaves this one serving its own clients: 200, degraded, with the reason.
  app.get('/healthz', async (_request, reply) => {
    // A process that is shutting down says so first, so that a balancer's health check takes
    // it out of the pool before its clients, closed with 1012, come back to it.
    const stopping = sockets.isClosing;
    const ok = !stopping && rooms.storageHealthy && (await storage.ping());
    const reasons: string[] = [];
    if (stopping) reasons.push('shutting down');
    else if (!ok) reasons.push('storage unavailable');
    const link = fanOut.health();
    if (link.state === 'degraded') reasons.push(`fan-out: ${link.reason ?? 'degraded'}`);
    const status = stopping ? 'stopping' : !ok ? 'down' : reasons.length > 0 ? 'degraded' : 'ok';
    // `rooms`: how many rooms this process holds in memory (the fault suite checks none is left behind).
    return reply.status(ok ? 200 : 503).send({ ok, status, reasons, storage: storage.kind, instance: fanOut.instanceId, rooms: rooms.size });
  });

  app.post('/api/sessions', async (request, reply) => {
    if (config.adminToken !== null && bearer(request) !== config.adminToken) {
      throw new ApiError(ErrorCode.unauthorized, 'Creating a session needs the admin token.');
    }
    const parsed = createSessionSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new ApiError(ErrorCode.badRequest, describeIssues(parsed.error), parsed.error.issues);
    const created = await sessions.create(parsed.data, baseUrlOf(config, request));
    return reply.status(201).send(created);
  });

  app.get<{ Params: { id: string } }>('/api/sessions/:id', async (request) => {
    const { claims, session } = await authorize(sessions, request, request.params.id);
    return describeSession(session, claims);
  });

  app.get<{ Params: { id: string } }>('/api/sessions/:id/links', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, ['facilitator']);
    return sessions.links(session, baseUrlOf(config, request));
  });

  app.post<{ Params: { id: string; groupId: string } }>('/api/sessions/:id/groups/:groupId/push', async (request) => {
    const { claims, session } = await authorize(sessions, request, request.params.id);
    const group = session.groups.find((g) => g.id === request.params.groupId);
    if (group === undefined) throw new ApiError(ErrorCode.notFound, 'No such group in this session.');
    if (!canPush(claims, group.id)) throw new ApiError(ErrorCode.forbidden, 'Only this group or the facilitator can share its key ideas.');
    const { pushes: [response] } = await pushGroups(rooms, session, [group.id]);
    return response;
  });

  app.get<{ Params: { id: string } }>('/api/sessions/:id/plenary', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id);
    const snapshot = await withRoom(rooms, session, PLENARY_ROOM, (room) => readPlenary(room.doc, session.groups));
    const response: PlenaryResponse = {
      groups: snapshot.groups.map((g) => ({ id: g.id, name: g.name, pushedAt: g.pushedAt, keyIdeas: g.keyIdeas.map((i) => ({ id: i.id, text: i.text })) })),
      themes: snapshot.themes,
    };
    return response;
  });
}

/** Last: unknown API routes answer 404 in JSON; the web app gets every other GET. */
export function registerWebApp(app: FastifyInstance, config: Config): void {
  app.all('/api/*', async () => {
    throw new ApiError(ErrorCode.notFound, 'No such API route.');
  });

  if (existsSync(config.webDir)) {
    void app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: ['index.html'] });
    // The web app routes /s/... itself: every such path gets index.html.
    app.setNotFoundHandler((request, reply: FastifyReply) => {
      if (request.method === 'GET' && (request.url === '/' || request.url.startsWith('/s/'))) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.status(404).send(new ApiError(ErrorCode.notFound, 'Not found.').toBody());
    });
  } else {
    app.log.warn(`no web app at ${config.webDir}: run "npm run build"; serving the API only`);
  }
}
