import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import { createNote } from '@concerto/board';

import { addNote, center, createSession, groupLink, mouseDrag, note, openAs, roomProvider, screenshot, skipBrowserTests, withServerAndBrowser, worldPosition } from './harness.js';
import type { RunningServer } from './harness.js';

describe.skipIf(skipBrowserTests())('two participants on one group canvas', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('see each other’s notes, cluster moves and presence within a second', async () => {
    const session = await createSession(server, { title: 'Séance collaboration', questions: ['Qu’est-ce qui compte le plus ?'] });
    const link = groupLink(server, session);
    const a = await openAs(browser, link, 'Marie');
    const b = await openAs(browser, link, 'Paul');

    // The fragment is read and cleared from the address bar.
    expect(new URL(a.page.url()).hash).toBe('');
    await expect.poll(() => a.page.getByText('Qu’est-ce qui compte le plus ?').isVisible()).toBe(true);

    await addNote(a.page, 'Autonomie des usagers');
    await note(b.page, 'Autonomie des usagers').waitFor({ timeout: 1000 });
    await addNote(b.page, 'Multiplicité des comptes');
    await note(a.page, 'Multiplicité des comptes').waitFor({ timeout: 1000 });
    await expect.poll(() => note(a.page, 'Multiplicité des comptes').textContent()).toContain('Paul');

    // Presence: each sees the other.
    await a.page.locator('.presence-list').getByText('Paul', { exact: true }).waitFor({ state: 'attached', timeout: 2000 });

    // Drop one note on the other: a cluster of both, seen by the other participant.
    await mouseDrag(a.page, await center(note(a.page, 'Multiplicité').locator('.note-text')), await center(note(a.page, 'Autonomie').locator('.note-text')));
    await b.page.locator('.cluster-frame').waitFor({ timeout: 1000 });

    // Label it in place: the other sees the title.
    await a.page.getByRole('textbox', { name: 'Titre du regroupement' }).fill('Accès aux droits');
    await expect.poll(() => b.page.getByRole('textbox', { name: 'Titre du regroupement' }).inputValue(), { timeout: 1000 }).toBe('Accès aux droits');

    // Move the cluster by its header: the other sees it move within a second.
    const frameA = a.page.locator('.cluster-frame');
    const before = await worldPosition(frameA);
    const handle = a.page.getByRole('button', { name: /Déplacer le regroupement/ });
    const start = await center(handle);
    await mouseDrag(a.page, start, { x: start.x + 150, y: start.y + 90 });
    const after = await worldPosition(frameA);
    expect(after.x).toBeGreaterThan(before.x + 50);
    const started = Date.now();
    await expect.poll(() => worldPosition(b.page.locator('.cluster-frame')), { timeout: 1000, interval: 50 }).toEqual(after);
    expect(Date.now() - started).toBeLessThan(1000);
    // The notes moved with their cluster.
    await expect.poll(async () => (await worldPosition(note(b.page, 'Autonomie'))).x).toBe((await worldPosition(note(a.page, 'Autonomie'))).x);

    await screenshot(a.page, 'collaboration-a');
    await screenshot(b.page, 'collaboration-b');
    await a.context.close();
    await b.context.close();
  });

  it('typing in the same note from two places keeps both people’s words', async () => {
    const session = await createSession(server, { title: 'Séance écriture' });
    const link = groupLink(server, session, 1);
    const a = await openAs(browser, link, 'Marie');
    const b = await openAs(browser, link, 'Paul');
    await addNote(a.page, 'accès');
    await note(b.page, 'accès').waitFor();
    await note(a.page, 'accès').locator('.note-text').click();
    await note(b.page, 'accès').locator('.note-text').click();
    await a.page.keyboard.press('End');
    await b.page.keyboard.press('Home');
    // Others see who is writing.
    await a.page.locator('.note').getByText('Paul écrit…').waitFor({ timeout: 2000 });
    await a.page.keyboard.type(' au numérique');
    await b.page.keyboard.type('Un ');
    const expected = 'Un accès au numérique';
    await expect.poll(() => a.page.locator('.note textarea').inputValue(), { timeout: 2000 }).toBe(expected);
    await expect.poll(() => b.page.locator('.note textarea').inputValue(), { timeout: 2000 }).toBe(expected);
    await a.context.close();
    await b.context.close();
  });

  it('offline editing is kept and sent on reconnection', async () => {
    const session = await createSession(server, { title: 'Séance hors ligne' });
    const link = groupLink(server, session, 2);
    const a = await openAs(browser, link, 'Marie');
    const b = await openAs(browser, link, 'Paul');
    await addNote(a.page, 'Avant la coupure');
    await note(b.page, 'Avant la coupure').waitFor();

    // The service worker has the app's files once the page is controlled.
    await expect.poll(() => a.page.evaluate(async () => {
      const cached = await (await caches.open('concerto-shell-v1')).keys();
      return cached.some((r) => r.url.endsWith('/index.html')) && cached.some((r) => r.url.includes('/assets/GroupPage-'));
    }), { timeout: 5000 }).toBe(true);
    await a.context.setOffline(true);
    await a.page.getByText(/Hors ligne\s*: vos notes sont gardées/).waitFor({ timeout: 3000 });
    await screenshot(a.page, 'offline');
    await addNote(a.page, 'Écrite hors ligne');
    // Even a reload while offline keeps the canvas and the note (service worker + IndexedDB).
    await a.page.waitForTimeout(300);
    await a.page.reload();
    await note(a.page, 'Écrite hors ligne').waitFor({ timeout: 5000 }).catch(async (err: unknown) => {
      await screenshot(a.page, 'offline-reload-failure');
      throw err;
    });
    await a.page.getByText(/Hors ligne\s*: vos notes sont gardées/).waitFor({ timeout: 3000 });
    await note(a.page, 'Avant la coupure').locator('.note-text').click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(', puis modifiée');
    await a.page.keyboard.press('Escape');
    // The edit is on this device before anything is sent (so a miss below is the sync's, not the typing's).
    await note(a.page, 'Avant la coupure, puis modifiée').waitFor({ timeout: 3000 });
    expect(await note(a.page, 'Écrite hors ligne').textContent()).not.toContain('puis modifiée');
    // Meanwhile the other participant keeps writing too.
    await addNote(b.page, 'Écrite pendant la coupure');
    await a.page.waitForTimeout(300);
    expect(await note(b.page, 'Écrite hors ligne').count()).toBe(0);

    await a.context.setOffline(false);
    // y-websocket retries with a backoff of up to 2.5 s, and in the full suite this browser
    // shares two cores with clusters of server processes: 15 s, not 5, for the link to come
    // back and the three edits to cross (alone, it takes about a second).
    await note(b.page, 'Écrite hors ligne').waitFor({ timeout: 15_000 });
    await note(b.page, 'Avant la coupure, puis modifiée').waitFor({ timeout: 15_000 });
    await note(a.page, 'Écrite pendant la coupure').waitFor({ timeout: 15_000 });
    await a.page.getByText('Connecté', { exact: true }).waitFor();

    // A reload keeps everything (this device's copy, then the server).
    await b.page.reload();
    await note(b.page, 'Écrite hors ligne').waitFor();
    expect(await b.page.locator('.note').count()).toBe(3);
    await a.context.close();
    await b.context.close();
  });

  it('the server’s copy arriving late does not move the note being written (this device’s copy came first)', async () => {
    const session = await createSession(server, { title: 'Séance lien lent' });
    const group = session.groups[3]!;
    const marie = await openAs(browser, groupLink(server, session, 3), 'Marie');
    await addNote(marie.page, 'Ma note');
    await expect.poll(() => marie.page.evaluate(async () => {
      const cached = await (await caches.open('concerto-shell-v1')).keys();
      return cached.some((r) => r.url.endsWith('/index.html')) && cached.some((r) => r.url.includes('/assets/GroupPage-'));
    }), { timeout: 5000 }).toBe(true);
    await marie.context.setOffline(true);
    // Meanwhile someone writes far from Marie's note: the board the server will send is much larger.
    const doc = new Y.Doc();
    const provider = roomProvider(server, session.id, group.id, group.token, doc);
    await expect.poll(() => provider.synced, { timeout: 10_000 }).toBe(true);
    createNote(doc, { text: 'Loin, en bas à droite', x: 2600, y: 1800, author: 'Paul' });
    // Marie's page opens from this device's copy first (her note alone), and she starts writing.
    await marie.page.reload();
    await marie.page.getByText(/Hors ligne\s*: vos notes sont gardées/).waitFor({ timeout: 5000 });
    await note(marie.page, 'Ma note').locator('.note-text').click();
    await marie.page.keyboard.press('End');
    await marie.page.keyboard.type(' sur');
    const field = marie.page.locator('.note textarea');
    // Where the field is on the board's area (the header above may change height with the status).
    const onBoard = () => field.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const board = el.closest('.canvas')!.getBoundingClientRect();
      return { x: box.x - board.x, y: box.y - board.y, width: box.width, height: box.height };
    });
    const before = await onBoard();
    // Then the server's copy arrives.
    await marie.context.setOffline(false);
    await note(marie.page, 'Loin, en bas à droite').waitFor({ state: 'attached', timeout: 15_000 });
    await marie.page.getByText('Connecté', { exact: true }).waitFor();
    await marie.page.waitForTimeout(500);
    expect(await onBoard()).toEqual(before);
    await marie.page.keyboard.type(' le numérique');
    expect(await field.inputValue()).toBe('Ma note sur le numérique');
    provider.destroy();
    doc.destroy();
    await marie.context.close();
  });

  it('a refused link says so plainly and stops', async () => {
    const session = await createSession(server, { title: 'Séance lien' });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${session.id}/groupe-1#token=not-a-token`);
    await page.getByText('Ce lien n’est plus valable. Demandez un nouveau lien à l’animation.').waitFor();
    await context.close();
  });
});
