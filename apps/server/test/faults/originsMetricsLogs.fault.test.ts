/**
 * Issue 10 items 7 and 10 on a real process, logging at debug (request lines on): foreign
 * origins refused with 403 before any sync, /metrics behind METRICS_TOKEN, one log line per
 * refused connection with its reason, and no token in any log line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSession, figure, sleep, startServerProcess } from './hardeningKit.js';
import type { ServerProcess } from './hardeningKit.js';

function upgrade(url: string, origin?: string): Promise<{ status: number; firstMessage: boolean; close: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    let status = 0;
    let firstMessage = false;
    ws.once('upgrade', (response) => (status = response.statusCode ?? 0));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, firstMessage: false, close: null });
      ws.terminate();
    });
    ws.once('message', () => {
      firstMessage = true;
      ws.close();
    });
    ws.once('close', (code) => resolve({ status, firstMessage, close: code }));
    ws.once('error', () => undefined);
  });
}

describe('origins, metrics and logs (issue 10 items 7, 10)', () => {
  let server: ServerProcess;
  afterAll(() => server.stop());

  it('refuses foreign origins with 403, counts and logs each refusal once with its reason, never a token', async () => {
    server = await startServerProcess({ LOG_LEVEL: 'debug', METRICS_TOKEN: 'scrape-secret-0123', ALLOWED_ORIGINS: 'https://intranet.example.fr' });
    const session = await createSession(server);
    const group = session.groups[0]!;
    const url = (token: string) => `${server.wsUrl}/${session.id}/${group.id}?token=${encodeURIComponent(token)}`;

    const evil = await upgrade(url(group.token), 'https://evil.example');
    const nullOrigin = await upgrade(url(group.token), 'null');
    const listed = await upgrade(url(group.token), 'https://intranet.example.fr');
    const none = await upgrade(url(group.token));
    const forged = await upgrade(url('forged-token-value-42'));
    const post = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"title":"x"}' });
    const lock = await fetch(`${server.url}/api/sessions/${session.id}/close`, { method: 'POST', headers: { origin: 'null', authorization: `Bearer ${session.facilitatorToken}` } });
    const page = await fetch(`${server.url}/s/${session.id}?token=${encodeURIComponent(session.facilitatorToken)}`);
    await page.arrayBuffer();
    const unauthorized = (await fetch(`${server.url}/metrics`)).status;
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret-0123' } })).text();
    await sleep(300);

    const refusedLines = server.lines.filter((l) => l.includes('refused '));
    const tokens = [group.token, session.facilitatorToken, session.projectorToken, 'forged-token-value-42', 'scrape-secret-0123'];
    const leaks = server.lines.filter((l) => tokens.some((t) => l.includes(t) || l.includes(encodeURIComponent(t))));
    figure(`item 7: upgrade evil ${evil.status}, null ${nullOrigin.status}, listed ${listed.status}, no Origin ${none.status}; POST evil ${post.status}, close with Origin null ${lock.status}`);
    figure(`item 10: /metrics ${unauthorized} without the token; ${refusedLines.length} "refused" log lines for 5 refusals; ${leaks.length} log lines with a token out of ${server.lines.length}`);
    expect([evil.status, nullOrigin.status, post.status, lock.status]).toEqual([403, 403, 403, 403]);
    expect([evil.firstMessage, nullOrigin.firstMessage]).toEqual([false, false]);
    expect([listed.firstMessage, none.firstMessage]).toEqual([true, true]);
    expect(forged.close).toBe(4401);
    expect(unauthorized).toBe(401);
    expect(metrics).toMatch(/concerto_refused_connections_total\{reason="origin"\} 4/);
    expect(metrics).toMatch(/concerto_refused_connections_total\{reason="unauthorized"\} 1/);
    expect(refusedLines).toHaveLength(5);
    expect(refusedLines.filter((l) => l.includes(': origin: '))).toHaveLength(4);
    expect(refusedLines.filter((l) => l.includes(': unauthorized: '))).toHaveLength(1);
    expect(leaks).toEqual([]);
    expect(server.lines.some((l) => l.includes('[redacted]'))).toBe(true);
  }, 60_000);
});
