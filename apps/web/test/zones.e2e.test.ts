/**
 * Issue 11 §1 in Chromium: a facilitator creates a session on the « Enjeux – Objectifs – Actions »
 * board from the home page; on a desktop the zones are labelled columns, a note goes into a zone
 * by dragging it there and by « Déplacer vers… » with the keyboard alone, and the « Actions »
 * zone takes three key ideas; on a 360 × 640 phone the zones are sections one above the other.
 * axe clean throughout.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { createNote, initBoard } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';

import { addNote, axeViolations, canvas, center, createSession, groupLink, mouseDrag, note, openAs, screenshot, skipBrowserTests, touchDrag, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';
import { api } from './plenaryKit.js';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const NNBSP = '\u202f';
const quoted = (text: string) => `«${NNBSP}${text}${NNBSP}»`;
const ZONES = ['Enjeux', 'Objectifs', 'Actions', 'Actions prioritaires'];
/**
 * The template's read-only zone shows what a démarche carried over to the board: a session
 * created from the home page carries nothing, so its boards do not have it (board R25; it showed
 * empty). The zone with content is tested in followUp.e2e.
 */
const CARRIED = 'Ce qui a été identifié en concertation précédente';

/** What the note says to assistive technology about its zone. */
async function zoneOf(page: Page, text: string): Promise<string | null> {
  const meta = (await note(page, text).locator('.note-meta').textContent()) ?? '';
  return new RegExp(`Zone «${NNBSP}(.+?)${NNBSP}»`).exec(meta)?.[1] ?? null;
}

