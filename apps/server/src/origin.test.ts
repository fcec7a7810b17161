import { describe, expect, it } from 'vitest';
import { changesState, originAllowed } from './origin.js';

describe('originAllowed', () => {
  const own = { publicUrl: null, allowedOrigins: [] };
  it('allows a request without Origin, refuses Origin: null and foreign origins', () => {
    expect(originAllowed(own, undefined, 'concerto.example.fr')).toBe(true);
    expect(originAllowed(own, 'null', 'concerto.example.fr')).toBe(false);
    expect(originAllowed(own, 'https://evil.example', 'concerto.example.fr')).toBe(false);
    expect(originAllowed(own, 'chrome-extension://abc', 'abc')).toBe(false);
  });

  it('allows the request\'s own host without PUBLIC_URL, whatever the scheme (TLS may end at a proxy)', () => {
    expect(originAllowed(own, 'https://concerto.example.fr', 'concerto.example.fr')).toBe(true);
    expect(originAllowed(own, 'http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(originAllowed(own, 'http://127.0.0.1:8081', '127.0.0.1:8080')).toBe(false);
  });

  it('with PUBLIC_URL, allows its origin only, plus ALLOWED_ORIGINS', () => {
    const policy = { publicUrl: 'https://concerto.example.fr', allowedOrigins: ['https://intranet.example.fr'] };
    expect(originAllowed(policy, 'https://concerto.example.fr', 'internal:8080')).toBe(true);
    expect(originAllowed(policy, 'http://concerto.example.fr', 'concerto.example.fr')).toBe(false);
    expect(originAllowed(policy, 'https://intranet.example.fr', 'concerto.example.fr')).toBe(true);
    expect(originAllowed(policy, 'https://evil.example', 'evil.example')).toBe(false);
  });

  it('checks only methods that change state', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].every(changesState)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(changesState)).toBe(false);
  });
});
