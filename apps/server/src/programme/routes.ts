/**
 * The programme routes (issue 11 §3, docs/contract.md "Programmes"): create a « démarche »,
 * attach sessions with their territory (and detach them), read it with its sessions' themes and
 * votes, store the facilitator's merges, start a new session from consolidated themes, and
 * delete it; and export its roadmap (exportRoutes.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ExportQueue } from '../archive/exportQueue.js';
import { ErrorCode } from '@concerto/contract';
import { ApiError } from '../errors.js';
import type { HttpDeps } from '../http.js';
import { baseUrlOf, bearer, requireAdmin } from '../routeKit.js';
import { settingsOf } from '../settings.js';
import { createSessionSchema, parseBody } from '../validation.js';
import { registerRoadmapExports } from './exportRoutes.js';
import { attachSessionSchema, carryOverSchema, createProgrammeSchema, mergesSchema } from './schemas.js';
import { Programmes } from './service.js';

export function registerProgrammeRoutes(app: FastifyInstance, deps: HttpDeps, secret: Buffer, exports: ExportQueue): void {
  const { config, storage, sessions, rooms } = deps;
  const programmes = new Programmes(storage, sessions, rooms, secret, config.tokenTtlDays);
  registerRoadmapExports(app, deps, programmes, exports);

  app.post('/api/programmes', async (request, reply) => {
    requireAdmin(config, request, 'Creating a programme');
    const { title } = parseBody(createProgrammeSchema, request.body);
    return reply.status(201).send(await programmes.create(title, baseUrlOf(config, request)));
  });

  app.get<{ Params: { id: string } }>('/api/programmes/:id', async (request) => {
    const programme = await programmes.authorize(bearer(request), request.params.id);
    return programmes.describe(programme);
  });

  app.post<{ Params: { id: string } }>('/api/programmes/:id/sessions', async (request) => {
    const programme = await programmes.authorize(bearer(request), request.params.id);
    const body = parseBody(attachSessionSchema, request.body);
    // The session's own facilitator token: holding the programme's link is not enough to pull
    // someone else's session (and its participants' words) into it.
    const auth = await sessions.authenticate(body.sessionToken, body.sessionId);
    if (!auth.ok) {
      if (auth.reason === 'not-found') throw new ApiError(ErrorCode.notFound, 'No such session.');
      throw new ApiError(ErrorCode.forbidden, `The session's facilitator token is needed to attach it (${auth.detail}).`);
    }
    if (auth.claims.role !== 'facilitator') throw new ApiError(ErrorCode.forbidden, "Only the session's facilitator token can attach it.");
    // Without a date of its own, the session's day (given when it was created) is the one.
    const date = body.date ?? settingsOf(auth.session).date;
    await storage.attachSession(programme.id, { sessionId: body.sessionId, territory: body.territory, date, attachedAt: Date.now() });
    return programmes.describe((await storage.getProgramme(programme.id)) ?? programme);
  });

  // Detaching needs the programme's token only: it takes the session's themes out of the
  // consolidation and leaves the session itself untouched (merges that named its themes just
  // lose them at the next read).
  app.delete<{ Params: { id: string; sessionId: string } }>('/api/programmes/:id/sessions/:sessionId', async (request) => {
    const programme = await programmes.authorize(bearer(request), request.params.id);
    if (!(await storage.detachSession(programme.id, request.params.sessionId))) {
      throw new ApiError(ErrorCode.notFound, 'This session is not part of this programme.');
    }
    return programmes.describe((await storage.getProgramme(programme.id)) ?? { ...programme, sessions: [] });
  });

  // The programme and its list of sessions go; its sessions stay (each has its own facilitator).
  app.delete<{ Params: { id: string } }>('/api/programmes/:id', async (request, reply) => {
    const programme = await programmes.authorize(bearer(request), request.params.id);
    await storage.deleteProgramme(programme.id);
    return reply.status(204).send();
  });

  app.put<{ Params: { id: string } }>('/api/programmes/:id/merges', async (request) => {
    const programme = await programmes.authorize(bearer(request), request.params.id);
    const { revision, merges } = parseBody(mergesSchema, request.body);
    const stored = await storage.updateProgramme({ ...programme, revision: revision + 1, merges }, revision);
    if (!stored) {
      throw new ApiError(ErrorCode.conflict, `The consolidation changed since revision ${revision}: reload it (now ${programme.revision}).`);
    }
    return programmes.describe({ ...programme, revision: revision + 1, merges });
  });

  app.post<{ Params: { id: string } }>('/api/programmes/:id/carry-over', async (request, reply) => {
    const programme = await programmes.authorize(bearer(request), request.params.id);
    const body = parseBody(carryOverSchema, request.body);
    const byTheme = body.rotation !== undefined;
    const { groupNames, items } = await programmes.carriedOver(programme, body.themes, byTheme);
    // The same checks as POST /api/sessions (two axes at least to rotate, …); a carry-over's
    // boards default to « Enjeux – Objectifs – Actions », whose first zone shows what it carries.
    const input = parseBody(createSessionSchema, {
      title: body.title,
      ...(byTheme ? { rotation: { axes: groupNames, ...(body.rotation?.groups ? { groups: body.rotation.groups } : {}) } } : { groups: groupNames }),
      ...(body.questions === undefined ? {} : { questions: body.questions }),
      ...(body.date === undefined ? {} : { date: body.date }),
      template: body.template ?? { kind: 'enjeux-objectifs-actions' },
    });
    const created = await sessions.create(input, baseUrlOf(config, request), { carriedOver: items });
    await storage.attachSession(programme.id, { sessionId: created.id, territory: body.territory, date: body.date ?? null, attachedAt: Date.now() });
    return reply.status(201).send(created);
  });
}
