import type {
  ApiErrorBody,
  CreateSessionRequest,
  CreateSessionResponse,
  PushResponse,
  SessionDescription,
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

export function pushKeyIdeas(sessionId: string, groupId: string, token: string): Promise<PushResponse> {
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/groups/${encodeURIComponent(groupId)}/push`;
  return request(path, { method: 'POST', token, body: '{}' });
}

export function createSession(body: CreateSessionRequest, adminToken?: string): Promise<CreateSessionResponse> {
  return request('/api/sessions', { method: 'POST', body: JSON.stringify(body), token: adminToken });
}
