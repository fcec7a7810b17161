/**
 * Capability tokens: who may do what in one session, signed with HMAC-SHA256. No accounts:
 * the link is the key. A token is `<payload>.<signature>`, both base64url; the payload is
 * `v1|<sessionId>|<role>|<groupId or ->|<expiry in s>`, short enough for a QR code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@concerto/contract';
import { ROLES } from '@concerto/contract';

export interface TokenClaims {
  sessionId: string;
  role: Role;
  /** the group of a participant; null for the other roles */
  groupId: string | null;
  /** seconds since epoch */
  expiresAt: number;
  /**
   * Not signed, not in the token: the person id a page gives with its connection in the
   * action-sheet phase (`&person=`), whose chosen axis decides its rights there (rights.ts).
   * Anyone holding the link may choose any axis, so a made-up id gains nothing.
   */
  person?: string;
}

export type TokenError = 'malformed' | 'bad-signature' | 'expired';

const VERSION = 'v1';
const SIGNATURE_BYTES = 32;

function sign(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function issueToken(secret: Buffer, claims: TokenClaims): string {
  const payload = [VERSION, claims.sessionId, claims.role, claims.groupId ?? '-', String(claims.expiresAt)].join('|');
  return `${Buffer.from(payload).toString('base64url')}.${sign(secret, payload).toString('base64url')}`;
}

export function verifyToken(
  secret: Buffer,
  token: string,
  nowSeconds: number,
): { ok: true; claims: TokenClaims } | { ok: false; error: TokenError } {
  if (token.length > 512) return { ok: false, error: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, error: 'malformed' };
  const payload = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  // The length check is not secret-dependent; timingSafeEqual needs equal lengths.
  if (signature.length !== SIGNATURE_BYTES || !timingSafeEqual(signature, sign(secret, payload))) {
    return { ok: false, error: 'bad-signature' };
  }
  const parts = payload.split('|');
  const [version, sessionId, role, group, expiry] = parts;
  if (parts.length !== 5 || version !== VERSION || !sessionId || !isRole(role) || !group || !expiry) {
    return { ok: false, error: 'malformed' };
  }
  const expiresAt = Number(expiry);
  if (!Number.isSafeInteger(expiresAt)) return { ok: false, error: 'malformed' };
  if (expiresAt <= nowSeconds) return { ok: false, error: 'expired' };
  return { ok: true, claims: { sessionId, role, groupId: group === '-' ? null : group, expiresAt } };
}

function isRole(value: string | undefined): value is Role {
  return (ROLES as readonly string[]).includes(value ?? '');
}
