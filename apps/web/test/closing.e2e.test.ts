/**
 * Issue 12, minor list: after « Clore la séance » (the console's button, confirmed) the timer
 * stops everywhere, and « Temps écoulé » leaves the projector.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { createSession, groupLink, openAs, openConsole, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openProjection } from './plenaryKit.js';

describe.skipIf(skipBrowserTests())('closing a session', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  /** « Clore la séance » in the console, confirmed, as the facilitator does it. */
  async function closeFromConsole(session: Parameters<typeof openConsole>[2]): Promise<void> {
    const { context, page } = await openConsole(browser, server, session, session.title);
    await page.getByRole('button', { name: 'Clore la séance' }).click();
    await page.getByRole('dialog', { name: 'Clore la séance ?' }).getByRole('button', { name: 'Clore la séance' }).click();
    await page.getByText('La séance est close', { exact: false }).first().waitFor();
    await context.close();
  }

  it('takes « Temps écoulé » off the projector and the canvas', async () => {
    const session = await createSession(server, { title: 'Minuteur sonné' });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette');
    const projection = await openProjection(browser, server, session);
    expect((await api(server, `/api/sessions/${session.id}/timer`, session.facilitatorToken, { action: 'start', seconds: 1 })).status).toBe(200);
    await expect.poll(() => projection.getByRole('timer').textContent(), { timeout: 8000 }).toContain('Temps écoulé');
    await expect.poll(() => page.getByRole('timer').textContent(), { timeout: 8000 }).toContain('Temps écoulé');

    await closeFromConsole(session);
    await expect.poll(() => projection.getByRole('timer').count(), { timeout: 8000 }).toBe(0);
    await expect.poll(() => page.getByRole('timer').count(), { timeout: 8000 }).toBe(0);
    await screenshot(projection, 'closed-projection');
    await context.close();
    await projection.context().close();
  }, 60_000);

  it('stops a timer still counting, on every canvas and on the projector', async () => {
    const session = await createSession(server, { title: 'Minuteur en cours' });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette');
    const projection = await openProjection(browser, server, session);
    expect((await api(server, `/api/sessions/${session.id}/timer`, session.facilitatorToken, { action: 'start', seconds: 300 })).status).toBe(200);
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/0[45]:\d\d/);
    await projection.getByRole('timer').waitFor();

    await closeFromConsole(session);
    await expect.poll(() => page.getByRole('timer').count(), { timeout: 8000 }).toBe(0);
    await expect.poll(() => projection.getByRole('timer').count(), { timeout: 8000 }).toBe(0);
    await context.close();
    await projection.context().close();
  }, 60_000);
});
