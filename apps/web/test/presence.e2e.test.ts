/**
 * Issue 12, minor list: presence avatars are readable whatever colour another client
 * announces (« OB » in white on #f5c400 had a contrast of 1.64).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { axeViolations, createSession, groupLink, openAs, roomProvider, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';

describe.skipIf(skipBrowserTests())('presence avatars', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('show someone who announces yellow in a palette colour that white text reads on (axe clean)', async () => {
    const session = await createSession(server);
    const group = session.groups[0]!;
    const doc = new Y.Doc();
    const provider = roomProvider(server, session.id, group.id, group.token, doc);
    provider.awareness.setLocalStateField('user', { name: 'Olivier Bernard', color: '#f5c400' });
    try {
      const { context, page } = await openAs(browser, groupLink(server, session), 'Odette');
      const avatar = page.locator('.avatar', { hasText: 'OB' });
      await avatar.waitFor();
      const colors = await avatar.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
      expect(colors[0]).not.toBe('rgb(245, 196, 0)');
      await screenshot(page, 'presence-avatars');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    } finally {
      provider.destroy();
      doc.destroy();
    }
  }, 60_000);

  it('count one person with the group open in two tabs once, on every screen (issue 11; the console in axisChoice.e2e)', async () => {
    const session = await createSession(server);
    const link = groupLink(server, session);
    const odette = await openAs(browser, link, 'Odette');
    const secondTab = await odette.context.newPage();
    await secondTab.goto(link);
    const marc = await openAs(browser, link, 'Marc');
    try {
      // Marc sees Odette once: himself and her, not her two tabs
      await marc.page.getByRole('list', { name: '2 personnes présentes' }).waitFor();
      await expect.poll(() => marc.page.locator('.avatar:not(.avatar--self)').count()).toBe(1);
      // each of Odette's tabs: herself and Marc, never her other tab as someone else
      for (const page of [odette.page, secondTab]) {
        await page.getByRole('list', { name: '2 personnes présentes' }).waitFor();
        expect(await page.locator('.avatar:not(.avatar--self)').evaluateAll((els) => els.map((el) => el.getAttribute('title')))).toEqual(['Marc']);
      }
      await screenshot(marc.page, 'presence-two-tabs');
    } finally {
      await odette.context.close();
      await marc.context.close();
    }
  }, 60_000);
});
