/**
 * Issue 12, minor list: two people dragging the same note (last drop wins, where it was
 * dropped; « X déplace cette note » only on the other screen), and a dropped note that must
 * not jump back on the screens that watch while the stored move is on its way.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { addNote, center, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerAndBrowser, worldPosition, zoomOf } from './harness.js';
import type { RunningServer } from './harness.js';

async function press(page: Page, at: { x: number; y: number }): Promise<void> {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 8, at.y + 8, { steps: 2 });
}

const close = (a: { x: number; y: number }, b: { x: number; y: number }, tolerance = 3) =>
  Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance;

describe.skipIf(skipBrowserTests())('the same note in two hands', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('last drop wins and lands where it was dropped; each sees the other’s name, never their own drag labelled', async () => {
    const session = await createSession(server);
    const url = groupLink(server, session);
    const ana = await openAs(browser, url, 'Ana');
    const bea = await openAs(browser, url, 'Béa');
    await addNote(ana.page, 'Disputée');
    await note(bea.page, 'Disputée').waitFor();
    const start = await worldPosition(note(ana.page, 'Disputée'));
    const zoom = await zoomOf(ana.page);
    const fromA = await center(note(ana.page, 'Disputée').locator('.note-text'));

    await press(ana.page, fromA);
    await ana.page.mouse.move(fromA.x + 120, fromA.y, { steps: 6 });
    // Béa sees Ana's drag first (the card follows it on her screen), then takes the note
    // where she sees it: aiming at where it was before would race Ana's drag.
    await note(bea.page, 'Disputée').getByText('Ana déplace cette note').waitFor();
    const fromB = await center(note(bea.page, 'Disputée').locator('.note-text'));
    await press(bea.page, fromB);
    await bea.page.mouse.move(fromB.x, fromB.y + 150, { steps: 6 });
    // both drags have started (dnd-kit announces it) before anyone looks at the labels
    for (const page of [ana.page, bea.page]) {
      await expect.poll(() => page.locator('[id^="DndLiveRegion"]').textContent()).toContain('Vous avez pris la note');
    }
    await ana.page.waitForTimeout(400);
    // On each screen the other's drag is named on nobody's own card.
    expect(await note(ana.page, 'Disputée').locator('.note-badge').allTextContents()).not.toContain('Béa déplace cette note');
    expect(await note(bea.page, 'Disputée').locator('.note-badge').allTextContents()).not.toContain('Ana déplace cette note');
    await screenshot(ana.page, 'same-note-two-drags');

    // Béa drops first; her move is stored and reaches Ana while Ana still holds the note.
    await bea.page.mouse.up();
    await ana.page.waitForTimeout(600);
    await ana.page.mouse.move(fromA.x + 250, fromA.y, { steps: 6 });
    await ana.page.mouse.up();

    const dropped = { x: start.x + 250 / zoom, y: start.y };
    for (const page of [ana.page, bea.page]) {
      await expect.poll(async () => close(await worldPosition(note(page, 'Disputée')), dropped, 12), { timeout: 5000 }).toBe(true);
    }
    await ana.context.close();
    await bea.context.close();
  }, 60_000);

  it('on a screen whose stored moves arrive late, a dropped note stays where it was dropped', async () => {
    const session = await createSession(server);
    const url = groupLink(server, session, 1);
    const ana = await openAs(browser, url, 'Ana');
    await addNote(ana.page, 'Posée');
    // Chloé's link is slow for document updates (as with storage that takes time before the
    // server relays a move), while awareness, which is not stored, comes at once.
    const chloe = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    await chloe.addInitScript(() => window.localStorage.setItem('concerto:name', 'Chloé'));
    const page = await chloe.newPage();
    await page.routeWebSocket(/\/ws\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        const bytes = typeof message === 'string' ? Buffer.from(message) : message;
        if (bytes[0] === 0) setTimeout(() => ws.send(message), 700);
        else ws.send(message);
      });
    });
    await page.goto(url);
    await note(page, 'Posée').waitFor({ timeout: 10_000 });
    const start = await worldPosition(note(page, 'Posée'));

    const from = await center(note(ana.page, 'Posée').locator('.note-text'));
    await press(ana.page, from);
    await ana.page.mouse.move(from.x + 300, from.y + 40, { steps: 10 });
    await expect.poll(async () => close(await worldPosition(note(page, 'Posée')), start)).toBe(false);
    await ana.page.waitForTimeout(200);
    await ana.page.mouse.up();

    const seen: { x: number; y: number }[] = [];
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      seen.push(await worldPosition(note(page, 'Posée')));
      await page.waitForTimeout(20);
    }
    expect(seen.filter((p) => close(p, start))).toEqual([]);
    const end = await worldPosition(note(ana.page, 'Posée'));
    await expect.poll(async () => close(await worldPosition(note(page, 'Posée')), end, 1)).toBe(true);
    await ana.context.close();
    await chloe.close();
  }, 60_000);
});
