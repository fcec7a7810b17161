/**
 * Issue 10 items 7 and 10 on a real process, logging at debug (request lines on): foreign
 * origins refused with 403 before any sync, /metrics behind METRICS_TOKEN, one log line per
 * refused connection with its reason — a flood from one address in a few lines and a summary
 * — and no token in any log line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { REFUSAL_LINES_PER_WINDOW, REFUSAL_WINDOW_MS } from '../../src/refusalLog.js';
import { createSession, figure, metric, sleep, startServerProcess } from './hardeningKit.js';
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

  it('logs a flood of 1,000 refused upgrades from one address in a few lines and a « more refused » summary, and counts them all', async () => {
    const flood = await startServerProcess({ MAX_PENDING_PER_ADDRESS: '1000' });
    try {
      const session = await createSession(flood);
      const url = `${flood.wsUrl}/${session.id}/${session.groups[0]!.id}?token=forged-${'x'.repeat(20)}`;
      const closes = new Map<number | null, number>();
      const started = Date.now();
      for (let batch = 0; batch < 20; batch++) {
        const results = await Promise.all(Array.from({ length: 50 }, () => upgrade(url)));
        for (const r of results) closes.set(r.close, (closes.get(r.close) ?? 0) + 1);
      }
      const floodMs = Date.now() - started;
      const refusedNow = flood.lines.filter((l) => l.includes('refused ')).length;
      // Every refusal is said: in a line of its own or in a summary's count (written when its window ends).
      const said = () => {
        let n = 0;
        for (const line of flood.lines) {
          const more = /refused 127\.0\.0\.1: unauthorized: (\d+) more refused/.exec(line);
          if (more !== null) n += Number(more[1]);
          else if (line.includes('refused 127.0.0.1 /ws/') && line.includes(': unauthorized: ')) n += 1;
        }
        return n;
      };
      const deadline = Date.now() + REFUSAL_WINDOW_MS + 10_000;
      while (said() < 1_000 && Date.now() < deadline) await sleep(100);
      const refused = flood.lines.filter((l) => l.includes('refused '));
      const counted = await metric(flood, 'concerto_refused_connections_total', 'reason="unauthorized"');
      // one window, or more when the flood outlasted one on a loaded machine
      const windows = Math.ceil(floodMs / REFUSAL_WINDOW_MS) + 1;
      figure(`item 10: 1,000 refused upgrades from one address in ${floodMs} ms (closes ${JSON.stringify(Object.fromEntries(closes))}) → ${refusedNow} log lines at once, ${refused.length} with the summary: ${refused.at(-1)?.slice(0, 160)}; counted ${counted}`);
      expect(closes.get(4401)).toBe(1_000);
      expect(said()).toBe(1_000);
      expect(refused.length).toBeLessThanOrEqual(windows * (REFUSAL_LINES_PER_WINDOW + 1));
      expect(refused.filter((l) => l.includes('more refused'))).not.toHaveLength(0);
      expect(counted).toBe(1_000);
    } finally {
      await flood.stop();
    }
  }, 90_000);
});
