/**
 * Issue 10 item 9, in Chromium against the real server: its data directory is a small tmpfs
 * that the test fills up (a full disk), then frees. Ana (laptop) writes a note during the
 * outage and Béa (phone) writes one in the phone form: every open page — theirs and the
 * facilitator's console — says « Enregistrement suspendu », nobody gets the other's note,
 * and once space is back the banner says « Enregistrement rétabli », then goes, and each sees
 * the other's note (relayed only once stored). Skipped, with the reason, without a tmpfs.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreateSessionResponse } from '@concerto/contract';
import { fill, mountTmpfs, unmountTmpfs } from '../../server/test/faults/diskKit.js';
import { addNote, axeViolations, canvas, createSession, groupLink, launchBrowser, note, openAs, screenshot, skipBrowserTests, startServer } from './harness.js';
import type { RunningServer } from './harness.js';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const SUSPENDED = 'Enregistrement suspendu : vos notes restent sur cet appareil et partiront dès que possible.';
const RESTORED = 'Enregistrement rétabli.';

const dir = skipBrowserTests() ? null : mountTmpfs('4m');

function walBytes(dataDir: string): number {
  try {
    return statSync(join(dataDir, 'concerto.db-wal')).size;
  } catch {
    return 0;
  }
}

function banner(page: Page) {
  return page.locator('.storage-banner');
}

describe.skipIf(dir === null)('storage banner', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const filler = join(dir ?? '/nonexistent', 'filler');
  beforeAll(async () => {
    server = await startServer({ dataDir: dir! });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    rmSync(filler, { force: true });
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    unmountTmpfs(dir!);
  });

  it('says storage is suspended on every open page during a full disk, then that it is back, with the notes stored', async () => {
    const session: CreateSessionResponse = await createSession(server!);
    const ana = await openAs(browser!, groupLink(server!, session), 'Ana');
    const bea = await openAs(browser!, groupLink(server!, session), 'Béa', PHONE);
    const facilitator = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    contexts.push(ana.context, bea.context, facilitator);
    const console_ = await facilitator.newPage();
    await console_.goto(new URL(session.links.facilitator, server!.url).toString());
    await console_.getByRole('heading', { name: session.title }).waitFor();
    await addNote(ana.page, 'avant la panne');
    await note(bea.page, 'avant la panne').waitFor();
    // The live region is there before anything is said (one that appears with its text is not always read).
    for (const page of [ana.page, bea.page, console_]) {
      await expect.poll(() => banner(page).getAttribute('role')).toBe('status');
      expect(await banner(page).textContent()).toBe('');
    }

    // A quiet server's WAL is truncated to nothing within its checkpoint interval: once it is,
    // the next append must grow it, and on a full disk it cannot (earlier, it could reuse its pages).
    await expect.poll(() => walBytes(dir!), { timeout: 15_000 }).toBe(0);
    const filled = fill(filler);
    await addNote(ana.page, 'pendant la panne');
    for (const page of [ana.page, bea.page, console_]) {
      await banner(page).getByText(SUSPENDED).waitFor({ timeout: 10_000 });
    }
    // Béa, on her phone, writes too: the form shows the banner above the text she types.
    await bea.page.getByRole('button', { name: 'Écrire une note' }).click();
    const field = bea.page.getByRole('textbox', { name: 'Texte de la note' });
    await field.fill('écrite hors enregistrement');
    const inForm = bea.page.getByRole('dialog').locator('.storage-banner');
    await inForm.getByText(SUSPENDED).waitFor();
    const [bannerBox, fieldBox] = [await inForm.boundingBox(), await field.boundingBox()];
    expect(bannerBox!.y + bannerBox!.height).toBeLessThanOrEqual(fieldBox!.y);
    expect(bannerBox!.y).toBeGreaterThanOrEqual(0);
    await screenshot(bea.page, 'storage-suspended-phone-form');
    await bea.page.getByRole('button', { name: 'Ajouter la note' }).click();
    await note(bea.page, 'écrite hors enregistrement').waitFor();
    await banner(bea.page).getByText(SUSPENDED).waitFor();
    const [beaBanner, beaBoard] = [await banner(bea.page).boundingBox(), await canvas(bea.page).boundingBox()];
    expect(beaBanner!.y + beaBanner!.height).toBeLessThanOrEqual(640);
    expect(beaBanner!.y + beaBanner!.height).toBeLessThanOrEqual(beaBoard!.y + 1); // in the flow, above the board: it covers no note
    await screenshot(bea.page, 'storage-suspended-phone');
    await screenshot(ana.page, 'storage-suspended-desktop');
    await screenshot(console_, 'storage-suspended-console');
    expect(await axeViolations(ana.page)).toEqual([]);
    expect(await axeViolations(bea.page)).toEqual([]);
    expect(await axeViolations(console_)).toEqual([]);
    // Nothing reached the other side: it is not stored.
    expect(await note(bea.page, 'pendant la panne').count()).toBe(0);
    expect(await note(ana.page, 'écrite hors enregistrement').count()).toBe(0);

    rmSync(filler);
    for (const page of [ana.page, bea.page, console_]) await banner(page).getByText(RESTORED).waitFor({ timeout: 10_000 });
    await screenshot(bea.page, 'storage-restored-phone');
    await note(bea.page, 'pendant la panne').waitFor();
    await note(ana.page, 'écrite hors enregistrement').waitFor();
    // « rétabli » is said for a few seconds, then the banner is empty again.
    await expect.poll(() => banner(ana.page).textContent(), { timeout: 10_000 }).toBe('');
    process.stdout.write(`[storage banner] filler ${filled} bytes; suspended and restored seen on 2 canvases and the console\n`);
  });
});
