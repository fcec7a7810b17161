/**
 * Issue 11 §5 in Chromium: on the programme page, « Exporter la feuille de route » downloads
 * the démarche's roadmap — the follow-up session's axes (started on that page by theme, with
 * zones, from two earlier sessions' voted themes) with their votes by territory — as a PDF read back with
 * pdftotext; the Markdown too; a full export queue is said as in the console; axe clean, and
 * usable on a 360 × 640 phone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreateProgrammeResponse, SessionDescription } from '@concerto/contract';

import { FIRST_ROUND, runEarlierSession } from '../../server/test/programmeFixture.js';
import { axeViolations, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';

const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

async function call<T>(server: RunningServer, path: string, token: string | null, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe.skipIf(skipBrowserTests())('the roadmap from the programme page', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('« Exporter la feuille de route » downloads the PDF with every axis and its votes; a busy queue is said', async () => {
    const earlier = [await runEarlierSession(server, FIRST_ROUND[0]!), await runEarlierSession(server, FIRST_ROUND[1]!)];
    const programme = await call<CreateProgrammeResponse>(server, '/api/programmes', null, { title: 'Feuille de route inclusion numérique' });
    for (const [i, e] of earlier.entries()) {
      await call(server, `/api/programmes/${programme.id}/sessions`, programme.facilitatorToken, { sessionId: e.session.id, sessionToken: e.session.facilitatorToken, territory: FIRST_ROUND[i]!.territory });
    }
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(programme.link);

    // The follow-up session, started from three voted themes, by theme with zoned boards.
    const themes = ['Accompagner les publics éloignés du numérique', 'Équiper les publics (matériel, connexion)', 'Former les aidants numériques'];
    for (const theme of themes) {
      const card = page.locator('.consolidated-theme').filter({ has: page.locator(`h3:text-is("${theme}")`) });
      await card.getByLabel(`Reprendre « ${theme} » dans la nouvelle séance`).check();
    }
    await page.getByLabel('Titre de la séance').fill('Concertation de suivi – OUEST');
    await page.getByLabel('Territoire', { exact: true }).fill('OUEST');
    // By theme; a carry-over's boards are « Enjeux – Objectifs – Actions » unless chosen otherwise.
    await page.getByLabel(/^Par thème/).check();
    expect(await page.getByRole('radio', { name: 'Enjeux – Objectifs – Actions' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    const consoleLink = page.getByRole('link', { name: 'Ouvrir la console de la séance' });
    await consoleLink.waitFor();
    const facilitator = new URL((await consoleLink.getAttribute('href'))!, server.url);
    // /s/<id>/facilitate#token=…
    const followUpId = facilitator.pathname.split('/')[2]!;
    const token = new URLSearchParams(facilitator.hash.slice(1)).get('token')!;
    const described = (await (await fetch(`${server.url}/api/sessions/${followUpId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as SessionDescription;
    expect(described.template).toEqual({ kind: 'enjeux-objectifs-actions' });
    expect(described.rotation?.groups.map((g) => g.name)).toEqual(['Groupe A', 'Groupe B', 'Groupe C']);
    expect(described.groups.map((g) => g.name)).toEqual(themes);

    const section = page.getByRole('region', { name: 'Feuille de route' });
    await section.waitFor();
    await section.scrollIntoViewIfNeeded();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'roadmap-programme-page');

    const downloading = page.waitForEvent('download', { timeout: 20_000 });
    // Its format said, as the console's « Exporter le compte-rendu (PDF) » says it, beside « (Markdown) » and « (JSON) ».
    expect(await section.getByRole('button').allTextContents()).toEqual(['Exporter la feuille de route (PDF)', 'Exporter en texte (Markdown)', 'Exporter l’archive (JSON)']);
    await section.getByRole('button', { name: 'Exporter la feuille de route (PDF)', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^feuille-de-route-feuille-de-route-inclusion-numerique-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = plain(execFileSync('pdftotext', ['-enc', 'UTF-8', (await download.path())!, '-'], { encoding: 'utf8' }));
    expect(text).toContain('FEUILLE DE ROUTE');
    expect(text).toContain('Accompagner les publics éloignés du numérique');
    expect(text).toContain('5 votes : NORD 5');
    expect(text).toContain('Équiper les publics (matériel, connexion)');
    expect(text).toContain('4 votes : SUD 4');
    expect(text).toContain('Concertation de suivi – OUEST');
    await expect.poll(async () => plain((await section.getByRole('status').textContent()) ?? '')).toBe(`Fichier enregistré : ${download.suggestedFilename()}`);

    const markdown = page.waitForEvent('download', { timeout: 20_000 });
    await section.getByRole('button', { name: 'Exporter en texte (Markdown)' }).click();
    const md = readFileSync((await (await markdown).path())!, 'utf8');
    expect(md).toContain('## Former les aidants numériques');

    // The server's queue full (two exports rendering): said, and the buttons work again after.
    await page.route('**/api/programmes/*/export.json', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', headers: { 'retry-after': '3' }, body: JSON.stringify({ error: { code: 'busy', message: '2 exports are being prepared' } }) }));
    await section.getByRole('button', { name: 'Exporter l’archive (JSON)' }).click();
    await section.getByText('Deux comptes-rendus sont déjà en préparation sur le serveur. Réessayez dans quelques secondes.').waitFor();
    expect(await section.getByRole('button', { name: 'Exporter l’archive (JSON)' }).isEnabled()).toBe(true);

    // On a phone the three buttons stay reachable.
    await page.setViewportSize({ width: 360, height: 640 });
    await section.getByRole('button', { name: 'Exporter la feuille de route' }).scrollIntoViewIfNeeded();
    const box = await section.getByRole('button', { name: 'Exporter la feuille de route' }).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await screenshot(page, 'roadmap-programme-phone');
  }, 120_000);
});
