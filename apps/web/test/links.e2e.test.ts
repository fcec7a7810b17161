/**
 * Issue 12, item 2: reopening a link must let people back in. The token leaves the address bar
 * at once; the device keeps it for the session, so the address bar's URL (history, bookmark,
 * a copied address) opens the page again, until « Oublier ce lien sur cet appareil ».
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { axeViolations, canvas, createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const NO_TOKEN = 'Ouvrez le lien reçu dans la discussion du webinaire.';

describe.skipIf(skipBrowserTests())('links reopened on the same device', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('the address bar’s URL reopens the group in a new tab; forgetting the link says to open it again', async () => {
    const session = await createSession(server, { title: 'Lien rouvert' });
    const { context, page } = await openAs(browser, groupLink(server, session, 0), 'Odette', PHONE);
    contexts.push(context);
    // The token left the address bar.
    const address = page.url();
    expect(address).toBe(`${server.url}/s/${session.id}/groupe-1`);

    // Reopened from the history or a bookmark: a new tab of the same browser, no fragment.
    const again = await context.newPage();
    await again.goto(address);
    await canvas(again).waitFor();
    expect(await again.getByText('n’est plus valable').count()).toBe(0);
    // The plenary opens too, from its bare address.
    await again.goto(`${server.url}/s/${session.id}/plenary`);
    await again.getByRole('heading', { name: 'Plénière' }).waitFor();
    await again.close();

    // Forgetting it, from the key ideas panel: this device no longer opens the group.
    await page.getByRole('button', { name: /^Idées clés/ }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Oublier ce lien sur cet appareil' }).click();
    await page.getByText(NO_TOKEN).waitFor();
    const later = await context.newPage();
    await later.goto(address);
    await later.getByText(NO_TOKEN).waitFor();
    await screenshot(later, 'link-no-token-phone');
    expect(await axeViolations(later)).toEqual([]);
  }, 60_000);

  it('without any token, it says where to find the link, not « plus valable »', async () => {
    const session = await createSession(server, { title: 'Sans lien' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${session.id}/groupe-2`);
    await page.getByText(NO_TOKEN).waitFor();
    expect(await page.getByText('n’est plus valable').count()).toBe(0);
    await screenshot(page, 'link-no-token-desktop');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/s/${session.id}/facilitate`);
    await page.getByText('Ouvrez le lien d’animation reçu à la création de la séance.').waitFor();
  }, 60_000);

  it('a group’s link opened on another group’s page or on the console says which group it opens, and goes there', async () => {
    const session = await createSession(server, { title: 'Mauvais groupe' });
    const groupThree = session.groups[2]!;
    const context = await browser.newContext({ locale: 'fr-FR', ...PHONE });
    contexts.push(context);
    await context.addInitScript(() => window.localStorage.setItem('concerto:name', 'Yves'));
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${session.id}/groupe-1#token=${groupThree.token}`);
    await page.getByText('Ce lien ouvre le Groupe 3.').waitFor();
    expect(await page.getByText('n’est plus valable').count()).toBe(0);
    await screenshot(page, 'link-other-group-phone');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Aller au Groupe 3' }).click();
    await canvas(page).waitFor();
    await page.getByRole('heading', { name: /Groupe 3/ }).waitFor();

    // On the console, on a computer: the same link says what it is.
    const desk = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    contexts.push(desk);
    const console_ = await desk.newPage();
    await console_.goto(`${server.url}/s/${session.id}/facilitate#token=${groupThree.token}`);
    await console_.getByRole('heading', { name: 'Impossible d’ouvrir la console d’animation' }).waitFor();
    await console_.getByText('Ce lien ouvre le Groupe 3.').waitFor();
    await screenshot(console_, 'link-console-group-token-desktop');
    expect(await axeViolations(console_)).toEqual([]);
    await console_.getByRole('link', { name: 'Aller au Groupe 3' }).click();
    await console_.getByLabel('Votre prénom').waitFor();
  }, 60_000);

});
