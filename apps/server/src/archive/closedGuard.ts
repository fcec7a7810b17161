/**
 * A closed session is frozen: its websockets are read-only (rights.ts), and the HTTP routes
 * that change its content (sharing key ideas, opening a vote, ballots) refuse with 409 too.
 * Presentation routes (phase, focus, timer, locks) stay open, and so does closing a vote left
 * open: a facilitator may still project a closed session and settle its last vote.
 */
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '@concerto/contract';
import { ApiError } from '../errors.js';
import { bearer } from '../routeKit.js';
import type { Sessions } from '../sessions.js';
import { settingsOf } from '../settings.js';

export const CONTENT_ROUTES = new Set([
  '/api/sessions/:id/groups/:groupId/push',
  '/api/sessions/:id/push',
  '/api/sessions/:id/vote',
  '/api/sessions/:id/vote/ballot',
]);

function changesContent(url: string, body: unknown): boolean {
  if (!CONTENT_ROUTES.has(url)) return false;
  if (url !== '/api/sessions/:id/vote') return true;
  return (body as { action?: unknown } | null)?.action !== 'close';
}

export function guardClosedSessions(app: FastifyInstance, sessions: Sessions): void {
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || !changesContent(request.routeOptions.url ?? '', request.body)) return;
    const id = (request.params as { id?: unknown }).id;
    if (typeof id !== 'string') return;
    // Only a caller the session knows learns that it is closed; others get the route's own 401/403.
    const auth = await sessions.authenticate(bearer(request), id);
    if (auth.ok && settingsOf(auth.session).closed) {
      throw new ApiError(ErrorCode.conflict, 'This session is closed: it can be read and exported, not changed.');
    }
  });
}
