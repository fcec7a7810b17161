/**
 * Issue 12, item 4: « Nouveau regroupement » appears where the person looks, clusters make room
 * for each other, « Tout afficher » leaves no note under the floating toolbars, and a long
 * cluster title wraps instead of ending in « Regroup… ».
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { addNote, axeViolations, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';

type Box = { x: number; y: number; width: number; height: number };
const within = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(page: Page, selector: string, index = 0): Promise<Box> {
  const found = await page.locator(selector).nth(index).boundingBox();
  if (found === null) throw new Error(`${selector} is not visible`);
  return found;
}

/** Every toolbar floating over the canvas, as drawn. */
async function toolbarBoxes(page: Page): Promise<Box[]> {
  return page.locator('.toolbar-group, .panel-toggle').evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
}

/** Whether `target` is in the canvas and under no toolbar. */
async function inPlainView(page: Page, target: Box): Promise<boolean> {
  if (!within(target, await box(page, '.canvas'))) return false;
  return (await toolbarBoxes(page)).every((t) => !intersects(t, target));
}

async function newCluster(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Nouveau regroupement' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.matches('textarea.cluster-label') === true)).toBe(true);
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
}

async function moveTo(page: Page, text: string, cluster: string): Promise<void> {
  await note(page, text).getByRole('button', { name: 'Options de la note' }).click();
  await page.getByRole('button', { name: 'Déplacer vers…' }).click();
  await page.getByRole('button', { name: `Le regroupement «\u202f${cluster}\u202f»`, exact: true }).click();
}

describe.skipIf(skipBrowserTests())('clusters where people look (issue 12, item 4)', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('« Nouveau regroupement » on a full board appears in plain view, and the title typed lands in it', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette');
    for (let i = 1; i <= 9; i++) await addNote(page, `Idée ${i}`);
    await page.getByRole('button', { name: 'Nouveau regroupement' }).click();
    const field = page.getByRole('textbox', { name: 'Titre du regroupement' });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Accès aux droits');
    await page.waitForTimeout(300);
    expect(await inPlainView(page, await box(page, '.cluster-frame'))).toBe(true);
    expect(await field.inputValue()).toBe('Accès aux droits');
    await screenshot(page, 'layout-new-cluster-in-view');
    // Its frame covers no note.
    const frame = await box(page, '.cluster-frame');
    for (let i = 1; i <= 9; i++) {
      const b = await note(page, `Idée ${i}`).boundingBox();
      if (b !== null) expect(intersects(frame, b), `Idée ${i}`).toBe(false);
    }
    await context.close();
  });

  it('« Nouveau regroupement » after scrolling the board far from its notes appears where the person looks, not at the board’s top-left', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 4), 'Odette');
    for (let i = 1; i <= 3; i++) await addNote(page, `Idée ${i}`);
    // The wheel scrolls the board: far right and down, where nothing is written yet.
    const area = await box(page, '.canvas');
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(600, 500);
    await expect.poll(() => note(page, 'Idée 1').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.right < 0 || r.bottom < 0;
    })).toBe(true);
    await newCluster(page, 'Loin des notes');
    await page.waitForTimeout(300);
    await screenshot(page, 'layout-new-cluster-after-scroll');
    expect(await inPlainView(page, await box(page, '.cluster-frame'))).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Titre du regroupement' }).inputValue()).toBe('Loin des notes');
    await context.close();
  });

  it('a cluster that grows pushes its neighbour instead of covering it', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Odette');
    await newCluster(page, 'Autonomie');
    await newCluster(page, 'Matériel');
    for (const text of ['Un', 'Deux', 'Trois', 'Quatre']) {
      await addNote(page, text);
      await moveTo(page, text, 'Autonomie');
    }
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await page.waitForTimeout(200);
    const frames = page.locator('.cluster-frame');
    await expect.poll(() => frames.count()).toBe(2);
    const a = await box(page, '.cluster-frame', 0);
    const b = await box(page, '.cluster-frame', 1);
    await screenshot(page, 'layout-clusters-pushed');
    expect(intersects(a, b)).toBe(false);
    await context.close();
  });

  // On a phone « Tout afficher » keeps notes readable and lets people pan (phone.e2e.test.ts).
  for (const size of [{ width: 1280, height: 800, name: 'desktop' }]) {
    it(`« Tout afficher » leaves no note under a toolbar (${size.name})`, async () => {
      const session = await createSession(server);
      const phone = size.width < 640;
      const { context, page } = await openAs(browser, groupLink(server, session, 2), 'Odette', {
        viewport: { width: size.width, height: size.height }, ...(phone ? { hasTouch: true, isMobile: true } : {}),
      });
      const write = async (text: string) => {
        if (!phone) return addNote(page, text);
        await page.getByRole('button', { name: 'Écrire une note' }).click();
        await page.getByRole('textbox', { name: 'Texte de la note' }).fill(text);
        await page.getByRole('button', { name: 'Ajouter la note' }).click();
        await note(page, text).waitFor();
      };
      for (let i = 1; i <= (phone ? 3 : 7); i++) await write(`Note ${i}`);
      await page.getByRole('button', { name: 'Tout afficher' }).click();
      await page.waitForTimeout(200);
      await screenshot(page, `layout-fit-${size.name}`);
      for (let i = 1; i <= (phone ? 3 : 7); i++) {
        expect(await inPlainView(page, await box(page, `.note:has-text("Note ${i}")`)), `Note ${i}`).toBe(true);
      }
      await context.close();
    });
  }

  it('a long cluster title wraps and shows whole, at desktop and phone sizes, axe clean', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 3), 'Odette');
    const title = 'Accès à du matériel (matériel obsolète)';
    await newCluster(page, title);
    const field = page.getByRole('textbox', { name: 'Titre du regroupement' });
    await expect.poll(() => field.inputValue()).toBe(title);
    const fits = () => field.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1);
    await screenshot(page, 'layout-cluster-title');
    expect(await fits()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 640 });
    await page.waitForTimeout(200);
    expect(await fits()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
