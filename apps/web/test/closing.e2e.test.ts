/**
 * Issue 12, minor list: after « Clore la séance » the timer stops everywhere, and « Temps
 * écoulé » leaves the projector.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openProjection } from './plenaryKit.js';

describe.skipIf(skipBrowserTests())('closing a session', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('stops the timer on every canvas and takes « Temps écoulé » off the projector', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette');
    const projection = await openProjection(browser, server, session);
    // a timer that has already rung on the projector, and one counting on the canvas afterwards
    expect((await api(server, `/api/sessions/${session.id}/timer`, session.facilitatorToken, { action: 'start', seconds: 1 })).status).toBe(200);
    await expect.poll(() => projection.getByRole('timer').textContent(), { timeout: 8000 }).toContain('Temps écoulé');
    expect((await api(server, `/api/sessions/${session.id}/timer`, session.facilitatorToken, { action: 'start', seconds: 300 })).status).toBe(200);
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/0[45]:\d\d/);

    expect((await api(server, `/api/sessions/${session.id}/close`, session.facilitatorToken, {})).status).toBe(200);
    await expect.poll(() => page.getByRole('timer').count(), { timeout: 8000 }).toBe(0);
    await expect.poll(() => projection.getByRole('timer').count(), { timeout: 8000 }).toBe(0);
    await screenshot(projection, 'closed-projection');
    await context.close();
    await projection.context().close();
  });
});
