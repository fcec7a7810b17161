/**
 * Reaching every zone of a five-zone board on a laptop (1280 × 800), as the walk-through of a
 * follow-up concertation with rotating groups needed it: a group arriving at round 2 saw the
 * carried-over column and half of « Enjeux »; « Objectifs », « Actions » and « Actions
 * prioritaires », where the previous group wrote, were off screen, and the wheel zoomed out
 * instead of going there. The zone strip names every zone with its notes and brings one on
 * screen in one action (mouse, keyboard, touch); the wheel scrolls, Ctrl+wheel zooms.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';

import { canvas, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts, zoomOf } from './harness.js';
import type { RunningServer } from './harness.js';

const NNBSP = '\u202f';
const quoted = (text: string) => `«${NNBSP}${text}${NNBSP}»`;
const EOA = { kind: 'enjeux-objectifs-actions' as const };
type Box = { x: number; y: number; width: number; height: number };
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function inside(box: Box, outer: Box): boolean {
  return box.x >= outer.x - 1 && box.y >= outer.y - 1 && box.x + box.width <= outer.x + outer.width + 1 && box.y + box.height <= outer.y + outer.height + 1;
}
function overlapping(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
}

/** The previous round's group writes in a zone: its « Écrire une note dans … », by keyboard. */
async function writeInZone(page: Page, zone: string, text: string): Promise<void> {
  await canvas(page).focus();
  const button = page.getByRole('button', { name: `Écrire une note dans ${quoted(zone)}` });
  for (let i = 0; i < 8 && !(await button.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await note(page, text).waitFor();
}

/** Whether the note with `text` is whole on the canvas, clear of the strip over it. */
async function readableOnScreen(page: Page, text: string): Promise<boolean> {
  const board = (await page.locator('.canvas').boundingBox())!;
  const box = await note(page, text).boundingBox();
  const strip = (await page.locator('.zone-strip').boundingBox())!;
  return box !== null && inside(box, board) && !overlapping(box, strip) && (await zoomOf(page)) >= 0.7;
}

const WRITTEN = [
  ['Enjeux', 'L’accès au matériel'],
  ['Objectifs', 'Un aidant par quartier'],
  ['Actions', 'Former les bénévoles'],
  ['Actions prioritaires', 'Un guichet unique départemental'],
] as const;

describe.skipIf(skipBrowserTests())('the zone strip: every zone one action away on a laptop', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('a group arriving at round 2 sees every zone named with its notes, and brings « Actions prioritaires » on screen, readable, by mouse, keyboard and touch', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – bande des zones', template: EOA });
    const before = await openAs(browser, groupLink(server, session), 'Groupe A');
    contexts.push(before.context);
    for (const [zone, text] of WRITTEN) await writeInZone(before.page, zone, text);
    await writeInZone(before.page, 'Enjeux', 'Le coût des forfaits');

    // Round 2: the next group arrives on the board.
    const { context, page } = await openAs(browser, groupLink(server, session), 'Groupe B');
    contexts.push(context);
    await note(page, 'Un guichet unique départemental').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    await screenshot(page, 'zonestrip-arrival');
    // What the walk-through met: at a readable zoom the last zone is off screen on arrival.
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.7);
    const board = (await canvas(page).boundingBox())!;
    expect(inside((await note(page, 'Un guichet unique départemental').boundingBox())!, board)).toBe(false);

    // Every zone by name, with its notes, at a glance.
    const strip = page.getByRole('navigation', { name: 'Aller à une zone' });
    expect(inside((await strip.boundingBox())!, board)).toBe(true);
    // What is seen: each zone's title and its count. A session made without a démarche has no
    // carried-over zone (board R25); followUp.e2e meets the strip with one.
    const seen = await strip.getByRole('button').evaluateAll((els) => els.map((el) => [...el.querySelectorAll(':scope > span')].map((part) => part.textContent).join(' ')));
    expect(seen).toEqual(['Enjeux (2)', 'Objectifs (1)', 'Actions (1)', 'Actions prioritaires (1)']);
    // Screen readers hear the count as words, not as « parenthèse 1 ».
    await strip.getByRole('button', { name: /^Actions prioritaires, 1\snote$/ }).waitFor();

    // Mouse: one click brings the zone and its note on screen, readable, clear of the strip.
    await strip.getByRole('button', { name: /^Actions prioritaires/ }).click();
    await expect.poll(() => readableOnScreen(page, 'Un guichet unique départemental')).toBe(true);
    expect(inside((await page.locator('.zone-frame[data-zone="prioritaires"] .zone-title').boundingBox())!, board)).toBe(true);
    await expect.poll(async () => plain(await page.locator('[aria-live="polite"]').last().textContent())).toContain(plain(`Zone ${quoted('Actions prioritaires')} affichée : 1 note.`));
    expect(await strip.locator('.zone-strip-button--shown').evaluateAll((els) => els.map((el) => el.getAttribute('data-zone')))).toContain('prioritaires');
    await screenshot(page, 'zonestrip-priority-actions');

    // Keyboard: the strip comes right after the header in the Tab order, before every note;
    // Tab to « Enjeux », Tab to « Objectifs », Enter.
    await page.getByRole('button', { name: /English/ }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.zone-strip') !== null)).toBe(true);
    await page.keyboard.press('Tab');
    const objectifs = strip.getByRole('button', { name: /^Objectifs/ });
    expect(await objectifs.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => readableOnScreen(page, 'Un aidant par quartier')).toBe(true);
    // The focus stays on the strip, for the next zone.
    expect(await objectifs.evaluate((el) => el === document.activeElement)).toBe(true);

    // Touch, on a tablet: a tap.
    const tablet = await openAs(browser, groupLink(server, session), 'Groupe C', { viewport: { width: 1024, height: 768 }, hasTouch: true });
    contexts.push(tablet.context);
    await note(tablet.page, 'Former les bénévoles').waitFor({ state: 'attached' });
    await tablet.page.getByRole('navigation', { name: 'Aller à une zone' }).getByRole('button', { name: /^Actions,/ }).tap();
    await expect.poll(() => readableOnScreen(tablet.page, 'Former les bénévoles')).toBe(true);
    await screenshot(tablet.page, 'zonestrip-tablet-actions');

    // In English too.
    await page.getByRole('button', { name: /English/ }).click();
    const en = page.getByRole('navigation', { name: 'Go to a zone' });
    await en.getByRole('button', { name: /^Enjeux, 2\snotes$/ }).click();
    await expect.poll(() => readableOnScreen(page, 'Le coût des forfaits')).toBe(true);
    await expect.poll(async () => plain(await page.locator('[aria-live="polite"]').last().textContent())).toContain('Zone “Enjeux” shown: 2 notes.');
  }, 90_000);

  it('in a narrower window (800 × 700) every zone’s button is whole on screen, in two rows at most', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – fenêtre étroite', template: EOA });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette', { viewport: { width: 800, height: 700 } });
    contexts.push(context);
    const strip = page.getByRole('navigation', { name: 'Aller à une zone' });
    await strip.getByRole('button', { name: /^Actions prioritaires/ }).waitFor();
    const board = (await canvas(page).boundingBox())!;
    const buttons = strip.getByRole('button');
    expect(await buttons.count()).toBe(4); // no carried-over zone without a démarche (board R25)
    for (const box of await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })))) {
      expect(inside(box, board)).toBe(true);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    // Wrapped onto three rows it covered 175 px of the canvas.
    expect((await strip.boundingBox())!.height).toBeLessThanOrEqual(2 * 48 + 16);
    await screenshot(page, 'zonestrip-800');
  });

  it('the wheel scrolls the board and keeps the zoom; Ctrl+wheel zooms', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – molette', template: EOA });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Gaspard');
    contexts.push(context);
    await page.getByRole('heading', { name: 'Objectifs', exact: true }).waitFor();
    await page.waitForTimeout(200);
    const zoom = await zoomOf(page);
    const heading = page.locator('.zone-frame[data-zone="objectifs"] .zone-title');
    const start = (await heading.boundingBox())!;
    const board = (await canvas(page).boundingBox())!;
    await page.mouse.move(board.x + board.width / 2, board.y + board.height / 2);
    await page.mouse.wheel(0, 200);
    await expect.poll(async () => (await heading.boundingBox())!.y).toBeCloseTo(start.y - 200, 0);
    expect(await zoomOf(page)).toBe(zoom);
    // Shift+wheel: sideways, to the next zone.
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 300);
    await page.keyboard.up('Shift');
    await expect.poll(async () => (await heading.boundingBox())!.x).toBeCloseTo(start.x - 300, 0);
    expect(await zoomOf(page)).toBe(zoom);
    // Ctrl+wheel (and a trackpad's pinch, which arrives as one) zooms.
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(zoom);
  });
});
