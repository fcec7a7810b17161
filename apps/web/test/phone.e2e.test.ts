/**
 * Issue 12, minor list, on a 360 × 640 phone: the header takes two short rows, not a third of
 * the screen; « Tout afficher » keeps notes readable and lets people pan; the toolbar's icons
 * have visible words.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { axeViolations, createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerAndBrowser, writeOnPhone, zoomOf } from './harness.js';
import type { RunningServer } from './harness.js';
import { api } from './plenaryKit.js';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };

const write = writeOnPhone;

describe.skipIf(skipBrowserTests())('on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('the header takes two short rows, with « English » beside the rest', async () => {
    const session = await createSession(server, { title: 'Feuille de route départementale pour l’inclusion numérique', questions: ['Qu’est-ce qui vous semble le plus important ?'] });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette', PHONE);
    await page.waitForTimeout(300);
    await screenshot(page, 'phone-header');
    const header = await page.locator('.canvas-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(100);
    const english = await page.getByRole('button', { name: /English/ }).boundingBox();
    const avatar = await page.locator('.presence-list').boundingBox();
    // on the same row as the others
    expect(Math.abs((english!.y + english!.height / 2) - (avatar!.y + avatar!.height / 2))).toBeLessThan(12);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('with a timer running, the header still fits the screen: nothing is cut at its right edge', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – inclusion numérique' });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette', PHONE);
    expect((await api(server, `/api/sessions/${session.id}/timer`, session.facilitatorToken, { action: 'start', seconds: 1200 })).status).toBe(200);
    await page.locator('.canvas-header .timer').waitFor();
    await screenshot(page, 'phone-header-timer');
    for (const name of [/English/, 'Voir la plénière']) {
      const box = await page.getByRole(name === 'Voir la plénière' ? 'link' : 'button', { name }).boundingBox();
      expect(box!.x + box!.width, String(name)).toBeLessThanOrEqual(360);
    }
    await context.close();
  });

  it('the toolbar’s icon buttons show their words', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Odette', PHONE);
    for (const name of ['Nouveau regroupement', 'Annuler', 'Tout afficher']) {
      const label = page.locator('.toolbar button', { hasText: name }).locator('.button-label');
      const box = await label.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.width, name).toBeGreaterThan(20);
      expect(box!.height, name).toBeGreaterThan(8);
    }
    await screenshot(page, 'phone-toolbar-labels');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('« Tout afficher » keeps notes readable, shows the top-left first, and leaves the rest to panning', async () => {
    const session = await createSession(server);
    const { context, page } = await openAs(browser, groupLink(server, session, 2), 'Odette', PHONE);
    for (let i = 1; i <= 6; i++) await write(page, `Note ${i}`);
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await page.waitForTimeout(200);
    await screenshot(page, 'phone-fit-readable');
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    // the note nearest the top-left corner is whole and under no toolbar
    const boxes = await page.locator('.note').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    const first = boxes.sort((a, b) => a.y + a.x - (b.y + b.x))[0]!;
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(first.y).toBeGreaterThanOrEqual(canvas.y);
    expect(first.x).toBeGreaterThanOrEqual(canvas.x);
    const bars = await page.locator('.toolbar-group, .panel-toggle').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    for (const bar of bars) {
      const overlap = bar.x < first.x + first.width && first.x < bar.x + bar.width && bar.y < first.y + first.height && first.y < bar.y + bar.height;
      expect(overlap).toBe(false);
    }
    await context.close();
  });
});
