/**
 * What a walk-through of the follow-up concertation (« Enjeux – Objectifs – Actions », five
 * zones) found on the zoned boards, each done as the person did it in Chromium:
 * writing a note straight into a zone on a desktop; the key ideas said per zone rather than as
 * one summed figure; a long axis title and the bottom toolbar on a 360 × 640 phone;
 * « Créer la séance » on the démarche's page; « Tout afficher » on five zones; the console's
 * thumbnails with their zones.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CreateSessionResponse, ProgrammeDescription } from '@concerto/contract';
import { ZONE_HEADER } from '@concerto/board';

import { FIRST_ROUND, runEarlierSession } from '../../server/test/programmeFixture.js';
import { axeViolations, canvas, createSession, groupLink, note, openAs, openConsole, screenshot, skipBrowserTests, withServerBrowserAndContexts, zoomOf } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, createProgramme } from './plenaryKit.js';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const NNBSP = '\u202f';
const quoted = (text: string) => `«${NNBSP}${text}${NNBSP}»`;
const CARRIED = 'Ce qui a été identifié en concertation précédente';
const AXE_1 = 'Axe 1 – Équiper et accompagner les publics éloignés du numérique';
const AXE_2 = 'Axe 2 – Former les aidants et les professionnels';
const EOA = { kind: 'enjeux-objectifs-actions' as const };
/** Text with French spacing made plain, to compare with what a test writes. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function zoneOf(page: Page, text: string): Promise<string | null> {
  const meta = (await note(page, text).locator('.note-meta').textContent()) ?? '';
  return new RegExp(`Zone «${NNBSP}(.+?)${NNBSP}»`).exec(meta)?.[1] ?? null;
}

/**
 * « Écrire une note dans … » a zone with the keyboard: Tab from the canvas reaches the zone's
 * button (and shows it when it is off screen), Enter, the text, Escape (the note stays in view).
 */
