/**
 * Issue 11 §4, the action-sheet phase: after the rounds, each person chooses their axis
 * (self-assignment, not the facilitator's split) with the link their group had all along.
 * Aïcha on a laptop, Bruno on a 360 × 640 phone by touch, Chloé by keyboard only; Bruno changes
 * his mind. Each writes on their axis and opens the action sheet of a priority action there;
 * the console counts the people on each axis; axe finds nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Browser, Page } from 'playwright-core';
import { createNote, listZones, PRIORITY_ACTIONS_ZONE, zoneFrames } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';

import { addNote, axeViolations, canvas, createSession, note, openAs, openConsole, roomProvider, screenshot, skipBrowserTests, withServerBrowserAndContexts, writeOnPhone } from './harness.js';
import type { RunningServer } from './harness.js';
import { api } from './plenaryKit.js';

const AXES = [
  'Axe 1 – Équiper et accompagner les publics',
  'Axe 2 – Former et outiller les aidants',
  'Axe 3 – Coordonner les acteurs du territoire',
];
const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const CHOICE_TITLE = 'Fiches actions\u00a0: choisissez votre axe';

/** Whether `box` lies wholly inside `outer`. */
function inside(box: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }): boolean {
  return box.x >= outer.x - 1 && box.y >= outer.y - 1 && box.x + box.width <= outer.x + outer.width + 1 && box.y + box.height <= outer.y + outer.height + 1;
}

/** A note in a zone of an axis's board, written as a rotating group's round left it (a real y-websocket client with the axis's link). */
async function writeInZone(server: RunningServer, session: CreateSessionResponse, axis: number, zone: string, text: string, author: string): Promise<void> {
  const group = session.groups[axis]!;
  const doc = new Y.Doc();
  const provider = roomProvider(server, session.id, group.id, group.token, doc);
  try {
    await expect.poll(() => provider.synced && listZones(doc).length > 0, { timeout: 10_000 }).toBe(true);
    const frame = zoneFrames(listZones(doc)).find((f) => f.id === zone)!;
    createNote(doc, { text, x: frame.x + 24, y: frame.y + 160, author, zone });
    // Written once the server has it: a second client reads it back.
    await expect.poll(async () => {
      const check = new Y.Doc();
      const reader = roomProvider(server, session.id, group.id, group.token, check);
      await new Promise((resolve) => reader.once('sync', resolve));
      const found = [...check.getMap<Y.Map<unknown>>('notes').values()].some((n) => String(n.get('text')) === text);
      reader.destroy();
      check.destroy();
      return found;
    }, { timeout: 10_000 }).toBe(true);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** A group's link opened while the axes are being chosen: the list of axes, not a board yet. */
async function openChoice(browser: Browser, url: string, name: string, options: { viewport?: { width: number; height: number }; hasTouch?: boolean; isMobile?: boolean } = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 }, ...options });
  await context.addInitScript((n) => window.localStorage.setItem('concerto:name', n), name);
  context.setDefaultTimeout(8000);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: CHOICE_TITLE }).waitFor();
  return { context, page };
}

const axisButton = (page: Page, axis: number) => page.getByRole('button', { name: new RegExp(`^${AXES[axis]}`) });
const sheet = (page: Page) => page.getByRole('dialog', { name: /Fiche action/ });

