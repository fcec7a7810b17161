/**
 * The server goes away while the browser still believes it is online (a restart, a dead
 * box, a captive Wi-Fi): a participant who reloads the page keeps the canvas and their notes
 * (service worker + this device's copy) and is told they are offline and that the notes are
 * kept, not left on « Connexion… » for as long as it lasts.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addNote, createSession, groupLink, launchBrowser, note, openAs, screenshot, skipBrowserTests, startServer } from './harness.js';

describe.skipIf(skipBrowserTests())('a server that cannot be reached', () => {
  it('a reload says « Hors ligne », keeps the notes, and the page still takes a new one', async () => {
    const server = await startServer();
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const session = await createSession(server, { title: 'Séance serveur coupé' });
      const marie = await openAs(browser, groupLink(server, session), 'Marie');
      await addNote(marie.page, 'Avant la panne');
      await expect.poll(() => marie.page.evaluate(async () => {
        const cached = await (await caches.open('concerto-shell-v1')).keys();
        return cached.some((r) => r.url.endsWith('/index.html')) && cached.some((r) => r.url.includes('/assets/GroupPage-'));
      }), { timeout: 5000 }).toBe(true);

      await server.stop();
      await marie.page.reload();
      await note(marie.page, 'Avant la panne').waitFor({ timeout: 5000 });
      expect(await marie.page.evaluate(() => navigator.onLine)).toBe(true);
      // The first attempt to reach the server fails at once (connection refused).
      await marie.page.getByText(/Hors ligne\s*: vos notes sont gardées/).waitFor({ timeout: 5000 });
      await addNote(marie.page, 'Pendant la panne');
      await screenshot(marie.page, 'server-gone-reload');
      expect(await marie.page.locator('.note').count()).toBe(2);
      await marie.context.close();
    } finally {
      await browser?.close();
      await server.stop();
    }
  });
});
