/**
 * Issue 12, minor list: axe's `region` rule (moderate: all content sits in landmarks, so a
 * screen reader's landmark navigation reaches everything) on the phone plenary, the
 * projection and the facilitator's canvas.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { createSession, groupLink, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openPage, plenaryUrl, projectionUrl, shareKeyIdeas } from './plenaryKit.js';

async function regionViolations(page: Page): Promise<string[]> {
  const axe = (await import('axe-core')).default;
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
    return w.axe.run(document, { runOnly: { type: 'rule', values: ['region', 'landmark-one-main', 'landmark-unique'] } });
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe.skipIf(skipBrowserTests())('every part of a page in a landmark', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('the plenary on a phone, the projection, and the facilitator’s canvas', async () => {
    const session = await createSession(server);
    await shareKeyIdeas(server, session, 0, ['Un accueil sans rendez-vous']);
    const phone = await openPage(browser, plenaryUrl(server, session, session.groups[1]!.token), { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
    await phone.getByText('Un accueil sans rendez-vous').first().waitFor();
    await phone.waitForTimeout(300);
    expect(await regionViolations(phone)).toEqual([]);

    const projection = await openPage(browser, projectionUrl(server, session), { viewport: { width: 1280, height: 800 } });
    await projection.locator('.projection-stage').waitFor();
    await projection.waitForTimeout(300);
    expect(await regionViolations(projection)).toEqual([]);

    // a step under way: its hint shows under the canvas's header
    expect((await api(server, `/api/sessions/${session.id}/phase`, session.facilitatorToken, { phase: 'clustering' })).status).toBe(200);
    const canvasUrl = new URL(groupLink(server, session, 2));
    canvasUrl.hash = `token=${session.facilitatorToken}`;
    const facilitator = await openPage(browser, canvasUrl.toString(), { viewport: { width: 1280, height: 800 } });
    // no name to give: the facilitator is « Animation » (issue 12, item 3)
    await facilitator.getByRole('region', { name: 'Tableau du groupe' }).waitFor().catch(async (error: unknown) => {
      await screenshot(facilitator, 'landmarks-facilitator-failed');
      throw error;
    });
    expect(await facilitator.getByRole('textbox', { name: 'Votre prénom' }).count()).toBe(0);
    await facilitator.locator('.phase-hint').waitFor();
    await facilitator.waitForTimeout(300);
    expect(await regionViolations(facilitator)).toEqual([]);
    for (const page of [phone, projection, facilitator]) await page.context().close();
  }, 90_000);
});
