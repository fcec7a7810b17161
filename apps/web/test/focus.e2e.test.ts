/**
 * Issue 12, minor list: keyboard focus never drops to <body> after joining, after Enter on a
 * cluster title, or on opening « Déplacer vers… »: it goes where the person's next action is.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { addNote, createSession, groupLink, note, openAs, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';

const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  if (el === null || el === document.body) return 'body';
  return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
});

describe.skipIf(skipBrowserTests())('where the keyboard focus goes', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('after joining with the name form: on « Ajouter une note »', async () => {
    const session = await createSession(server);
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(groupLink(server, session));
    await page.getByRole('textbox', { name: 'Votre prénom' }).fill('Odette');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Tableau du groupe' }).waitFor();
    await expect.poll(() => focused(page)).toBe('button:Ajouter une note');
    // and Enter there does what it says
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^textarea/);
    await context.close();
  });

  it('after Enter on a cluster title: on the cluster’s options, not on <body>', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Odette');
    await page.getByRole('button', { name: 'Nouveau regroupement' }).click();
    await expect.poll(() => focused(page)).toBe('textarea:Titre du regroupement');
    await page.keyboard.type('Mobilité');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button:Options du regroupement «\u202fMobilité\u202f»');
    expect(await page.getByRole('textbox', { name: 'Titre du regroupement' }).inputValue()).toBe('Mobilité');
    await context.close();
  });

  it('on opening « Déplacer vers… »: on the first place to move to; back: on « Déplacer vers… »', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 2), 'Odette');
    await addNote(page, 'À ranger');
    await note(page, 'À ranger').getByRole('button', { name: 'Options de la note' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Déplacer vers…' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button:Un nouveau regroupement');
    await page.getByRole('button', { name: 'Retour' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button:Déplacer vers…');
    await context.close();
  });
});
