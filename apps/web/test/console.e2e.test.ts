/**
 * The facilitator's side, end to end in Chromium against the real server: preparing a session
 * in the app (renaming and merging groups), copying links, participants joining, the console
 * following the groups live, the timer, phases with private drafts, locks (UI and server),
 * writing for someone, exports and closing the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createNote, listNotes } from '@concerto/board';

import { addNote, axeViolations, launchBrowser, note, openAs, roomProvider, screenshot, skipBrowserTests, startServer, watchNotFound } from './harness.js';
import type { RunningServer } from './harness.js';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

/** A y-websocket update frame (message type sync, then an update), built by hand as a hostile client would. */
function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The server's copy of a room, read through a plain y-websocket client with the facilitator's token. */
async function serverNotes(server: RunningServer, sessionId: string, room: string, token: string): Promise<string[]> {
  const doc = new Y.Doc();
  const provider = roomProvider(server, sessionId, room, token, doc);
  try {
    await expect.poll(() => provider.synced, { timeout: 5000 }).toBe(true);
    return listNotes(doc).map((n) => n.text);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

describe.skipIf(skipBrowserTests())('facilitator console', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it('prepares a session in the app, runs its groups from the console, and closes it', { timeout: 180_000 }, async () => {
    // --- the facilitator prepares the session on a laptop --------------------------------
    const facilitator = await browser.newContext({ locale: 'fr-FR', viewport: LAPTOP });
    contexts.push(facilitator);
    facilitator.setDefaultTimeout(8000);
    await facilitator.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    // Nothing the pages ask for may be missing (the page's icon was, on every page).
    const notFound = watchNotFound(facilitator);
    const home = await facilitator.newPage();
    home.on('pageerror', (err) => console.error('[facilitator] page error:', err.message));
    await home.goto(server.url);
    await home.getByRole('heading', { name: 'Créer une séance' }).waitFor();
    expect(await axeViolations(home)).toEqual([]);
    await screenshot(home, 'console-home-laptop');

    await home.getByLabel('Titre de la séance').fill('Inclusion numérique : séance de lancement');
    await home.getByLabel('Date de la séance (facultatif)').fill('2024-09-18');
    await home.getByLabel('Questions posées aux groupes (une par ligne)').fill(
      'Qu’est-ce qui vous semble le plus important ?\nPour apporter des réponses adaptées, il est crucial de…',
    );
    await home.getByLabel('Nom du groupe 3', { exact: true }).fill('Accès au matériel');
    await home.getByLabel('Premier groupe').selectOption({ label: 'Groupe 6' });
    await home.getByLabel('Second groupe').selectOption({ label: 'Groupe 7' });
    await home.getByRole('button', { name: 'Fusionner en « Groupes 6 et 7 »' }).click();
    const names = await home.locator('.group-row input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(names).toEqual([
      'Groupe 1', 'Groupe 2', 'Accès au matériel', 'Groupe 4', 'Groupe 5', 'Groupes 6 et 7', 'Groupe 8', 'Groupe 9', 'Salle principale',
    ]);
    await home.getByRole('button', { name: 'Créer la séance' }).click();

    // --- the links page --------------------------------------------------------------------
    await home.getByRole('heading', { name: /Séance « Inclusion numérique : séance de lancement » créée/ }).waitFor();
    await home.getByText('Gardez ce lien pour vous : il permet de tout modifier.').waitFor();
    await home.getByRole('button', { name: 'Copier tous les liens' }).click();
    await home.getByText('Copié.').first().waitFor();
    const all = (await clipboard(home)).split('\n');
    expect(all).toHaveLength(9);
    expect(all[0]).toMatch(/^Groupe 1\u00a0: http:\/\/.+\/s\/[a-z0-9]+\/groupe-1#token=.+$/);
    expect(all[2]).toMatch(/^Accès au matériel\u00a0: http.+\/acces-au-materiel#token=/);
    expect(all[5]).toMatch(/^Groupes 6 et 7\u00a0: http.+\/groupes-6-et-7#token=/);
    await home.getByRole('button', { name: 'Copier le lien de Groupe 1' }).click();
    const groupOneLink = await clipboard(home);
    expect(groupOneLink).toBe(all[0]!.split('\u00a0: ')[1]);
    await home.locator('.link-item', { hasText: 'Groupe 1' }).first().getByText('QR code').click();
    await home.getByRole('img', { name: 'QR code du lien de Groupe 1' }).waitFor();
    await screenshot(home, 'console-links-laptop');
    expect(await axeViolations(home)).toEqual([]);

    // The home page remembers it in « Mes séances ».
    await home.getByRole('button', { name: 'Retour à l’accueil' }).click();
    await home.getByRole('heading', { name: 'Mes séances' }).waitFor();
    await home.locator('.my-session-title', { hasText: 'Inclusion numérique : séance de lancement' }).waitFor();

    // --- the console -------------------------------------------------------------------------
    await home.getByRole('link', { name: /Ouvrir la console/ }).click();
    const console_ = home;
    await console_.getByRole('heading', { name: 'Inclusion numérique : séance de lancement', level: 1 }).waitFor();
    await expect.poll(() => console_.locator('.group-card').count()).toBe(9);
    const card = (name: string) => console_.getByRole('article', { name, exact: true });

    // --- a participant joins with the copied link and works ----------------------------------
    const marie = await openAs(browser, groupOneLink, 'Marie');
    contexts.push(marie.context);
    await card('Groupe 1').getByText('Marie').waitFor();
    for (const text of ['Accès non numérique', 'Travailler en transversalité', 'Matériel obsolète']) await addNote(marie.page, text);
    for (const text of ['Accès non numérique', 'Travailler en transversalité']) {
      await note(marie.page, text).getByRole('button', { name: 'Options de la note' }).click();
      await marie.page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    }
    await marie.page.getByRole('heading', { name: 'Idées clés (2/2)' }).waitFor();
    await marie.page.getByRole('button', { name: 'Partager en plénière' }).click();
    await card('Groupe 1').getByText('2 sur 2').waitFor();
    await card('Groupe 1').getByText(/Partagé à \d+\s*h\s*\d\d \(2 idées clés\)/).waitFor();
    await expect.poll(() => card('Groupe 1').locator('.thumbnail-note').count()).toBe(3);
    expect(await card('Groupe 2').getByText('Pas encore partagé').count()).toBe(1);

    // --- the timer reaches the participant's canvas -------------------------------------------
    await console_.getByRole('button', { name: '3 min', exact: true }).click();
    await console_.getByRole('button', { name: 'Démarrer : 3 minutes' }).click();
    await expect.poll(() => marie.page.getByRole('timer').textContent()).toMatch(/0[23]:\d\d/);
    await console_.getByRole('button', { name: '+1 minute' }).click();
    await expect.poll(() => marie.page.getByRole('timer').textContent()).toMatch(/03:5\d|04:00/);

    // --- reflection: drafts stay on the author's device until « Révéler les notes » ----------
    const paul = await openAs(browser, groupOneLink, 'Paul', PHONE);
    contexts.push(paul.context);
    await console_.getByRole('button', { name: /Réflexion individuelle/ }).click();
    await marie.page.locator('.phase-hint', { hasText: 'Réflexion individuelle' }).waitFor();
    await paul.page.locator('.phase-hint', { hasText: 'Réflexion individuelle' }).waitFor();
    await marie.page.getByRole('button', { name: 'Ajouter une note' }).click();
    await marie.page.keyboard.type('Former les aidants numériques');
    await marie.page.locator('.note--draft').getByText('Brouillon — visible par vous seul·e').waitFor();
    await expect.poll(() => marie.page.locator('.note--draft textarea').inputValue()).toBe('Former les aidants numériques');
    await marie.page.waitForTimeout(1500);
    expect(await note(paul.page, 'Former les aidants numériques').count()).toBe(0);
    expect(await serverNotes(server, console_.url().split('/')[4]!, 'groupe-1', await facilitatorToken(console_))).not.toContain('Former les aidants numériques');
    await screenshot(marie.page, 'console-participant-draft-laptop');

    await console_.getByRole('button', { name: 'Révéler les notes' }).click();
    await note(paul.page, 'Former les aidants numériques').waitFor();
    await expect.poll(() => marie.page.locator('.note--draft').count()).toBe(0);
    await paul.page.waitForTimeout(1000);
    expect(await note(paul.page, 'Former les aidants numériques').count()).toBe(1);
    expect(await note(marie.page, 'Former les aidants numériques').count()).toBe(1);
    await paul.page.locator('.phase-hint', { hasText: 'Partage des notes' }).waitFor();
    await screenshot(paul.page, 'console-participant-phone');

    // --- locking: read-only in the UI at once, and the server drops a raw write --------------
    const sessionId = console_.url().split('/')[4]!;
    const token = await facilitatorToken(console_);
    await card('Groupe 1').getByRole('button', { name: 'Verrouiller Groupe 1' }).click();
    await marie.page.getByText('L’animation a verrouillé ce groupe : vous pouvez lire les notes, pas les modifier.').waitFor();
    await expect.poll(() => marie.page.getByRole('button', { name: 'Ajouter une note' }).count()).toBe(0);
    await paul.page.getByText(/L’animation a verrouillé ce groupe/).waitFor();
    await card('Groupe 1').getByText('Verrouillé', { exact: true }).waitFor();
    await screenshot(marie.page, 'console-participant-locked-laptop');

    const participantToken = new URL(groupOneLink).hash.replace('#token=', '');
    const rogue = new Y.Doc();
    createNote(rogue, { text: 'Écriture brute pendant le verrou', x: 0, y: 0, author: 'intrus' });
    const raw = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws/${sessionId}/groupe-1?token=${encodeURIComponent(participantToken)}`);
    await new Promise((resolve, reject) => {
      raw.once('open', resolve);
      raw.once('error', reject);
    });
    raw.send(updateFrame(Y.encodeStateAsUpdate(rogue)));
    await new Promise((resolve) => setTimeout(resolve, 800));
    raw.close();
    const afterRogue = await serverNotes(server, sessionId, 'groupe-1', token);
    expect(afterRogue).toContain('Former les aidants numériques');
    expect(afterRogue).not.toContain('Écriture brute pendant le verrou');
    expect(await note(paul.page, 'Écriture brute').count()).toBe(0);

    await card('Groupe 1').getByRole('button', { name: 'Déverrouiller Groupe 1' }).click();
    await marie.page.getByRole('button', { name: 'Ajouter une note' }).waitFor();

    // --- the facilitator opens the group and writes for someone -------------------------------
    const [canvasTab] = await Promise.all([
      facilitator.waitForEvent('page'),
      card('Groupe 1').getByRole('link', { name: /Ouvrir le groupe/ }).click(),
    ]);
    await canvasTab.waitForLoadState('domcontentloaded');
    // No name to give: the facilitator is « Animation » (issue 12, item 3).
    await canvasTab.getByRole('button', { name: 'Écrire pour quelqu’un' }).click();
    await canvasTab.getByLabel('Nom de la personne').fill('Jeanne');
    await canvasTab.getByLabel('Texte de la note').fill('Des permanences sans rendez-vous');
    await canvasTab.getByRole('button', { name: 'Ajouter la note' }).click();
    await note(marie.page, 'Des permanences sans rendez-vous').getByText('Jeanne (saisi par l’animation)').waitFor();
    await canvasTab.close();

    await screenshot(console_, 'console-laptop');
    expect(await axeViolations(console_)).toEqual([]);

    // --- exports, then closing the session -----------------------------------------------------
    const [download] = await Promise.all([
      console_.waitForEvent('download'),
      console_.getByRole('button', { name: 'Exporter le compte-rendu (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^compte-rendu-.+\.pdf$/);

    await console_.getByRole('button', { name: 'Arrêter le minuteur' }).click();
    await expect.poll(() => marie.page.getByRole('timer').count()).toBe(0);
    await console_.getByRole('button', { name: 'Clore la séance' }).click();
    const dialog = console_.getByRole('dialog', { name: 'Clore la séance ?' });
    await dialog.waitFor();
    await screenshot(console_, 'console-close-dialog');
    await dialog.getByRole('button', { name: 'Clore la séance' }).click();
    await console_.getByText('La séance est close : tous les tableaux sont en lecture seule.', { exact: false }).first().waitFor();
    await marie.page.getByText('La séance est close : les tableaux sont en lecture seule. Vous pouvez encore les consulter.').waitFor();
    await expect.poll(() => marie.page.getByRole('button', { name: 'Ajouter une note' }).count()).toBe(0);
    await screenshot(marie.page, 'console-participant-closed-laptop');

    // The console in English, closed.
    await console_.getByRole('button', { name: /English/ }).click();
    await console_.getByRole('heading', { name: 'Steps' }).waitFor();
    await console_.evaluate(() => window.scrollTo(0, 0));
    await screenshot(console_, 'console-closed-english-laptop');
    expect(await axeViolations(console_)).toEqual([]);
    expect(notFound).toEqual([]);
  });

  it('a participant link does not open the console, and says which group it opens', { timeout: 90_000 }, async () => {
    const { createSession } = await import('./harness.js');
    const session = await createSession(server, { title: 'Séance sans console' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: LAPTOP });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${session.id}/facilitate#token=${session.groups[0]!.token}`);
    await page.getByRole('heading', { name: 'Impossible d’ouvrir la console d’animation' }).waitFor();
    await page.getByText('Ce lien ouvre le Groupe 1.').waitFor();
    expect(await page.getByText('Ce lien n’est plus valable.').count()).toBe(0);
  });

  it('the home page works on a phone', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR', ...PHONE });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Créer une séance' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-home-phone');
    await page.getByLabel('Nom du groupe 6', { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-groups-phone');
    await page.getByRole('heading', { name: 'Fusionner deux groupes' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'console-merge-phone');
    // Nothing wider than the screen.
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Titre de la séance').fill('Atelier au téléphone');
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await page.getByRole('heading', { name: /Séance « Atelier au téléphone » créée/ }).waitFor();
    await screenshot(page, 'console-links-phone');
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});

/** The facilitator's token, as the console keeps it for its tab. */
async function facilitatorToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.endsWith(':facilitate')) return sessionStorage.getItem(key);
    }
    return null;
  });
  if (token === null) throw new Error('no facilitator token in the tab');
  return token;
}
