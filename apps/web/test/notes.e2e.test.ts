/**
 * Issue 12, minor list: a long note warns before it is cut at 600 characters, and the draft
 * badge never covers the first line of a draft.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { addNote, axeViolations, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api } from './plenaryKit.js';

describe.skipIf(skipBrowserTests())('writing notes', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('shows how many characters are left near the 600-character limit, and says when it is reached', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette');
    await page.getByRole('button', { name: 'Ajouter une note' }).click();
    const field = page.getByRole('textbox', { name: 'Texte de la note' });
    await page.keyboard.insertText('a'.repeat(400));
    expect(await page.locator('.length-counter:visible').count()).toBe(0);
    await page.keyboard.insertText(' b'.repeat(80));
    await expect.poll(() => page.locator('.length-counter').textContent()).toBe('Encore 40 caractères');
    expect(await field.getAttribute('aria-describedby')).toBe(await page.locator('.length-counter').getAttribute('id'));
    await screenshot(page, 'note-length-counter');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.insertText('c'.repeat(39));
    await expect.poll(() => page.locator('.length-counter').textContent()).toBe('Encore 1 caractère');
    await page.keyboard.type('de');
    await expect.poll(() => page.locator('.length-counter').textContent()).toBe('Limite de 600 caractères atteinte.');
    expect((await field.inputValue()).length).toBe(600);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Limite de 600 caractères atteinte.' }).count()).toBe(1);
    await context.close();
  });

  it('on a phone, the form counts too', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Léa', { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
    await page.getByRole('button', { name: 'Écrire une note' }).click();
    await page.getByRole('textbox', { name: 'Texte de la note' }).fill('x'.repeat(590));
    await expect.poll(() => page.locator('.length-counter').textContent()).toBe('Encore 10 caractères');
    await context.close();
  });

  it('says « D’après une note d’Odette », with the elision French wants', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 3), 'Odette');
    await addNote(page, 'Un accueil sans rendez-vous');
    await note(page, 'Un accueil sans rendez-vous').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await expect.poll(() => page.locator('.side-panel').textContent()).toContain('D’après une note d’Odette');
    expect(await page.locator('.side-panel').textContent()).not.toContain('de Odette');
    await context.close();
  });

  it('the draft badge sits above the draft’s first line, not over it', async () => {
    const session = await createSession(server);
    const phase = await api(server, `/api/sessions/${session.id}/phase`, session.facilitatorToken, { phase: 'reflection' });
    expect(phase.status).toBe(200);
    const { context, page } = await openAs(browser, groupLink(server, session, 2), 'Odette');
    await page.locator('.phase-hint', { hasText: 'Réflexion individuelle' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une note' }).click();
    await page.keyboard.type('Première ligne du brouillon');
    const draft = page.locator('.note--draft');
    const badge = await draft.locator('.note-badge--draft').boundingBox();
    const textTop = await draft.locator('textarea').evaluate((el) => el.getBoundingClientRect().top + parseFloat(getComputedStyle(el).paddingTop));
    await screenshot(page, 'draft-badge');
    expect(badge).not.toBeNull();
    expect(textTop).toBeGreaterThanOrEqual(badge!.y + badge!.height);
    await context.close();
  });
});
