import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { addNote, center, createSession, groupLink, mouseDrag, note, openAs, pickUpWithKeyboard, screenshot, skipBrowserTests, touchDrag, withServerAndBrowser, zoomOf } from './harness.js';
import type { RunningServer } from './harness.js';

/** Makes an empty cluster with the toolbar and names it. */
async function addCluster(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Nouveau regroupement' }).click();
  const field = page.getByRole('textbox', { name: 'Titre du regroupement' }).last();
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

/** Whether the note says, to assistive technology, that it is in this cluster. */
async function inCluster(page: Page, text: string, label: string | null): Promise<boolean> {
  const meta = await note(page, text).locator('.note-meta').textContent();
  return label === null ? !meta?.includes('Dans le regroupement') : Boolean(meta?.includes(`regroupement «\u202f${label}\u202f»`));
}

describe.skipIf(skipBrowserTests())('moving notes into clusters', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('with the mouse: in, highlighted on the way, and out again', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session), 'Marie');
    await addCluster(page, 'Souris');
    await addNote(page, 'Glissée à la souris');
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    const frame = page.locator('.cluster-frame');
    const from = await center(note(page, 'Glissée à la souris').locator('.note-text'));
    const to = await center(frame);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y + 10, { steps: 2 });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await expect.poll(() => frame.getAttribute('class')).toContain('cluster-frame--target');
    await screenshot(page, 'drag-mouse-over-cluster');
    await page.mouse.up();
    await expect.poll(() => inCluster(page, 'Glissée à la souris', 'Souris')).toBe(true);

    // Out of the cluster, onto empty canvas.
    const box = await page.locator('.canvas').boundingBox();
    const start = await center(note(page, 'Glissée à la souris').locator('.note-text'));
    await mouseDrag(page, start, { x: (box?.x ?? 0) + 80, y: (box?.y ?? 0) + (box?.height ?? 600) - 200 });
    await expect.poll(() => inCluster(page, 'Glissée à la souris', null)).toBe(true);
    await context.close();
  });

  it('with the keyboard alone, with French announcements, and with « Déplacer vers… »', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Marie');
    await addCluster(page, 'Clavier');
    await addNote(page, 'Au clavier');
    await addNote(page, 'Par le menu');
    await page.getByRole('button', { name: 'Tout afficher' }).click();

    const handle = note(page, 'Au clavier').getByRole('button', { name: 'Déplacer la note' });
    await handle.focus();
    const step = 24 * (await zoomOf(page));
    const from = await center(note(page, 'Au clavier'));
    const to = await center(page.locator('.cluster-frame'));
    await pickUpWithKeyboard(page);
    await expect.poll(() => page.locator('[id^="DndLiveRegion"]').textContent()).toContain('Vous avez pris la note «\u202fAu clavier\u202f».');
    const moves = [
      [to.x > from.x ? 'ArrowRight' : 'ArrowLeft', Math.round(Math.abs(to.x - from.x) / step)],
      [to.y > from.y ? 'ArrowDown' : 'ArrowUp', Math.round(Math.abs(to.y - from.y) / step)],
    ] as const;
    for (const [key, count] of moves) for (let i = 0; i < count; i++) await page.keyboard.press(key);
    await expect.poll(() => page.locator('[id^="DndLiveRegion"]').textContent()).toContain('Au-dessus du regroupement «\u202fClavier\u202f».');
    await page.keyboard.press('Space');
    await expect.poll(() => inCluster(page, 'Au clavier', 'Clavier')).toBe(true);
    await expect.poll(() => page.locator('[id^="DndLiveRegion"]').textContent()).toContain('Note posée dans le regroupement «\u202fClavier\u202f».');
    // The focus is back on the handle, so the person can go on.
    await expect.poll(() => handle.evaluate((el) => el === document.activeElement)).toBe(true);

    // The same without dragging at all, and without a mouse: the menu takes the focus.
    await note(page, 'Par le menu').getByRole('button', { name: 'Options de la note' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.popover') !== null)).toBe(true);
    await page.getByRole('button', { name: 'Déplacer vers…' }).click();
    await page.getByRole('button', { name: 'Le regroupement «\u202fClavier\u202f»', exact: true }).click();
    await expect.poll(() => inCluster(page, 'Par le menu', 'Clavier')).toBe(true);
    await screenshot(page, 'drag-keyboard');
    await context.close();
  });

  it('with touch on a phone (360 × 640): a long press drags, and the page never scrolls sideways', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 2), 'Léa', {
      viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true,
    });
    await page.getByRole('button', { name: 'Nouveau regroupement' }).tap();
    await page.keyboard.type('Tactile');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Écrire une note' }).tap();
    await page.getByLabel('Texte de la note').fill('Au doigt');
    await page.getByRole('button', { name: 'Ajouter la note' }).tap();
    await page.getByRole('button', { name: 'Tout afficher' }).tap();
    await screenshot(page, 'phone-before-drag');
    const from = await center(note(page, 'Au doigt').locator('.note-text'));
    const frame = await page.locator('.cluster-frame').boundingBox();
    if (frame === null) throw new Error('no cluster');
    await touchDrag(page, from, { x: frame.x + frame.width / 2, y: frame.y + frame.height * 0.7 });
    await expect.poll(() => inCluster(page, 'Au doigt', 'Tactile')).toBe(true);
    await screenshot(page, 'phone-after-drag');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    await context.close();
  });
});
