import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from './tokens.js';

const secret = Buffer.from('a'.repeat(32));
const claims = { sessionId: 'abc', role: 'participant' as const, groupId: 'groupe-1', expiresAt: 2_000 };

describe('capability tokens', () => {
  it('round-trips its claims', () => {
    expect(verifyToken(secret, issueToken(secret, claims), 1_000)).toEqual({ ok: true, claims });
    const f = { ...claims, role: 'facilitator' as const, groupId: null };
    expect(verifyToken(secret, issueToken(secret, f), 1_000)).toEqual({ ok: true, claims: f });
  });

  it('refuses another secret, a changed payload, an expired token and garbage', () => {
    const token = issueToken(secret, claims);
    expect(verifyToken(Buffer.from('b'.repeat(32)), token, 1_000)).toEqual({ ok: false, error: 'bad-signature' });
    const [, sig] = token.split('.');
    const tampered = `${Buffer.from('v1|abc|facilitator|-|2000').toString('base64url')}.${sig}`;
    expect(verifyToken(secret, tampered, 1_000)).toEqual({ ok: false, error: 'bad-signature' });
    expect(verifyToken(secret, token, 2_000)).toEqual({ ok: false, error: 'expired' });
    for (const junk of ['', '.', 'abc', 'a.b', '.'.repeat(600), `${token}x`]) {
      expect(verifyToken(secret, junk, 1_000).ok).toBe(false);
    }
  });
});
