/**
 * Which pages may open a websocket or change state (issue 10, item 7). A browser always sends
 * `Origin` on a websocket upgrade and on a cross-site POST; a page of another site must not
 * ride on a participant's link. Allowed: the server's own origin — `PUBLIC_URL`'s when set,
 * otherwise the request's `Host` (any scheme: TLS may end at a proxy) — and `ALLOWED_ORIGINS`.
 * No `Origin` at all (curl, scripts, server-to-server) is allowed: a browser page cannot omit
 * it. `Origin: null` (sandboxed frames, file://, some redirects) is refused.
 */
export interface OriginPolicy {
  /** `PUBLIC_URL`, without its trailing slash; null: the request's host is the own origin */
  publicUrl: string | null;
  /** normalised origins (`scheme://host[:port]`) */
  allowedOrigins: readonly string[];
}

export function originAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // 'null' and anything else that is not an origin
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (policy.allowedOrigins.includes(parsed.origin)) return true;
  if (policy.publicUrl !== null) return new URL(policy.publicUrl).origin === parsed.origin;
  return host !== undefined && parsed.host === host.toLowerCase();
}

/** Methods that change state: these routes check the origin (reads stay open: CORS keeps their answers from foreign pages). */
export function changesState(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
