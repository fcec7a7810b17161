/**
 * A request body must arrive within BODY_TIMEOUT_MS of its headers (10 s, as an upgrade must:
 * issue 10 item 1), or the request is answered 408 and its socket closed: a client that sends
 * headers and then dribbles a body would otherwise hold its socket for Node's 300 s
 * (`requestTimeout`). A route that takes large bodies gives itself longer with its route
 * config `bodyTimeoutMs` (the archive import: 64 MiB). Per route, hence not Node's own
 * `requestTimeout`, which is one value for the whole server; and not `connectionTimeout`
 * (socket inactivity), which would also cut a response that takes long to prepare (an export).
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock.js';
import { UNFINISHED_TIMEOUT_MS } from './pendingSockets.js';
import type { RefusalLog } from './refusalLog.js';
import { redactUrl } from './redact.js';

export const BODY_TIMEOUT_MS = UNFINISHED_TIMEOUT_MS;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** how long this route waits for a request's body (default BODY_TIMEOUT_MS) */
    bodyTimeoutMs?: number;
  }
}

export function guardSlowBodies(app: FastifyInstance, clock: Clock, refusals: RefusalLog): void {
  app.addHook('onRequest', async (request, reply) => {
    const raw = request.raw;
    if (raw.complete) return;
    const ms = request.routeOptions.config.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
    const cancel = clock.after(ms, () => {
      if (raw.complete || raw.socket.destroyed) return;
      refusals.refuse('slow-request', request.ip, `refused ${request.ip} ${request.method} ${redactUrl(request.url).split('?')[0]}: slow-request: the body did not arrive within ${ms / 1000} s`);
      if (!reply.raw.headersSent) reply.raw.writeHead(408, { connection: 'close', 'content-length': 0 });
      reply.raw.end();
      raw.socket.destroy();
    });
    reply.raw.once('close', cancel);
  });
}