/** « Déplacer vers… » a zone, with the keyboard alone: focus on the note's options, Enter, Tab and Enter. */
async function moveByKeyboard(page: Page, text: string, zone: string, item = note(page, text)): Promise<void> {
  const options = item.getByRole('button', { name: 'Options de la note' });
  const move = page.getByRole('button', { name: 'Déplacer vers…' });
  // On a loaded machine the first Enter can reach the button before React has bound it: once more then.
  for (let attempt = 0; attempt < 2 && !(await move.isVisible()); attempt++) {
    await options.focus();
    await page.keyboard.press('Enter');
    await move.waitFor({ timeout: 2500 }).catch(() => undefined);
  }
  await move.waitFor();
  await move.focus();
  await page.keyboard.press('Enter');
  const target = page.getByRole('button', { name: `Zone ${quoted(zone)}`, exact: true });
  await target.waitFor();
  // The first place of the list has the focus; Tab reaches the zone asked for.
  for (let i = 0; i < 8 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
}

describe.skipIf(skipBrowserTests())('boards with zones (issue 11 §1)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  async function createFromHomePage(): Promise<string> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const home = await context.newPage();
    await home.goto(server.url);
    await home.getByLabel('Titre de la séance').fill('Concertation de suivi – inclusion numérique');
    await home.getByRole('radio', { name: 'Enjeux – Objectifs – Actions' }).check();
    await screenshot(home, 'zones-create-form');
    expect(await axeViolations(home)).toEqual([]);
    await home.getByRole('button', { name: 'Créer la séance' }).click();
    const link = home.locator('.link-item', { hasText: 'Groupe 1' }).first().locator('.link-url');
    await link.waitFor();
    return (await link.textContent())!;
  }

  it('on a desktop: zones as labelled columns; a note moves into a zone by drag and by « Déplacer vers… »; « Actions » takes 3 key ideas', async () => {
    const url = await createFromHomePage();
    const { context, page } = await openAs(browser, url, 'Anaïs');
    contexts.push(context);
    for (const title of ZONES) await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.getByText('Quels enjeux sont pour nous les plus importants et comment les (re)formulons-nous ?').waitFor();
    expect(await page.getByRole('heading', { name: CARRIED }).count()).toBe(0);
    expect(await page.locator('.zone-frame').count()).toBe(ZONES.length);
    await screenshot(page, 'zones-desktop-arrival');
    await page.getByRole('button', { name: 'Tout afficher' }).click();

    await addNote(page, 'Le matériel coûte trop cher');
    await addNote(page, 'Un lieu d’accueil par commune');
    await expect.poll(() => zoneOf(page, 'Le matériel coûte trop cher')).not.toBeNull();

    // By drag: into another zone's column (« Objectifs », or « Enjeux » when it was written there).
    const [target, targetId] = (await zoneOf(page, 'Un lieu d’accueil par commune')) === 'Objectifs' ? ['Enjeux', 'enjeux'] : ['Objectifs', 'objectifs'];
    const column = (await page.locator(`.zone-frame[data-zone="${targetId}"]`).boundingBox())!;
    await mouseDrag(page, await center(note(page, 'Un lieu d’accueil par commune').locator('.note-text')), { x: column.x + column.width / 2, y: column.y + column.height / 2 });
    await expect.poll(() => zoneOf(page, 'Un lieu d’accueil par commune')).toBe(target);
    await expect.poll(() => page.locator('.canvas-page > .sr-only[aria-live="polite"]').textContent()).toContain(`Dans la zone ${quoted(target)}.`);

    // By « Déplacer vers… », keyboard only: into « Actions ».
    await moveByKeyboard(page, 'Le matériel coûte trop cher', 'Actions');
    await expect.poll(() => zoneOf(page, 'Le matériel coûte trop cher')).toBe('Actions');
    const actions = (await page.locator('.zone-frame[data-zone="actions"]').boundingBox())!;
    const moved = (await note(page, 'Le matériel coûte trop cher').boundingBox())!;
    expect(moved.x).toBeGreaterThanOrEqual(actions.x);
    expect(moved.x + moved.width).toBeLessThanOrEqual(actions.x + actions.width + 1);

    // « 3 actions prioritaires »: three key ideas in « Actions », the fourth is refused with the zone's words.
    for (const text of ['Prêt d’ordinateurs', 'Former les agents', 'Permanences sans rendez-vous']) {
      await addNote(page, text);
      // « Ajouter une note » writes where the view is: in « Actions » already once the view is there.
      if ((await zoneOf(page, text)) !== 'Actions') await moveByKeyboard(page, text, 'Actions');
      await expect.poll(() => zoneOf(page, text)).toBe('Actions');
    }
    for (const text of ['Le matériel coûte trop cher', 'Prêt d’ordinateurs', 'Former les agents']) {
      await note(page, text).getByRole('button', { name: 'Options de la note' }).click();
      await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
      await expect.poll(() => note(page, text).locator('.note-key').count()).toBe(1);
    }
    await note(page, 'Permanences sans rendez-vous').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByText(`La zone ${quoted('Actions')} a déjà ses 3 idées clés.`, { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    // Another zone still takes its own: the session's limit (2) there. The zone strip brings
    // that zone on screen (the note, dropped mid-column, was under the toolbar).
    await page.getByRole('navigation', { name: 'Aller à une zone' }).getByRole('button', { name: new RegExp(`^${target},`) }).click();
    await note(page, 'Un lieu d’accueil par commune').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await expect.poll(() => note(page, 'Un lieu d’accueil par commune').locator('.note-key').count()).toBe(1);
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await screenshot(page, 'zones-desktop');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('on a 360 × 640 phone: zones are sections one above the other; write into one, move to another', async () => {
    const url = await createFromHomePage();
    const { context, page } = await openAs(browser, url, 'Benoît', PHONE);
    contexts.push(context);
    const sections = page.getByRole('region', { name: 'Zones du tableau' });
    await sections.waitFor();
    const tops: number[] = [];
    for (const title of ZONES) tops.push((await sections.getByRole('heading', { name: title, exact: true }).boundingBox())?.y ?? Number.NaN);
    await expect.poll(async () => (await sections.getByRole('heading', { name: 'Enjeux', exact: true }).boundingBox())?.y).toBeDefined();
    // One above the other, in board order, each as wide as the screen allows.
    const boxes = await Promise.all(ZONES.map((title) => page.locator('.zone-section', { has: page.getByRole('heading', { name: title, exact: true }) }).boundingBox()));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y + boxes[i - 1]!.height - 1);
    for (const box of boxes) expect(box!.width).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await sections.getByRole('heading', { name: CARRIED }).count()).toBe(0);
    expect(await page.locator('.zone-section').count()).toBe(ZONES.length);

    await page.getByRole('button', { name: `Écrire une note dans ${quoted('Enjeux')}` }).click();
    await page.getByRole('heading', { name: `Écrire une note dans ${quoted('Enjeux')}` }).waitFor();
    await page.getByRole('textbox', { name: 'Texte de la note' }).fill('Garder un accueil humain');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    const enjeux = page.locator('.zone-section', { has: page.getByRole('heading', { name: 'Enjeux', exact: true }) });
    await enjeux.getByText('Garder un accueil humain').waitFor();
    await screenshot(page, 'zones-phone');

    // The sections have no drag: « Déplacer vers… » is the way, here with a keyboard (switch access, a Bluetooth keyboard).
    await moveByKeyboard(page, 'Garder un accueil humain', 'Objectifs', enjeux.locator('.zone-note-item', { hasText: 'Garder un accueil humain' }));
    const objectifs = page.locator('.zone-section', { has: page.getByRole('heading', { name: 'Objectifs', exact: true }) });
    await objectifs.getByText('Garder un accueil humain').waitFor();
    await expect.poll(() => enjeux.getByText('Garder un accueil humain').count()).toBe(0);
    await objectifs.scrollIntoViewIfNeeded();
    await screenshot(page, 'zones-phone-moved');
    expect(await axeViolations(page)).toEqual([]);

    // The whole board is one button away, to drag a note to another zone with a finger.
    await page.getByRole('button', { name: 'Voir le tableau entier (pour glisser les notes)' }).click();
    await canvas(page).waitFor();
    // The canvas has the focus: the arrows pan right, to « Objectifs » and the note.
    await expect.poll(() => canvas(page).evaluate((el) => el === document.activeElement)).toBe(true);
    const card = note(page, 'Garder un accueil humain').locator('.note-text');
    for (let i = 0; i < 12 && ((await card.boundingBox())?.x ?? 1e6) > 200; i++) await page.keyboard.press('ArrowRight');
    // Back into « Enjeux », the column left of « Objectifs »: « Tout afficher » showed the zone
    // with notes from the left edge; the arrows bring « Enjeux » in view beside it.
    const enjeuxFrame = page.locator('.zone-frame[data-zone="enjeux"]');
    const screen = (await canvas(page).boundingBox())!;
    for (let i = 0; i < 12 && ((await enjeuxFrame.boundingBox())?.x ?? 0) + ((await enjeuxFrame.boundingBox())?.width ?? 0) < screen.x + 120; i++) await page.keyboard.press('ArrowLeft');
    const from = await center(card);
    const column = (await enjeuxFrame.boundingBox())!;
    const to = { x: Math.max(column.x + 40, screen.x + 20), y: from.y + 40 };
    expect(to.x).toBeLessThan(column.x + column.width - 40);
    await touchDrag(page, from, to);
    await expect.poll(() => zoneOf(page, 'Garder un accueil humain')).toBe('Enjeux');
    await screenshot(page, 'zones-phone-canvas-drag');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Par zones' }).click();
    await enjeux.getByText('Garder un accueil humain').waitFor();
  });

  it('R25 on a phone, a board made before with an empty carried-over zone (nothing carried over) does not show that section', async () => {
    // A board of a session made before the template left that zone out: initialised with it,
    // as the server did then, restored from its archive with no `carriedOver`.
    const board = new Y.Doc();
    initBoard(board, { groupId: 'groupe-1', name: 'Groupe 1', template: { kind: 'enjeux-objectifs-actions' } });
    createNote(board, { id: 'n1', text: 'Garder un accueil humain', x: 0, y: 0, zone: 'enjeux', author: 'Anaïs', createdAt: 1 });
    const response = await fetch(`${server.url}/api/sessions/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        format: 'concerto-archive', version: 1, exportedAt: new Date().toISOString(),
        session: { id: 'avant', title: 'Concertation d’avant', questions: [], keyIdeaLimit: 2, groups: [{ id: 'groupe-1', name: 'Groupe 1' }], createdAt: Date.now(), settings: { template: { kind: 'enjeux-objectifs-actions' } } },
        rooms: { 'groupe-1': { state: Buffer.from(Y.encodeStateAsUpdate(board)).toString('base64') } },
      }),
    });
    expect(response.status).toBe(201);
    const restored = (await response.json()) as CreateSessionResponse;
    const { context, page } = await openAs(browser, new URL(restored.links.groups[0]!.url, server.url).toString(), 'Benoît', PHONE);
    contexts.push(context);
    const sections = page.getByRole('region', { name: 'Zones du tableau' });
    await sections.getByText('Garder un accueil humain').waitFor();
    expect(await page.locator('.zone-section').count()).toBe(ZONES.length);
    expect(await sections.getByRole('heading', { name: CARRIED }).count()).toBe(0);
    expect(await sections.getByText('Repris de la concertation précédente, non modifiable').count()).toBe(0);
    await screenshot(page, 'zones-phone-older-board');
    // nor the compte-rendu (it said « Rien n’a été écrit dans cette zone. »)
    const markdown = await (await fetch(`${server.url}/api/sessions/${restored.id}/export.md`, { headers: { Authorization: `Bearer ${restored.facilitatorToken}` } })).text();
    expect(markdown).toContain('Garder un accueil humain');
    expect(markdown).not.toContain(CARRIED);
  });

  it('on a phone during individual reflection: a draft stays in its zone, privately, and is revealed there', async () => {
    const body = { title: 'Réflexion par zones', template: { kind: 'enjeux-objectifs-actions' as const } };
    const session = await createSession(server, body);
    expect((await api(server, `/api/sessions/${session.id}/phase`, session.facilitatorToken, { phase: 'reflection' })).status).toBe(200);
    const { context, page } = await openAs(browser, groupLink(server, session), 'Céline', PHONE);
    contexts.push(context);
    await page.locator('.phase-hint', { hasText: 'Réflexion individuelle' }).waitFor();
    await page.getByRole('button', { name: `Écrire une note dans ${quoted('Actions')}` }).click();
    await page.getByRole('textbox', { name: 'Texte de la note' }).fill('Former les aidants numériques');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    const actions = page.locator('.zone-section', { has: page.getByRole('heading', { name: 'Actions', exact: true }) });
    const draft = actions.locator('.note--draft', { hasText: 'Former les aidants numériques' });
    await draft.waitFor();
    await draft.scrollIntoViewIfNeeded();
    await screenshot(page, 'zones-phone-draft');
    expect(await axeViolations(page)).toEqual([]);
    expect((await api(server, `/api/sessions/${session.id}/phase`, session.facilitatorToken, { phase: 'sharing' })).status).toBe(200);
    await actions.locator('.zone-note-item:not(.note--draft)', { hasText: 'Former les aidants numériques' }).waitFor();
    await expect.poll(() => actions.locator('.note--draft').count()).toBe(0);
  });

  it('the facilitator’s own zones: a title each (said when missing), a question, then the board has them', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const home = await context.newPage();
    await home.goto(server.url);
    await home.getByLabel('Titre de la séance').fill('Atelier forces et freins');
    await home.getByRole('radio', { name: 'Zones personnalisées' }).check();
    await home.getByLabel('Zone 1 – titre').fill('Forces');
    await home.getByLabel('Zone 1 – question (facultatif)').fill('Sur quoi pouvons-nous nous appuyer ?');
    await home.getByRole('button', { name: 'Ajouter une zone' }).click();
    // The new zone's title takes the focus; left empty, creating says why and goes back to it.
    await expect.poll(() => home.getByLabel('Zone 2 – titre').evaluate((el) => el === document.activeElement)).toBe(true);
    await home.getByRole('button', { name: 'Créer la séance' }).click();
    await home.getByRole('alert').filter({ hasText: 'Donnez un titre à chaque zone.' }).waitFor();
    expect(await home.getByLabel('Zone 2 – titre').getAttribute('aria-invalid')).toBe('true');
    await home.getByLabel('Zone 2 – titre').fill('Freins');
    // Key ideas per zone: one only in « Freins », the session's limit elsewhere.
    await home.getByLabel('Zone 2 – idées clés qui comptent').selectOption('1');
    await screenshot(home, 'zones-create-custom');
    expect(await axeViolations(home)).toEqual([]);
    await home.getByRole('button', { name: 'Créer la séance' }).click();
    const link = home.locator('.link-item', { hasText: 'Groupe 2' }).first().locator('.link-url');
    await link.waitFor();
    const { context: participant, page } = await openAs(browser, (await link.textContent())!, 'Dominique');
    contexts.push(participant);
    await page.getByRole('heading', { name: 'Forces', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Freins', exact: true }).waitFor();
    await page.getByText('Sur quoi pouvons-nous nous appuyer ?').waitFor();
    expect(await page.locator('.zone-frame').count()).toBe(2);
    expect(await page.locator('.zone-frame', { hasText: 'Freins' }).locator('.zone-limit').count()).toBe(1);
    expect(await page.locator('.zone-frame', { hasText: 'Forces' }).locator('.zone-limit').count()).toBe(0);
  });
});
