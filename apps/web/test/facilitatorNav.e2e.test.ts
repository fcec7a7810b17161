/**
 * Issue 12, item 3: the facilitator goes between the console, the plenary and the projection in
 * one click each, with no name to give; a participant in the plenary has a way back to their group.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { axeViolations, canvas, createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';
import { shareKeyIdeas } from './plenaryKit.js';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe.skipIf(skipBrowserTests())('one click between the pages of a session', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('the facilitator: console → plénière → projection → plénière → console → a group, no name prompt', async () => {
    const session = await createSession(server, { title: 'Navigation de l’animation' });
    await shareKeyIdeas(server, session, 0, ['Une idée partagée']);
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.goto(new URL(session.links.facilitator, server.url).toString());
    await page.getByRole('heading', { name: 'Navigation de l’animation' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Pages de la séance' });
    expect(await axeViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Plénière' }).click();
    await page.getByRole('heading', { name: 'Plénière' }).waitFor();
    await page.getByText('Une idée partagée').waitFor();
    expect(await page.getByLabel('Votre prénom').count()).toBe(0);
    await screenshot(page, 'nav-facilitator-plenary');
    expect(await axeViolations(page)).toEqual([]);

    const [projection] = await Promise.all([
      context.waitForEvent('page'),
      nav.getByRole('link', { name: /^Projection/ }).click(),
    ]);
    await projection.locator('.projection-stage').waitFor();
    expect(await axeViolations(projection)).toEqual([]);
    await projection.getByRole('navigation', { name: 'Pages de la séance' }).getByRole('link', { name: 'Plénière' }).click();
    await projection.getByRole('heading', { name: 'Plénière' }).waitFor();
    await projection.close();

    await nav.getByRole('link', { name: 'Console d’animation' }).click();
    await page.getByRole('heading', { name: 'Navigation de l’animation' }).waitFor();
    const [groupTab] = await Promise.all([
      context.waitForEvent('page'),
      page.locator('.group-card').first().getByRole('link', { name: /Ouvrir le groupe/ }).click(),
    ]);
    await canvas(groupTab).waitFor();
    expect(await groupTab.getByLabel('Votre prénom').count()).toBe(0);
    await groupTab.getByRole('navigation', { name: 'Pages de la séance' }).getByRole('link', { name: 'Console d’animation' }).click();
    await groupTab.getByRole('heading', { name: 'Navigation de l’animation' }).waitFor();

    // The console on a phone: the same way to the plenary, and nothing axe calls serious.
    const phone = await browser.newContext({ locale: 'fr-FR', ...PHONE });
    contexts.push(phone);
    const small = await phone.newPage();
    await small.goto(new URL(session.links.facilitator, server.url).toString());
    await small.getByRole('heading', { name: 'Navigation de l’animation' }).waitFor();
    await screenshot(small, 'nav-console-phone');
    expect(await axeViolations(small)).toEqual([]);
    await small.getByRole('navigation', { name: 'Pages de la séance' }).getByRole('link', { name: 'Plénière' }).click();
    await small.getByRole('heading', { name: 'Plénière' }).waitFor();
    await screenshot(small, 'nav-plenary-facilitator-phone');
    expect(await axeViolations(small)).toEqual([]);
  }, 120_000);

  it('a participant on a phone: from the group to the plenary and back to the group', async () => {
    const session = await createSession(server, { title: 'Retour au groupe' });
    await shareKeyIdeas(server, session, 1, ['Idée du groupe 2']);
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Lucie', PHONE);
    contexts.push(context);
    await page.getByRole('link', { name: 'Voir la plénière' }).click();
    await page.getByText('Idée du groupe 2').waitFor();
    await screenshot(page, 'nav-participant-plenary-phone');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Revenir à mon groupe (Groupe 2)' }).click();
    await canvas(page).waitFor();
    await page.getByRole('heading', { name: /Groupe 2/ }).waitFor();
  }, 60_000);
});
