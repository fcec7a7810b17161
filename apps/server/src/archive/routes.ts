/**
 * Where the compte-rendu and the archive live on the HTTP API (docs/contract.md):
 * exports (facilitator), import (like creating a session), close (freeze) and delete. The
 * closed-session guard and the retention sweep are wired by `server.ts`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { setControl } from '@concerto/board';
import { ErrorCode, PLENARY_ROOM } from '@concerto/contract';
import type { ExportFormat } from '@concerto/export';
import { ApiError } from '../errors.js';
import type { HttpDeps } from '../http.js';
import { SERVER_ORIGIN } from '../room.js';
import { authorize, baseUrlOf, bearer, withRoom } from '../routeKit.js';
import { gatherLive } from './collect.js';
import { eraseSession } from './erase.js';
import { exportLib } from './exportLib.js';
import { ExportQueue } from './exportQueue.js';
import { DAY_MS } from './retention.js';
import { restoreSession } from './restore.js';
import { settingsOf, withSettings } from '../settings.js';

/** Archives carry every room's full state: far more than the API's usual body limit. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
/** an archive may be large: its body may take this long to arrive (others: 10 s, slowBodies.ts) */
export const IMPORT_BODY_TIMEOUT_MS = 120_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const FACILITATOR = ['facilitator'] as const;

export function sendFile(reply: FastifyReply, format: ExportFormat, fileName: string, body: string | Buffer): FastifyReply {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    // The name is ASCII (reportFileName); filename* is there for clients that prefer it.
    .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    // It holds what participants wrote: no cache along the way.
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/** Registers the routes; returns the export queue, which the roadmap's exports share (programme/exportRoutes.ts). */
/** 503 + Retry-After: the export queue is full (a session's compte-rendu or a roadmap). */
export function sendBusy(reply: FastifyReply, exports: ExportQueue): FastifyReply {
  const busy = new ApiError(ErrorCode.busy, `${exports.capacity} exports are being prepared; try again in a few seconds.`);
  return reply.status(busy.status).header('retry-after', String(exports.retryAfterSeconds())).send(busy.toBody());
}

export function registerArchiveRoutes(app: FastifyInstance, deps: HttpDeps): ExportQueue {
  const { config, storage, sessions, rooms, sockets } = deps;

  // Rendering happens on a worker thread, at most EXPORT_QUEUE_CAPACITY at once (exportQueue.ts).
  const exports = new ExportQueue();
  app.addHook('onClose', async () => exports.close());

  for (const format of ['pdf', 'md', 'json'] as const) {
    app.get<{ Params: { id: string } }>(`/api/sessions/:id/export.${format}`, async (request, reply) => {
      const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
      // A place first: a refused export should not cost a drain and every room's read.
      const slot = exports.tryReserve();
      if (slot === null) return sendBusy(reply, exports);
      try {
        // Here: what is pending is stored, then the rows are read; the worker builds and draws.
        const content = await gatherLive(rooms, storage, session);
        const rendered = await slot.render(format, content, Date.now());
        const body = typeof rendered === 'string' ? rendered : Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength);
        const { reportFileName } = await exportLib();
        return sendFile(reply, format, reportFileName(session, format), body);
      } finally {
        slot.release();
      }
    });
  }

  app.post('/api/sessions/import', { bodyLimit: IMPORT_BODY_LIMIT, config: { bodyTimeoutMs: IMPORT_BODY_TIMEOUT_MS } }, async (request, reply) => {
    if (config.adminToken !== null && bearer(request) !== config.adminToken) {
      throw new ApiError(ErrorCode.unauthorized, 'Importing a session needs the admin token.');
    }
    const { parseArchive } = await exportLib();
    const parsed = parseArchive(request.body, { maxRoomBytes: config.limits.maxDocumentBytes });
    if (!parsed.ok) {
      throw new ApiError(parsed.error.code === 'too-large' ? ErrorCode.payloadTooLarge : ErrorCode.badRequest, parsed.error.message);
    }
    const { session } = parsed.value;
    if (config.retentionDays !== null && session.createdAt < Date.now() - config.retentionDays * DAY_MS) {
      // It would be deleted by the next sweep: say so now rather than lose it silently.
      throw new ApiError(ErrorCode.conflict, `This session was created more than ${config.retentionDays} days ago, longer than this server keeps sessions (RETENTION_DAYS).`);
    }
    const created = await restoreSession(storage, sessions, parsed.value, baseUrlOf(config, request));
    return reply.status(201).send(created);
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/close', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const closedAt = settingsOf(session).closedAt ?? Date.now();
    const updated = await sessions.update(session.id, (record) => (settingsOf(record).closed ? record : withSettings(record, { closed: true, closedAt })));
    if (updated === null) throw new ApiError(ErrorCode.notFound, 'No such session.');
    // Every open connection becomes read-only at once, without reconnecting.
    sockets.applyPolicy(updated);
    // Consoles and canvases learn it live from the plenary's control state.
    // The timer ends with the session: no canvas nor projector goes on counting, or says
    // « Temps écoulé », over a closed session.
    await withRoom(rooms, updated, PLENARY_ROOM, (room) => {
      room.doc.transact(() => {
        setControl(room.doc, 'closed', true, SERVER_ORIGIN);
        setControl(room.doc, 'timer', null, SERVER_ORIGIN);
      }, SERVER_ORIGIN);
    });
    await rooms.drain();
    return { id: updated.id, closed: true, closedAt: settingsOf(updated).closedAt };
  });

  app.delete<{ Params: { id: string } }>('/api/sessions/:id', async (request, reply) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    await eraseSession(deps, session.id);
    return reply.status(204).send();
  });

  return exports;
}
