/**
 * What every group of HTTP routes needs: the bearer token, the session it opens, and a room
 * held for the length of a handler.
 */
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@concerto/contract';
import type { Role } from '@concerto/contract';
import type { Config } from './config.js';
import { ApiError } from './errors.js';
import type { Room } from './room.js';
import type { RoomRegistry, RoomSpec } from './rooms.js';
import type { Sessions } from './sessions.js';
import { settingsOf } from './settings.js';
import type { SessionRecord } from './storage/index.js';
import type { TokenClaims } from './tokens.js';

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export function baseUrlOf(config: Config, request: FastifyRequest): string {
  if (config.publicUrl !== null) return config.publicUrl;
  const host = request.headers.host ?? `localhost:${config.port}`;
  return `${request.protocol}://${host}`;
}

export function roomSpec(session: SessionRecord, room: string): RoomSpec {
  const group = session.groups.find((g) => g.id === room);
  return {
    sessionId: session.id,
    name: room,
    displayName: group?.name ?? room,
    keyIdeaLimit: session.keyIdeaLimit,
    template: settingsOf(session).template,
    carriesOver: carriesOverTo(session, room),
  };
}

/** Whether the session carried an axis over to this room (its read-only zone has content: board R25). */
export function carriesOverTo(session: SessionRecord, room: string): boolean {
  return (session.carriedOver ?? []).some((item) => item.groupId === room);
}

export interface Authorized {
  claims: TokenClaims;
  session: SessionRecord;
}

/** The session the request's token opens, or the right 401/403/404. */
export async function authorize(sessions: Sessions, request: FastifyRequest, sessionId: string, roles?: readonly Role[]): Promise<Authorized> {
  const result = await sessions.authenticate(bearer(request), sessionId);
  if (!result.ok) {
    if (result.reason === 'not-found') throw new ApiError(ErrorCode.notFound, 'No such session.');
    if (result.reason === 'forbidden') throw new ApiError(ErrorCode.forbidden, 'This token does not open this session.');
    throw new ApiError(ErrorCode.unauthorized, `A valid token is needed (${result.detail}).`);
  }
  if (roles !== undefined && !roles.includes(result.claims.role)) {
    throw new ApiError(ErrorCode.forbidden, `Only the ${roles.join(' or ')} can do this.`);
  }
  return result;
}

/** Runs `use` with the room loaded, and lets it unload afterwards if nobody is connected. */
export async function withRoom<T>(rooms: RoomRegistry, session: SessionRecord, room: string, use: (live: Room) => T): Promise<T> {
  const live = await rooms.acquire(roomSpec(session, room));
  try {
    return use(live);
  } finally {
    rooms.release(live);
  }
}

/** When ADMIN_TOKEN is set, creating things (sessions, programmes, imports) needs it. */
export function requireAdmin(config: Config, request: FastifyRequest, what: string): void {
  if (config.adminToken !== null && bearer(request) !== config.adminToken) {
    throw new ApiError(ErrorCode.unauthorized, `${what} needs the admin token.`);
  }
}
