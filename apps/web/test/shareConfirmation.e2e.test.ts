/**
 * Issue 12, minor: on a 900 px high screen, « Partagé en plénière à… » landed below the fold of
 * the side panel, so the person who shared never saw that it worked. After sharing, the
 * confirmation is in view.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';

describe.skipIf(skipBrowserTests())('the share confirmation', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('is brought into view after « Partager en plénière » on a 1280 × 900 screen', async () => {
    const session = await createSession(server, { title: 'Confirmation visible', keyIdeaLimit: 3 });
    const { context, page } = await openAs(browser, groupLink(server, session, 0), 'Marie', { viewport: { width: 1280, height: 900 } });
    contexts.push(context);

    const long = 'Proposer un accompagnement au numérique dans chaque mairie, avec des permanences régulières, '
      + 'des aidants formés et du matériel prêté aux personnes qui n’en ont pas.';
    for (let i = 1; i <= 3; i++) {
      await page.getByRole('button', { name: 'Écrire une idée clé' }).click();
      const field = page.getByLabel(`Idée clé ${i} (vous pouvez la reformuler)`);
      await field.waitFor();
      await field.fill(`${i}. ${long}`);
    }
    await page.getByRole('button', { name: 'Partager en plénière' }).click();
    const confirmation = page.getByText('Partagé en plénière à', { exact: false });
    await confirmation.waitFor();
    await expect.poll(async () => {
      const box = await confirmation.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 900;
    }, { timeout: 5_000 }).toBe(true);
    await screenshot(page, 'share-confirmation-900');
  }, 60_000);
});
