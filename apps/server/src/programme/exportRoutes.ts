/**
 * The roadmap of a démarche (issue 11 §5, docs/contract.md "Programmes"): `GET
 * /api/programmes/:id/export.pdf|.md|.json` with the programme's token. Its sessions are
 * gathered live, as a session's export does, and drawn in the same bounded worker queue, so a
 * roadmap and compte-rendus together never hold more than the queue's capacity.
 */
import type { FastifyInstance } from 'fastify';
import type { StoredProgrammeContent } from '@concerto/export';
import { gatherLive } from '../archive/collect.js';
import { exportLib } from '../archive/exportLib.js';
import type { ExportQueue } from '../archive/exportQueue.js';
import { sendBusy, sendFile } from '../archive/routes.js';
import type { HttpDeps } from '../http.js';
import { bearer } from '../routeKit.js';
import type { Programme } from '../storage/index.js';
import type { Programmes } from './service.js';

/** Every session still there, in the order attached, with its rooms as they are now. */
async function gather(deps: HttpDeps, programme: Programme): Promise<StoredProgrammeContent> {
  const sessions: StoredProgrammeContent['sessions'] = [];
  for (const member of programme.sessions) {
    const session = await deps.sessions.get(member.sessionId);
    // A session deleted since (by its facilitator or retention) just leaves the roadmap.
    if (session === null) continue;
    sessions.push({ territory: member.territory, date: member.date, content: await gatherLive(deps.rooms, deps.storage, session) });
  }
  return { programme: { id: programme.id, title: programme.title, createdAt: programme.createdAt, merges: programme.merges }, sessions };
}

export function registerRoadmapExports(app: FastifyInstance, deps: HttpDeps, programmes: Programmes, exports: ExportQueue): void {
  for (const format of ['pdf', 'md', 'json'] as const) {
    app.get<{ Params: { id: string } }>(`/api/programmes/:id/export.${format}`, async (request, reply) => {
      const programme = await programmes.authorize(bearer(request), request.params.id);
      const slot = exports.tryReserve();
      if (slot === null) return sendBusy(reply, exports);
      try {
        const content = await gather(deps, programme);
        const exportedAt = Date.now();
        const rendered = await slot.renderRoadmap(format, content, exportedAt);
        const body = typeof rendered === 'string' ? rendered : Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength);
        const { roadmapFileName } = await exportLib();
        return sendFile(reply, format, roadmapFileName(programme, format, exportedAt), body);
      } finally {
        slot.release();
      }
    });
  }
}
