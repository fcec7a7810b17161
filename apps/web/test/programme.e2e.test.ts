/**
 * Issue 11 §3 in Chromium: the programme view consolidates two earlier sessions' plenaries
 * (NORD, SUD: themes written by real y-websocket clients, votes cast and closed through the
 * API), the facilitator merges themes by mouse drag, by keyboard drag and by the « Fusionner
 * avec… » menu, renames an axis, then starts the follow-up session from the consolidated
 * themes: its console and each axis's board show what was carried over, read-only.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CreateSessionResponse, ProgrammeDescription, SessionDescription } from '@concerto/contract';

import { FIRST_ROUND, runEarlierSession } from '../../server/test/programmeFixture.js';
import { axeViolations, center, mouseDrag, openAs, pickUpWithKeyboard, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, createProgramme } from './plenaryKit.js';

const AXE_1 = 'Axe 1 – Équiper et accompagner les publics';
const NORD_1 = 'Accompagner les publics éloignés du numérique';
const NORD_2 = 'Former les aidants numériques';
const SUD_1 = 'Équiper les publics (matériel, connexion)';
const SUD_2 = 'Former les professionnels et les bénévoles';
const SUD_3 = 'Des lieux de médiation de proximité';

/** Text with French spacing made plain, to compare with what a test writes. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const card = (page: Page, title: string) => page.locator('.consolidated-theme').filter({ has: page.locator(`h3:text-is("${title}")`) });
const votesOf = async (page: Page, title: string) => plain(await card(page, title).locator('.consolidated-votes').textContent());
const status = (page: Page) => page.locator('.programme-status');

describe.skipIf(skipBrowserTests())('a programme (démarche) in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('merges themes of two territories by drag, by keyboard and by menu, then starts the follow-up session from them', async () => {
    const [nord, sud] = [await runEarlierSession(server, FIRST_ROUND[0]!), await runEarlierSession(server, FIRST_ROUND[1]!)];

    // The facilitator creates the programme from the home page, then attaches both sessions by
    // pasting their facilitator links.
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1000 } });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(server.url);
    await page.getByLabel('Titre de la démarche').fill('Feuille de route inclusion numérique');
    await page.locator('.create-programme').scrollIntoViewIfNeeded();
    await screenshot(page, 'programme-home-form');
    await page.getByRole('button', { name: 'Créer la démarche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Feuille de route inclusion numérique' }).waitFor();
    // The token left the address bar.
    expect(page.url()).toMatch(/\/p\/[a-z0-9]+$/);
    await page.getByText('Rattacher une séance').click();
    for (const [earlier, territory] of [[nord!, 'NORD'], [sud!, 'SUD']] as const) {
      await page.getByLabel('Lien d’animation de la séance').fill(earlier.session.links.facilitator);
      await page.getByLabel('Territoire (NORD, OUEST, SUD…)').fill(territory);
      await page.getByRole('button', { name: 'Rattacher', exact: true }).click();
      await expect.poll(async () => plain(await status(page).textContent())).toBe(`Séance rattachée (${territory}).`);
    }
    await expect.poll(() => page.locator('.consolidated-theme').count()).toBe(6);
    expect(await votesOf(page, NORD_1)).toBe('5 votes : NORD 5');
    // Each session with its territory and its votes in all.
    expect((await page.locator('.programme-sessions li').allTextContents()).map(plain)).toEqual([
      'NORD Concertation inclusion numérique – NORD · 12 mars 2026 · 3 thèmes, 10 votes Retirer de la démarche Concertation inclusion numérique – NORD (NORD)',
      'SUD Concertation inclusion numérique – SUD · 19 mars 2026 · 3 thèmes, 8 votes Retirer de la démarche Concertation inclusion numérique – SUD (SUD)',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-before-merge');

    // 1. Mouse drag: SUD's « Équiper les publics » onto NORD's « Accompagner les publics ».
    const handle = card(page, SUD_1).getByRole('button', { name: `Fusionner « ${SUD_1} » avec…` });
    await mouseDrag(page, await center(handle), await center(card(page, NORD_1).locator('h3')));
    await expect.poll(() => votesOf(page, NORD_1)).toBe('9 votes : NORD 5, SUD 4');
    expect(plain(await status(page).textContent())).toBe(`« ${SUD_1} » fusionné dans « ${NORD_1} ». 9 votes : NORD 5, SUD 4.`);
    expect(await card(page, SUD_1).count()).toBe(0);

    // The merged theme is renamed as the follow-up concertation words its axis.
    // The field shows a long title whole (it cut it off in a one-line field), and Entrée renames.
    const rename = card(page, NORD_1).getByLabel('Titre de l’axe');
    await rename.fill('Axe 1 – Équiper et accompagner les publics éloignés du numérique dans les trois territoires');
    expect(await rename.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    expect((await rename.boundingBox())!.width).toBeGreaterThan((await card(page, NORD_1).boundingBox())!.width * 0.75);
    await screenshot(page, 'programme-rename-axis');
    await rename.fill(AXE_1);
    await rename.press('Enter');
    await expect.poll(() => votesOf(page, AXE_1)).toBe('9 votes : NORD 5, SUD 4');

    // 2. Keyboard drag: SUD's « lieux de médiation » picked up with Space, the arrows choose the
    // first other theme (the axis, most votes), Space merges.
    await card(page, SUD_3).getByRole('button', { name: `Fusionner « ${SUD_3} » avec…` }).focus();
    await pickUpWithKeyboard(page);
    await page.getByText(`Thème « ${SUD_3} » saisi.`).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowDown');
    await page.getByText(`Au-dessus de « ${AXE_1} ».`).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await expect.poll(() => votesOf(page, AXE_1)).toBe('10 votes : NORD 5, SUD 5');

    // Another console saves first (a new revision): this page's next merge is refused, it says
    // so and shows the stored consolidation, and the merge is simply done again.
    const programmeId = new URL(page.url()).pathname.split('/')[2]!;
    const programmeToken = await page.evaluate((id) => window.localStorage.getItem(`concerto:link:programme:${id}:facilitator`), programmeId);
    const stored = await api<{ revision: number; merges: unknown[] }>(server, `/api/programmes/${programmeId}`, programmeToken!);
    const bumped = await fetch(`${server.url}/api/programmes/${programmeId}/merges`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${programmeToken}` },
      body: JSON.stringify({ revision: stored.body.revision, merges: stored.body.merges }),
    });
    expect(bumped.status).toBe(200);
    await card(page, SUD_2).getByRole('button', { name: 'Fusionner avec…' }).click();
    await page.getByRole('button', { name: `« ${NORD_2} » (3 votes)` }).click();
    await expect.poll(async () => plain(await status(page).textContent())).toBe(
      'La consolidation a été modifiée ailleurs : elle vient d’être rechargée, refaites votre modification.',
    );
    expect(await page.locator('.consolidated-theme').count()).toBe(4);

    // 3. The menu path, by keyboard: « Fusionner avec… » on SUD's « Former les professionnels »,
    // then NORD's « Former les aidants » chosen with Tab and Enter.
    await card(page, SUD_2).getByRole('button', { name: 'Fusionner avec…' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => plain(await page.evaluate(() => document.activeElement?.textContent ?? ''))).toBe(`« ${AXE_1} » (10 votes)`);
    for (let i = 0; i < 5; i++) {
      if (plain(await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith(`« ${NORD_2} »`)) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => votesOf(page, NORD_2)).toBe('6 votes : NORD 3, SUD 3');
    expect(await page.locator('.consolidated-theme').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-merged');

    // The consolidation is stored: a reload shows it.
    await page.reload();
    await expect.poll(() => votesOf(page, AXE_1)).toBe('10 votes : NORD 5, SUD 5');

    // Start the follow-up session from the axis and the training theme.
    await card(page, AXE_1).getByLabel(`Reprendre « ${AXE_1} » dans la nouvelle séance`).check();
    await card(page, NORD_2).getByLabel(`Reprendre « ${NORD_2} » dans la nouvelle séance`).check();
    await page.getByLabel('Titre de la séance').fill('Concertation de suivi – OUEST');
    await page.getByLabel('Territoire', { exact: true }).fill('OUEST');
    await page.getByLabel('Date de la séance (facultatif)').fill('2026-05-20');
    // « Libre » boards here: the carried-over block in the side panel (the zoned board's carry-over
    // zone, the default, is in followUp.e2e.test.ts).
    expect(await page.getByLabel('Enjeux – Objectifs – Actions').isChecked()).toBe(true);
    await page.getByLabel('Libre', { exact: true }).check();
    const answered = page.waitForResponse((r) => r.url().endsWith('/carry-over'));
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    const next = (await (await answered).json()) as CreateSessionResponse;
    // Confirmed in place of the form, with the console's link (the status line above stays empty).
    await page.getByRole('region', { name: 'Séance « Concertation de suivi – OUEST » créée' }).waitFor();
    expect(plain(await status(page).textContent())).toBe('');
    await page.locator('.programme-sessions li', { hasText: 'Concertation de suivi – OUEST' }).waitFor();
    expect(next.groups.map((g) => g.name)).toEqual([AXE_1, NORD_2, 'Salle principale']);
    const described = await api<SessionDescription>(server, `/api/sessions/${next.id}`, next.facilitatorToken);
    expect(described.body.carriedOver.map((c) => [c.title, c.votes, c.byTerritory.map((b) => `${b.territory} ${b.votes}`).join(', ')])).toEqual([
      [AXE_1, 10, 'NORD 5, SUD 5'],
      [NORD_2, 6, 'NORD 3, SUD 3'],
    ]);
    await screenshot(page, 'programme-next-session');

    // On a phone the cards stack, nothing overflows sideways, and it stays axe clean.
    await page.setViewportSize({ width: 360, height: 640 });
    await card(page, AXE_1).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-phone');
    await page.setViewportSize({ width: 1280, height: 1000 });

    // The new session's console shows both axes carried over, attributed.
    await page.getByRole('link', { name: 'Ouvrir la console de la séance' }).click();
    const block = page.locator('.carried-over');
    await block.getByRole('heading', { name: 'Ce qui a été identifié en concertation précédente' }).waitFor();
    expect((await block.locator('.carried-over-votes').allTextContents()).map(plain)).toEqual(['10 votes : NORD 5, SUD 5', '6 votes : NORD 3, SUD 3']);
    expect(plain(await block.locator('.carried-over-from').first().textContent())).toBe(
      `D’après : « ${NORD_1} » (NORD, 5 votes) ; « ${SUD_1} » (SUD, 4 votes) ; « ${SUD_3} » (SUD, 1 vote)`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-console-carried-over');

    // Each axis's board shows its own axis, read-only (no control inside the block).
    const { context: board, page: participant } = await openAs(browser, new URL(next.links.groups[0]!.url, server.url).toString(), 'Yasmine');
    contexts.push(board);
    // On a wide screen it is in the side panel, always open; the phone's folded copy is not shown.
    const onBoard = participant.locator('#key-ideas-panel .carried-over');
    await onBoard.getByText(AXE_1).waitFor();
    expect(await participant.locator('.carried-over-phone').isVisible()).toBe(false);
    expect(plain(await onBoard.locator('.carried-over-votes').textContent())).toBe('10 votes : NORD 5, SUD 5');
    expect(await onBoard.locator('.carried-over-item').count()).toBe(1);
    expect(await onBoard.locator('button, input, textarea, [contenteditable="true"]').count()).toBe(0);
    expect(await axeViolations(participant)).toEqual([]);
    await screenshot(participant, 'programme-board-carried-over');
  }, 120_000);

  it('on a 360 × 640 phone, the board shows its carried-over axis folded at the top, opened in place without the side panel', async () => {
    const nord = await runEarlierSession(server, FIRST_ROUND[0]!);
    const programme = await createProgramme(server, 'Démarche téléphone');
    const path = `/api/programmes/${programme.id}`;
    const attached = await api<ProgrammeDescription>(server, `${path}/sessions`, programme.facilitatorToken, { sessionId: nord.session.id, sessionToken: nord.session.facilitatorToken, territory: 'NORD' });
    const theme = attached.body.consolidated.find((c) => c.title === NORD_1)!;
    const next = (await api<CreateSessionResponse>(server, `${path}/carry-over`, programme.facilitatorToken, { title: 'Suivi sur téléphone', territory: 'NORD', themes: [theme.id], template: { kind: 'libre' } })).body;
    expect(next.groups.map((g) => g.name)).toEqual([NORD_1, 'Salle principale']);

    const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
    const { context, page } = await openAs(browser, new URL(next.links.groups[0]!.url, server.url).toString(), 'Yasmine', PHONE);
    contexts.push(context);
    const folded = page.locator('.carried-over-phone');
    const summary = folded.locator('summary');
    await summary.waitFor();
    expect(plain(await summary.textContent())).toBe('Concertation précédente · 5 votes');
    // Folded, it is one short line and the board keeps the screen.
    expect((await summary.boundingBox())!.height).toBeLessThan(48);
    expect(await page.locator('#key-ideas-panel').isVisible()).toBe(false);
    await screenshot(page, 'programme-phone-board-folded');

    // Opened by keyboard, in place: the axis, its votes by territory and its source, read-only.
    await summary.focus();
    await page.keyboard.press('Enter');
    const body = folded.locator('.carried-over');
    await body.getByText(NORD_1, { exact: true }).waitFor();
    expect(plain(await body.locator('.carried-over-votes').textContent())).toBe('5 votes : NORD 5');
    expect(plain(await body.locator('.carried-over-from').textContent())).toBe(`D’après : « ${NORD_1} » (NORD, 5 votes)`);
    expect(await body.locator('button, input, textarea, [contenteditable="true"]').count()).toBe(0);
    expect(await page.locator('#key-ideas-panel').isVisible()).toBe(false);
    // Nothing overflows sideways and the board stays in view below it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const board = (await page.getByRole('region', { name: 'Tableau du groupe' }).boundingBox())!;
    expect(board.height).toBeGreaterThan(150);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-phone-board-open');

    // The main room carried nothing over: no block there.
    const { context: mainContext, page: main } = await openAs(browser, new URL(next.links.groups[1]!.url, server.url).toString(), 'Yasmine', PHONE);
    contexts.push(mainContext);
    await main.getByRole('button', { name: /Idées clés/ }).waitFor();
    expect(await main.locator('.carried-over-phone').count()).toBe(0);
  }, 90_000);

  it('« Mes démarches » on the home page; a session detached and the démarche deleted, each after a French confirmation', async () => {
    const nord = await runEarlierSession(server, FIRST_ROUND[0]!);
    const programme = await createProgramme(server, 'Démarche « Pays de Redon »');
    const path = `/api/programmes/${programme.id}`;
    expect((await api(server, `${path}/sessions`, programme.facilitatorToken, { sessionId: nord.session.id, sessionToken: nord.session.facilitatorToken, territory: 'NORD' })).status).toBe(200);

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(plain(dialog.message()));
      void dialog.accept();
    });

    // Opened once from its link, the démarche is listed on this device's home page.
    await page.goto(programme.link);
    await page.getByRole('heading', { level: 1, name: 'Démarche « Pays de Redon »' }).waitFor();
    await page.goto(server.url);
    const mine = page.getByRole('region', { name: 'Mes démarches' });
    await mine.locator('.my-session-title', { hasText: 'Démarche « Pays de Redon »' }).waitFor();
    expect(await mine.getByRole('button', { name: 'Copier le lien Démarche « Pays de Redon »' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-home-mine');
    await mine.getByRole('link', { name: 'Ouvrir la démarche Démarche « Pays de Redon »' }).click();
    await page.getByRole('heading', { level: 1, name: 'Démarche « Pays de Redon »' }).waitFor();

    // Detach: asked first, then the list and the consolidation lose it; the session stays.
    await page.getByRole('button', { name: `Retirer de la démarche ${nord.session.title} (NORD)` }).click();
    await expect.poll(async () => plain(await status(page).textContent())).toBe(`Séance « ${nord.session.title} » retirée de la démarche.`);
    expect(dialogs).toEqual([`Retirer « ${nord.session.title} » (NORD) de la démarche ? La séance elle-même ne change pas ; ses thèmes ne seront plus consolidés ici.`]);
    await page.getByText('Aucune séance rattachée pour l’instant.').waitFor();
    expect(await page.locator('.consolidated-theme').count()).toBe(0);
    expect((await api(server, `/api/sessions/${nord.session.id}`, nord.session.facilitatorToken)).status).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-detached');

    // Delete: asked first, then back home, forgotten on this device, gone from the server.
    await page.getByRole('button', { name: 'Supprimer la démarche' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(dialogs[1]).toBe('Supprimer la démarche « Démarche « Pays de Redon » » ? Ses séances restent, mais les fusions de thèmes et le lien de la démarche seront perdus. Cette action est définitive.');
    await page.getByRole('heading', { level: 1, name: 'Concerto' }).waitFor();
    expect(await page.getByRole('region', { name: 'Mes démarches' }).count()).toBe(0);
    expect((await api(server, path, programme.facilitatorToken)).status).toBe(404);
    expect((await api(server, `/api/sessions/${nord.session.id}`, nord.session.facilitatorToken)).status).toBe(200);
  }, 90_000);

  it('the status line kept in sight never hides what the keyboard focuses, going back up the page with Shift+Tab', async () => {
    const nord = await runEarlierSession(server, FIRST_ROUND[0]!);
    const programme = await createProgramme(server, 'Démarche au clavier');
    const path = `/api/programmes/${programme.id}`;
    const attached = await api<ProgrammeDescription>(server, `${path}/sessions`, programme.facilitatorToken, { sessionId: nord.session.id, sessionToken: nord.session.facilitatorToken, territory: 'NORD' });
    const [first, second] = attached.body.consolidated;
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.goto(programme.link);
    // A merge by the menu: the status line says so, and stays at the top of the screen.
    await card(page, second!.title).getByRole('button', { name: 'Fusionner avec…' }).click();
    await page.getByRole('button', { name: new RegExp(`^« ${first!.title} »`) }).click();
    await expect.poll(async () => plain(await status(page).textContent())).toContain('fusionné dans');
    // From the bottom of the page back up, every control the focus reaches is in sight, below the line.
    await page.getByRole('button', { name: 'Supprimer la démarche' }).focus();
    const hidden: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Shift+Tab');
      const seen = await page.evaluate(() => {
        const focused = document.activeElement;
        const line = document.querySelector('.programme-status');
        if (focused === null || focused === document.body || line === null) return null;
        const [a, b] = [focused.getBoundingClientRect(), line.getBoundingClientRect()];
        return { name: (focused.getAttribute('aria-label') ?? (focused as HTMLInputElement).labels?.[0]?.textContent ?? focused.textContent ?? '').trim(), under: b.height > 0 && a.top < b.bottom - 1 && a.bottom > b.top };
      });
      if (seen?.under) hidden.push(seen.name);
    }
    await screenshot(page, 'programme-focus-below-status');
    expect(hidden).toEqual([]);
  });
});
