import type {
  ApiErrorBody,
  CreateSessionRequest,
  CreateProgrammeResponse,
  CreateSessionResponse,
  ProgrammeDescription,
  ProgrammeMerge,
  PushResponse,
  SessionDescription,
  SessionTemplate,
} from '@concerto/contract';

/** An HTTP API failure: `status` 0 means the request never reached the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as ApiErrorBody | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? response.statusText);
  }
  return body as T;
}

export function fetchSession(sessionId: string, token: string): Promise<SessionDescription> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}`, { token });
}

export interface SessionRequest {
  /** when it was sent (`Date.now()`), for the clock offset */
  sentAt: number;
  /** `receivedAt`: when the answer came (`Date.now()`), not when the page took it up */
  response: Promise<{ session: SessionDescription; receivedAt: number }>;
}

function timed(sessionId: string, token: string): SessionRequest {
  const sentAt = Date.now();
  return { sentAt, response: fetchSession(sessionId, token).then((session) => ({ session, receivedAt: Date.now() })) };
}

/** At most one request made as the app starts, waiting for the page that needs it. */
let early: (SessionRequest & { key: string }) | null = null;

/**
 * Asks for a session's description as the app starts, while the page's own chunk is still
 * loading: the page then does not add a round trip after it (`sessionRequest` picks it up).
 */
export function prefetchSession(sessionId: string, token: string): void {
  const request = timed(sessionId, token);
  // Not a failure of its own: the page that takes it up reports it.
  request.response.catch(() => undefined);
  early = { key: `${sessionId}\n${token}`, ...request };
}

/** A session's description: the request made at start when it is for the same session and token (once), else a new one. */
export function sessionRequest(sessionId: string, token: string): SessionRequest {
  const taken = early;
  early = null;
  if (taken !== null && taken.key === `${sessionId}\n${token}`) return taken;
  return timed(sessionId, token);
}

export function pushKeyIdeas(sessionId: string, groupId: string, token: string): Promise<PushResponse> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/groups/${encodeURIComponent(groupId)}/push`;
  return request(path, { method: 'POST', token, body: '{}' });
}

export function createSession(body: CreateSessionRequest, adminToken?: string): Promise<CreateSessionResponse> {
  return request('/api/sessions', { method: 'POST', body: JSON.stringify(body), token: adminToken });
}

function post<T>(sessionId: string, path: string, token: string, body: unknown): Promise<T> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/${path}`, { method: 'POST', token, body: JSON.stringify(body) });
}

/** The facilitator's controls (server: apps/server/src/control/routes.ts). */
export const control = {
  timer: (sessionId: string, token: string, body: { action: 'start' | 'add'; seconds: number } | { action: 'stop' }) =>
    post<{ serverTime: number }>(sessionId, 'timer', token, body),
  phase: (sessionId: string, token: string, phase: string | null) => post(sessionId, 'phase', token, { phase }),
  focus: (sessionId: string, token: string, focus: { kind: 'all' } | { kind: 'group' | 'theme'; id: string }) =>
    post(sessionId, 'focus', token, focus),
  lock: (sessionId: string, token: string, groups: string[] | 'all', locked: boolean) =>
    post<{ lockedRooms: string[] }>(sessionId, 'lock', token, { groups, locked }),
  pushAll: (sessionId: string, token: string, groups?: string[]) =>
    post<{ pushes: PushResponse[]; skipped: string[] }>(sessionId, 'push', token, groups ? { groups } : {}),
  openVote: (sessionId: string, token: string, votesPerParticipant: number, target: 'ideas' | 'themes') =>
    post(sessionId, 'vote', token, { action: 'open', votesPerParticipant, target }),
  closeVote: (sessionId: string, token: string) => post(sessionId, 'vote', token, { action: 'close' }),
  rotation: (sessionId: string, token: string, body: { action: 'start'; round?: number; seconds?: number } | { action: 'end' } | { action: 'choose-axes' } | { action: 'resume-rounds' }) =>
    post(sessionId, 'rotation', token, body),
  /** the action-sheet phase: a person (their device's id) chooses their axis, with a rotating group's link */
  chooseAxis: (sessionId: string, token: string, person: string, axis: string) =>
    post<{ axis: string; counts: Record<string, number> }>(sessionId, 'axis', token, { person, axis }),
  ballot: (sessionId: string, token: string, participantId: string, itemId: string, action: 'add' | 'remove') =>
    post<{ mine: string[]; remaining: number; counts: Record<string, number> }>(sessionId, 'vote/ballot', token, { participantId, itemId, action }),
};

/** Fresh links for every role (facilitator only). */
export function fetchLinks(sessionId: string, token: string): Promise<CreateSessionResponse> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/links`, { token });
}

/** A programme (« démarche », server: apps/server/src/programme/routes.ts); its own token. */
export const programmeApi = {
  create: (title: string) => request<CreateProgrammeResponse>('/api/programmes', { method: 'POST', body: JSON.stringify({ title }) }),
  read: (id: string, token: string) => request<ProgrammeDescription>(`/api/programmes/${encodeURIComponent(id)}`, { token }),
  saveMerges: (id: string, token: string, revision: number, merges: ProgrammeMerge[]) =>
    request<ProgrammeDescription>(`/api/programmes/${encodeURIComponent(id)}/merges`, { method: 'PUT', token, body: JSON.stringify({ revision, merges }) }),
  attach: (id: string, token: string, body: { sessionId: string; sessionToken: string; territory: string; date?: string }) =>
    request<ProgrammeDescription>(`/api/programmes/${encodeURIComponent(id)}/sessions`, { method: 'POST', token, body: JSON.stringify(body) }),
  detach: (id: string, token: string, sessionId: string) =>
    request<ProgrammeDescription>(`/api/programmes/${encodeURIComponent(id)}/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE', token }),
  remove: (id: string, token: string) => request<null>(`/api/programmes/${encodeURIComponent(id)}`, { method: 'DELETE', token }),
  carryOver: (id: string, token: string, body: { title: string; territory: string; date?: string; themes: string[]; rotation?: { groups?: string[] }; template?: SessionTemplate }) =>
    request<CreateSessionResponse>(`/api/programmes/${encodeURIComponent(id)}/carry-over`, { method: 'POST', token, body: JSON.stringify(body) }),
};