async function writeInZone(page: Page, zone: string, text: string): Promise<void> {
  await canvas(page).focus();
  const button = page.getByRole('button', { name: `Écrire une note dans ${quoted(zone)}` });
  for (let i = 0; i < 8 && !(await button.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  // The new note's editor has the focus: the text goes straight in.
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await expect.poll(() => zoneOf(page, text)).toBe(zone);
}

/** Whether `box` lies wholly inside `outer`. */
function inside(box: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }): boolean {
  return box.x >= outer.x - 1 && box.y >= outer.y - 1 && box.x + box.width <= outer.x + outer.width + 1 && box.y + box.height <= outer.y + outer.height + 1;
}

/** Whether two boxes overlap (by more than a pixel). */
function overlapping(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
}

/**
 * A zone's « Écrire une note » at the page's zoom: at least 44 × 44 CSS px on screen, the whole
 * box answering the pointer, over no text of the heading, and the heading still within the
 * zone's header band (ZONE_HEADER), above where notes go.
 */
async function expectWriteTarget(page: Page, zoneId: string, zoom: number): Promise<void> {
  const zone = page.locator(`.zone-frame[data-zone="${zoneId}"]`);
  const button = zone.locator('.zone-write');
  const box = (await button.boundingBox())!;
  expect(box.width, zoneId).toBeGreaterThanOrEqual(44);
  expect(box.height, zoneId).toBeGreaterThanOrEqual(44);
  const hits = await button.evaluate((el, b) => [b.y + 1, b.y + b.height / 2, b.y + b.height - 1].map((y) => document.elementFromPoint(b.x + b.width / 2, y)?.closest('.zone-write') === el), box);
  expect(hits, zoneId).toEqual([true, true, true]);
  for (const text of ['.zone-title', '.zone-question', '.zone-limit']) {
    const other = zone.locator(text);
    if ((await other.count()) > 0) expect(overlapping(box, (await other.boundingBox())!), `${zoneId} ${text}`).toBe(false);
  }
  const frame = (await zone.boundingBox())!;
  const heading = (await zone.locator('.zone-heading').boundingBox())!;
  expect(heading.y + heading.height, zoneId).toBeLessThanOrEqual(frame.y + ZONE_HEADER * zoom + 1);
}

describe.skipIf(skipBrowserTests())('zoned boards, as the walk-through used them', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('on a desktop, each zone people write in has « Écrire une note dans … »: the note lands there, in view, ready for typing', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – écrire par zone', template: EOA });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Anaïs');
    contexts.push(context);
    await page.getByRole('heading', { name: 'Objectifs', exact: true }).waitFor();
    // Nothing carried over (no démarche): no carried-over zone at all (board R25).
    expect(await page.getByRole('heading', { name: CARRIED }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `Écrire une note dans ${quoted(CARRIED)}` }).count()).toBe(0);

    // With the mouse, in a zone on screen.
    await page.getByRole('button', { name: `Écrire une note dans ${quoted('Enjeux')}` }).click();
    await page.keyboard.type('Garder un accueil humain');
    await page.keyboard.press('Escape');
    await expect.poll(() => zoneOf(page, 'Garder un accueil humain')).toBe('Enjeux');

    // With the keyboard, in the last zone, off screen at first: Tab from the canvas reaches it and shows it.
    await writeInZone(page, 'Actions prioritaires', 'Un guichet unique départemental');
    const board = (await canvas(page).boundingBox())!;
    expect(inside((await note(page, 'Un guichet unique départemental').boundingBox())!, board)).toBe(true);
    await screenshot(page, 'zonewalk-write-in-zone');
    expect(await axeViolations(page)).toEqual([]);

    // « Déplacer vers… » a zone off screen: the view follows the note there.
    // « Tout afficher » starts at the first zone with notes, « Enjeux »: « Actions » is off screen.
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    expect(inside((await page.locator('.zone-frame[data-zone="actions"] .zone-title').boundingBox())!, board)).toBe(false);
    await note(page, 'Garder un accueil humain').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Déplacer vers…' }).click();
    await page.getByRole('button', { name: `Zone ${quoted('Actions')}`, exact: true }).click();
    await expect.poll(() => zoneOf(page, 'Garder un accueil humain')).toBe('Actions');
    expect(inside((await note(page, 'Garder un accueil humain').boundingBox())!, board)).toBe(true);
  });

  it('« Écrire une note » in a zone is a 44 px target on screen at the arrival zoom (70 % on a desktop, 60 % in the phone’s whole board), the heading above the notes', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – cibles', template: EOA });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Joseph');
    contexts.push(context);
    await page.getByRole('heading', { name: 'Objectifs', exact: true }).waitFor();
    await page.waitForTimeout(200);
    expect(await zoomOf(page)).toBeCloseTo(0.7);
    for (const zone of ['enjeux', 'objectifs']) await expectWriteTarget(page, zone, 0.7);
    // By keyboard, the focus ring is drawn around the button as seen, not around its taller hit area.
    await canvas(page).focus();
    const first = page.getByRole('button', { name: `Écrire une note dans ${quoted('Enjeux')}` });
    for (let i = 0; i < 8 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => getComputedStyle(el, '::before').outlineStyle)).toBe('solid');
    await screenshot(page, 'zonewalk-write-target-focus');
    await page.getByRole('button', { name: `Écrire une note dans ${quoted('Enjeux')}` }).click({ position: { x: 8, y: 2 } });
    await page.keyboard.type('Un accueil sans rendez-vous');
    await page.keyboard.press('Escape');
    await expect.poll(() => zoneOf(page, 'Un accueil sans rendez-vous')).toBe('Enjeux');
    // The note goes below the heading, not under it.
    const heading = (await page.locator('.zone-frame[data-zone="enjeux"] .zone-heading').boundingBox())!;
    expect(overlapping(heading, (await note(page, 'Un accueil sans rendez-vous').boundingBox())!)).toBe(false);
    await screenshot(page, 'zonewalk-write-target-desktop');

    const phone = await openAs(browser, groupLink(server, session), 'Joseph', PHONE);
    contexts.push(phone.context);
    await phone.page.getByRole('button', { name: 'Voir le tableau entier (pour glisser les notes)' }).click();
    await canvas(phone.page).waitFor();
    await phone.page.waitForTimeout(200);
    const zoom = await zoomOf(phone.page);
    expect(zoom).toBeCloseTo(0.6);
    await expectWriteTarget(phone.page, 'enjeux', zoom);
    await screenshot(phone.page, 'zonewalk-write-target-phone');
  });

  it('the key ideas are counted per zone (« Actions prioritaires : 1 sur 4 »), never as one summed figure, in French and in English', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – idées clés', template: EOA });
    expect((await api(server, `/api/sessions/${session.id}/phase`, session.facilitatorToken, { phase: 'keyIdeas' })).status).toBe(200);
    const { context, page } = await openAs(browser, groupLink(server, session), 'Bérénice');
    contexts.push(context);
    await writeInZone(page, 'Actions prioritaires', 'Des permanences dans les mairies');
    await note(page, 'Des permanences dans les mairies').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    const panel = page.locator('#key-ideas-panel');
    await panel.getByRole('heading', { name: 'Idées clés', exact: true }).waitFor();
    await expect.poll(async () => plain((await panel.locator('.key-idea-zones li').allTextContents()).join(' '))).toBe(
      'Enjeux : 0 sur 2 Objectifs : 0 sur 2 Actions : 0 sur 3 Actions prioritaires : 1 sur 4',
    );
    // The summed figure (2 + 2 + 3 + 4) is said nowhere.
    expect(await page.getByText(/11/).count()).toBe(0);
    expect(plain(await page.locator('.phase-hint').textContent())).toContain('chaque zone');
    await screenshot(page, 'zonewalk-key-ideas-fr');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /English/ }).click();
    await panel.getByRole('heading', { name: 'Key ideas', exact: true }).waitFor();
    expect(plain((await panel.locator('.key-idea-zones li').allTextContents()).join(' '))).toBe(
      'Enjeux: 0 of 2 Objectifs: 0 of 2 Actions: 0 of 3 Actions prioritaires: 1 of 4',
    );
    expect(await page.getByText(/11/).count()).toBe(0);
    await screenshot(page, 'zonewalk-key-ideas-en');

    // On a phone, the button that opens them gives what is chosen, not a total to reach.
    const phone = await openAs(browser, groupLink(server, session), 'Bérénice', PHONE);
    contexts.push(phone.context);
    await phone.page.getByRole('button', { name: 'Idées clés (1)' }).waitFor();
  });

  it('on a 360 × 640 phone: a long axis title reads in full; every toolbar button is whole, on screen, at least 44 px', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – NORD', template: EOA, rotation: { axes: [AXE_1, AXE_2] } });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Odette', PHONE);
    contexts.push(context);
    const name = page.locator('.canvas-title .group-name');
    await expect.poll(() => name.textContent()).toBe(AXE_1);
    const cut = (el: Element) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    expect(await name.evaluate(cut)).toBe(false);
    expect(await page.locator('.canvas-title h1').evaluate(cut)).toBe(false);
    expect(inside((await name.boundingBox())!, { x: 0, y: 0, width: 360, height: 640 })).toBe(true);
    await screenshot(page, 'zonewalk-phone-axis-title');

    // The whole board, to drag: the toolbar at the bottom, « Annuler » and « Rétablir » whole.
    await page.getByRole('button', { name: 'Voir le tableau entier (pour glisser les notes)' }).click();
    await canvas(page).waitFor();
    await page.waitForTimeout(200);
    await screenshot(page, 'zonewalk-phone-toolbar');
    for (const label of ['Écrire une note', 'Nouveau regroupement', 'Annuler', 'Rétablir', 'Tout afficher', 'Par zones']) {
      const button = page.locator('.toolbar button:visible', { hasText: label });
      expect(await button.count(), label).toBe(1);
      const box = (await button.boundingBox())!;
      expect(inside(box, { x: 0, y: 0, width: 360, height: 640 }), label).toBe(true);
      expect(box.width, label).toBeGreaterThanOrEqual(44);
      expect(box.height, label).toBeGreaterThanOrEqual(44);
      expect(await button.evaluate(cut), label).toBe(false);
    }
    // No button lies under another control.
    const boxes = await page.locator('.toolbar button:visible, .panel-toggle').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1, `${i} ${j}`).toBe(false);
      }
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the démarche: « Créer la séance » closes the form and confirms with the title, the console and the participants’ links, over nothing', async () => {
    const nord = await runEarlierSession(server, FIRST_ROUND[0]!);
    const programme = await createProgramme(server, 'Feuille de route – confirmation');
    const path = `/api/programmes/${programme.id}`;
    const attached = await api<ProgrammeDescription>(server, `${path}/sessions`, programme.facilitatorToken, { sessionId: nord.session.id, sessionToken: nord.session.facilitatorToken, territory: 'NORD' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(programme.link);
    const themes = attached.body.consolidated.slice(0, 2).map((c) => c.title);
    for (const theme of themes) await page.getByLabel(`Reprendre ${quoted(theme)} dans la nouvelle séance`).check();
    await page.getByLabel('Titre de la séance').fill('Concertation de suivi – NORD');
    await page.getByLabel('Territoire', { exact: true }).fill('NORD');
    await page.getByLabel(/^Par thème/).check();
    await page.getByLabel('Groupes qui tournent (un par ligne)').fill('Groupe A\nGroupe B');
    const answered = page.waitForResponse((r) => r.url().endsWith('/carry-over'));
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    const next = (await (await answered).json()) as CreateSessionResponse;

    const done = page.getByRole('region', { name: `Séance ${quoted('Concertation de suivi – NORD')} créée` });
    await done.waitFor();
    // The form is closed: its fields are gone until the facilitator asks for another session.
    expect(await page.getByRole('button', { name: 'Créer la séance' }).count()).toBe(0);
    expect(await page.getByLabel('Titre de la séance').count()).toBe(0);
    // What the facilitator needs next: the console, and each group's link to hand out.
    expect(await done.getByRole('link', { name: 'Ouvrir la console de la séance' }).getAttribute('href')).toBe(next.links.facilitator);
    for (const group of next.links.rotationGroups!) await done.getByText(new URL(group.url, server.url).toString()).waitFor();
    await done.getByRole('button', { name: 'Copier tous les liens' }).waitFor();
    // Over nothing: the sticky status line and the confirmation do not overlap, at any scroll.
    await done.scrollIntoViewIfNeeded();
    await screenshot(page, 'zonewalk-programme-created');
    const overlaps = async () => {
      const [a, b] = [await page.locator('.programme-status').boundingBox(), await done.boundingBox()];
      return a !== null && b !== null && a.height > 0 && a.y < b.y + b.height && b.y < a.y + a.height;
    };
    expect(await overlaps()).toBe(false);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
    expect(await overlaps()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    // Another session: the form comes back, empty.
    await done.getByRole('button', { name: 'Préparer une autre séance' }).click();
    expect(await page.getByLabel('Titre de la séance').inputValue()).toBe('');
  }, 90_000);

  it('« Tout afficher » on four zones (no démarche, so no carried-over zone) keeps the notes readable: the zones with notes, from the left, the rest by panning', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – tout afficher', template: EOA });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Gaspard');
    contexts.push(context);
    for (const [zone, text] of [['Enjeux', 'L’accès au matériel'], ['Objectifs', 'Un aidant par quartier'], ['Actions', 'Former les bénévoles']] as const) {
      await writeInZone(page, zone, text);
    }
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await page.waitForTimeout(200);
    await screenshot(page, 'zonewalk-fit');
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    // The first zone with notes starts at the left, its notes whole on screen.
    const board = (await canvas(page).boundingBox())!;
    expect(inside((await note(page, 'L’accès au matériel').boundingBox())!, board)).toBe(true);
    expect(inside((await page.locator('.zone-frame[data-zone="enjeux"] .zone-title').boundingBox())!, board)).toBe(true);
    // The rest by panning: the arrows reach « Actions ».
    await canvas(page).focus();
    const far = note(page, 'Former les bénévoles');
    for (let i = 0; i < 60 && !inside((await far.boundingBox())!, board); i++) await page.keyboard.press('ArrowRight');
    expect(inside((await far.boundingBox())!, board)).toBe(true);
  });

  it('the console’s group cards count the key ideas per zone (« Actions prioritaires : 1 sur 4 »), never as one summed figure', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – console, idées clés', template: EOA });
    expect((await api(server, `/api/sessions/${session.id}/phase`, session.facilitatorToken, { phase: 'keyIdeas' })).status).toBe(200);
    const console_ = await openConsole(browser, server, session, 'Groupes');
    contexts.push(console_.context);
    const card = console_.page.getByRole('article', { name: 'Groupe 1', exact: true });
    const fact = (label: string) => card.locator('.group-facts > div', { has: console_.page.locator('dt', { hasText: label }) }).locator('dd');
    const keyIdeas = fact('Idées clés');
    await expect.poll(async () => plain(await keyIdeas.innerText())).toBe('0');

    const { context, page } = await openAs(browser, groupLink(server, session), 'Irène');
    contexts.push(context);
    await writeInZone(page, 'Enjeux', 'Le coût des forfaits');
    await writeInZone(page, 'Actions prioritaires', 'Des permanences dans les mairies');
    await note(page, 'Des permanences dans les mairies').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();

    // How many, then the zones that have some, each with its own limit; the empty zones are left out.
    await expect.poll(async () => plain(await keyIdeas.innerText())).toBe('1 Actions prioritaires : 1 sur 4');
    expect(await keyIdeas.locator('li').count()).toBe(1);
    // The summed figure (2 + 2 + 3 + 4) is said nowhere on the card.
    expect(await card.getByText(/11/).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(console_.page, 'zonewalk-console-key-ideas');
    expect(await axeViolations(console_.page)).toEqual([]);
    await console_.page.getByRole('button', { name: /English/ }).click();
    await expect.poll(async () => plain(await fact('Key ideas').innerText())).toBe('1 Actions prioritaires: 1 of 4');
  }, 90_000);

  it('the console’s thumbnails draw the zones with their titles, as the board shows them', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi – console', template: EOA });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Hélène');
    contexts.push(context);
    await writeInZone(page, 'Enjeux', 'Le coût des forfaits');
    const console_ = await openConsole(browser, server, session, 'Groupes');
    contexts.push(console_.context);
    const thumbnail = console_.page.getByRole('article', { name: 'Groupe 1', exact: true }).locator('.thumbnail');
    await expect.poll(() => thumbnail.locator('.thumbnail-note').count()).toBe(1);
    // No carried-over zone: the session was created without a démarche (board R25).
    await expect.poll(() => thumbnail.locator('.thumbnail-zone').count()).toBe(4);
    expect(await thumbnail.locator('.thumbnail-zone--readonly').count()).toBe(0);
    expect((await thumbnail.locator('.thumbnail-zone-title').allTextContents()).map(plain)).toEqual(['Enjeux', 'Objectifs', 'Actions', 'Actions prioritaires'].map((title) => expect.stringContaining(title.slice(0, 6))));
    // The note sits inside the drawn « Enjeux » frame.
    const frame = (await thumbnail.locator('.thumbnail-zone').nth(0).boundingBox())!;
    expect(inside((await thumbnail.locator('.thumbnail-note').boundingBox())!, frame)).toBe(true);
    await thumbnail.scrollIntoViewIfNeeded();
    await screenshot(console_.page, 'zonewalk-console-thumbnail');
  });
});
