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
});