describe.skipIf(skipBrowserTests())('the action-sheet phase: each person chooses their axis', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('three people choose, one changes their mind, each writes on their axis and opens a sheet', { timeout: 120_000 }, async () => {
    const session = await createSession(server, { title: 'Concertation de suivi — territoire OUEST', keyIdeaLimit: 2, rotation: { axes: AXES } });
    const rotating = session.links.rotationGroups!;
    const url = (link: string) => new URL(link, server.url).toString();

    const facilitator = await openConsole(browser, server, session, 'Tours');
    const console_ = facilitator.page;
    const [a, b, c] = [
      await openAs(browser, url(rotating[0]!.url), 'Aïcha'),
      await openAs(browser, url(rotating[1]!.url), 'Bruno', PHONE),
      await openAs(browser, url(rotating[2]!.url), 'Chloé'),
    ];
    contexts.push(facilitator.context, a.context, b.context, c.context);
    for (const page of [a.page, b.page, c.page]) await page.getByText(/^Tour 1 sur 3/).waitFor();

    // The facilitator opens the phase: every group's page turns into the list of axes.
    await console_.getByRole('button', { name: 'Fiches actions\u00a0: chacun choisit son axe' }).click();
    for (const page of [a.page, b.page, c.page]) await page.getByRole('heading', { name: CHOICE_TITLE }).waitFor();
    await console_.getByRole('status').filter({ hasText: 'Fiches actions\u00a0: chacun choisit son axe' }).waitFor();
    // the heading takes the focus, so a screen reader says where the page went
    await expect.poll(() => c.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await c.page.title()).toBe(`${CHOICE_TITLE} · Concertation de suivi — territoire OUEST · Concerto`);
    await screenshot(b.page, 'axis-choice-phone');
    expect(await axeViolations(b.page)).toEqual([]);

    // Opened too early? « Revenir aux tours » (confirmed) brings every page back to its round, then
    // the facilitator opens the phase again.
    console_.once('dialog', (dialog) => void dialog.accept());
    await console_.getByRole('button', { name: 'Revenir aux tours' }).click();
    for (const page of [a.page, b.page, c.page]) await page.getByText(/^Tour 1 sur 3/).waitFor();
    await console_.getByRole('button', { name: 'Fiches actions\u00a0: chacun choisit son axe' }).click();
    for (const page of [a.page, b.page, c.page]) await page.getByRole('heading', { name: CHOICE_TITLE }).waitFor();

    // Aïcha and Bruno choose axis 2; Chloé, by keyboard, Tab to axis 1 and Entrée.
    await axisButton(a.page, 1).click();
    await axisButton(b.page, 1).tap();
    await c.page.keyboard.press('Tab');
    await expect.poll(() => c.page.evaluate(() => document.activeElement?.textContent)).toMatch(new RegExp(`^${AXES[0]}`));
    await c.page.keyboard.press('Enter');
    for (const [page, axis] of [[a.page, 1], [b.page, 1], [c.page, 0]] as const) {
      await expect.poll(() => page.title()).toMatch(new RegExp(`^${AXES[axis]}`));
      await page.getByText(`Fiches actions · votre axe\u00a0: «\u202fAxe ${axis + 1}\u202f»`, { exact: true }).waitFor();
    }
    await expect.poll(() => c.page.locator('[aria-live="polite"]').allTextContents()).toContainEqual(`Vous êtes sur l’axe «\u202f${AXES[0]}\u202f».`);
    const counts = console_.getByRole('table', { name: 'Personnes par axe' });
    // Who is on each board now (its awareness), then who chose it.
    await counts.getByRole('row', { name: `${AXES[1]} 2 présentes · 2 ont choisi` }).waitFor();
    await counts.getByRole('row', { name: `${AXES[0]} 1 présente · 1 a choisi` }).waitFor();

    // Bruno changes his mind: back to the list (his axis marked), then axis 3.
    await b.page.getByRole('button', { name: 'Changer d’axe' }).tap();
    await b.page.getByRole('heading', { name: CHOICE_TITLE }).waitFor();
    await expect.poll(() => axisButton(b.page, 1).textContent()).toBe(`${AXES[1]}2 personnes · votre choix`);
    await axisButton(b.page, 2).tap();
    await expect.poll(() => b.page.title()).toMatch(new RegExp(`^${AXES[2]}`));
    await counts.getByRole('row', { name: `${AXES[1]} 1 présente · 1 a choisi` }).waitFor();
    await counts.getByRole('row', { name: `${AXES[2]} 1 présente · 1 a choisi` }).waitFor();
    await console_.locator('.rounds-panel').scrollIntoViewIfNeeded();
    await screenshot(console_, 'axis-choice-console');

    // Each writes on their axis (the server lets them: a refused write would never show on the others' pages).
    await addNote(a.page, 'Former les secrétaires de mairie');
    await writeOnPhone(b.page, 'Un annuaire partagé des permanences');
    await c.page.getByRole('button', { name: 'Ajouter une note' }).focus();
    await c.page.keyboard.press('Enter');
    await c.page.keyboard.type('Des ateliers dans les médiathèques');
    await c.page.keyboard.press('Escape');
    await note(c.page, 'Des ateliers dans les médiathèques').waitFor();

    // … and opens the action sheet of one priority action (a key idea) of their axis.
    await a.page.getByRole('button', { name: 'Écrire une idée clé' }).click();
    await a.page.getByLabel('Idée clé 1 (vous pouvez la reformuler)').fill('Un plan de formation des aidants');
    await a.page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).click();
    await sheet(a.page).getByText('Un plan de formation des aidants').waitFor();

    await b.page.getByRole('button', { name: /^Idées clés \(0\/2\)/ }).tap();
    await b.page.getByRole('button', { name: 'Écrire une idée clé' }).tap();
    await b.page.getByLabel('Idée clé 1 (vous pouvez la reformuler)').fill('Une coordination par bassin de vie');
    await b.page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).tap();
    await sheet(b.page).getByText('Une coordination par bassin de vie').waitFor();
    await screenshot(b.page, 'axis-choice-phone-sheet');

    await c.page.getByRole('button', { name: 'Écrire une idée clé' }).focus();
    await c.page.keyboard.press('Enter');
    await c.page.keyboard.type('Des médiateurs numériques itinérants');
    await c.page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).focus();
    await c.page.keyboard.press('Enter');
    await sheet(c.page).getByText('Des médiateurs numériques itinérants').waitFor();
    await c.page.keyboard.type('Les habitants des villages renoncent.');
    await c.page.keyboard.press('Escape');
    await sheet(c.page).waitFor({ state: 'detached' });
    await screenshot(c.page, 'axis-choice-keyboard-board');
    expect(await axeViolations(c.page)).toEqual([]);
    expect(await axeViolations(console_)).toEqual([]);

    // The server took every write: the console, which reads each board from it, counts one
    // note and one sheet per axis (a write refused would stay on its author's device).
    for (const axis of AXES) {
      const card = console_.getByRole('article', { name: axis, exact: true });
      await expect.poll(() => card.locator('div', { hasText: /^Notes/ }).locator('dd').textContent(), { timeout: 5000 }).toBe('1');
      await expect.poll(() => card.locator('div', { hasText: 'Fiches actions' }).locator('dd').textContent(), { timeout: 5000 }).toBe('1');
    }

    // The choice is kept on the device: Bruno's reload lands on axis 3 again, his note there.
    await b.page.reload();
    await expect.poll(() => b.page.title()).toMatch(new RegExp(`^${AXES[2]}`));
    await note(b.page, 'Un annuaire partagé des permanences').waitFor();
    await b.page.getByRole('button', { name: 'Changer d’axe' }).waitFor();
    // the axis's notice leaves the phone its board: at most 30% of its height
    expect((await b.page.locator('.axis-notice').boundingBox())!.height).toBeLessThanOrEqual(640 * 0.3);
    await screenshot(b.page, 'axis-choice-phone-board');
    expect(await axeViolations(b.page)).toEqual([]);

    // Chloé closes her browser: her choice still counts, but nobody is on axis 1 any more — the
    // console said « 1 personne » as if she were writing there.
    await c.context.close();
    await counts.getByRole('row', { name: `${AXES[0]} Personne sur le tableau · 1 a choisi` }).waitFor();
    await counts.getByRole('row', { name: `${AXES[2]} 1 présente · 1 a choisi` }).waitFor();
    await console_.locator('.rounds-panel').scrollIntoViewIfNeeded();
    await screenshot(console_, 'axis-choice-console-present');

    // Aïcha opens her axis in a second tab: she is one person present, there and in the console
    // (each connection counted once said « 2 présentes » for her alone).
    const secondTab = await a.context.newPage();
    await secondTab.goto(url(rotating[0]!.url));
    await expect.poll(() => secondTab.title()).toMatch(new RegExp(`^${AXES[1]}`));
    await secondTab.getByRole('list', { name: '1 personne présente' }).waitFor();
    // then Bruno joins her axis: the count that follows his arrival counts her once
    await b.page.getByRole('button', { name: 'Changer d’axe' }).tap();
    await axisButton(b.page, 1).tap();
    await expect.poll(() => b.page.title()).toMatch(new RegExp(`^${AXES[1]}`));
    await b.page.getByRole('list', { name: '2 personnes présentes' }).waitFor();
    await secondTab.getByRole('list', { name: '2 personnes présentes' }).waitFor();
    // Bruno then writes there. The console reads that board in the server's order: once it
    // counts his note, it has both of Aïcha's tabs and Bruno's arrival, and counts what they make.
    await writeOnPhone(b.page, 'Des permanences dans les mairies');
    const card = console_.getByRole('article', { name: AXES[1], exact: true });
    await expect.poll(() => card.locator('div', { hasText: /^Notes/ }).locator('dd').textContent(), { timeout: 5000 }).toBe('2');
    expect(await counts.getByRole('row', { name: new RegExp(`^${AXES[1]}`) }).innerText()).toMatch(/2 présentes · 2 ont choisi$/);
  });

  it('arriving on an axis for its action sheets, a laptop shows « Actions prioritaires » and its notes, a phone opens on that section', { timeout: 90_000 }, async () => {
    const session = await createSession(server, { title: 'Concertation de suivi — fiches actions', rotation: { axes: AXES }, template: { kind: 'enjeux-objectifs-actions' } });
    const rotating = session.links.rotationGroups!;
    const url = (link: string) => new URL(link, server.url).toString();
    // What the rounds left on the first axis: a stake, and a priority action to pick.
    await writeInZone(server, session, 0, 'enjeux', 'Garder un accueil humain', 'Odette');
    await writeInZone(server, session, 0, PRIORITY_ACTIONS_ZONE, 'Un guichet unique itinérant', 'Karim');
    expect((await api(server, `/api/sessions/${session.id}/rotation`, session.facilitatorToken, { action: 'choose-axes' })).status).toBe(200);

    // On a 1280 × 800 laptop: the priority action is on screen, in its zone, without panning
    // (it was 1,700 px to the right, behind the carried-over zone and three others).
    const a = await openChoice(browser, url(rotating[0]!.url), 'Aïcha');
    contexts.push(a.context);
    await axisButton(a.page, 0).click();
    await note(a.page, 'Un guichet unique itinérant').waitFor();
    await a.page.waitForTimeout(300);
    const shown = (await canvas(a.page).boundingBox())!;
    expect(inside((await note(a.page, 'Un guichet unique itinérant').boundingBox())!, shown)).toBe(true);
    expect(inside((await a.page.locator(`.zone-frame[data-zone="${PRIORITY_ACTIONS_ZONE}"] .zone-title`).boundingBox())!, shown)).toBe(true);
    await screenshot(a.page, 'axis-choice-arrival-laptop');
    // Its options are reached by the pointer there: marked as the group's priority action.
    await note(a.page, 'Un guichet unique itinérant').getByRole('button', { name: 'Options de la note' }).click();
    await a.page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await a.page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).click();
    await sheet(a.page).getByText('Un guichet unique itinérant').first().waitFor();

    // On a 360 × 640 phone: the page opens on the « Actions prioritaires » section, its heading on screen.
    const b = await openChoice(browser, url(rotating[1]!.url), 'Bruno', PHONE);
    contexts.push(b.context);
    await axisButton(b.page, 0).tap();
    const heading = b.page.getByRole('heading', { name: 'Actions prioritaires', exact: true });
    await heading.waitFor();
    await b.page.waitForTimeout(300);
    expect(inside((await heading.boundingBox())!, { x: 0, y: 0, width: 360, height: 640 })).toBe(true);
    expect((await b.page.locator('#zone-sections').getByText('Un guichet unique itinérant').boundingBox())!.y).toBeLessThan(640 - 48);
    await screenshot(b.page, 'axis-choice-arrival-phone');
    expect(await axeViolations(b.page)).toEqual([]);
  });
});
