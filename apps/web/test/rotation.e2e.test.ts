/**
 * Issue 11 §2, a follow-up concertation organised by theme: three groups rotate over three axes
 * in three rounds run from the console — group A on a desktop, group B on a 360 × 640 phone,
 * group C on a tablet-sized window — and a board host stays on axis 1. Each group has one link
 * for the whole session; at each round change every page moves by itself, says so to screen
 * readers, and what was being typed at that moment stays on the board it was typed on. The
 * compte-rendu says where each note came from.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { axeViolations, createSession, groupLink, note, openAs, openConsole, screenshot, skipBrowserTests, watchNotFound, withServerBrowserAndContexts, writeOnPhone } from './harness.js';
import type { RunningServer } from './harness.js';

const AXES = [
  'Axe 1 – Équiper et accompagner les publics',
  'Axe 2 – Former et outiller les aidants',
  'Axe 3 – Coordonner les acteurs du territoire',
];
const LETTERS = ['A', 'B', 'C'];
const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };

/** The axis group g (0-based) works on in round r (1-based). */
const axisOf = (g: number, r: number) => (g + r - 1) % 3;

async function writeOnDesktop(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Ajouter une note' }).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await note(page, text).waitFor();
}

describe.skipIf(skipBrowserTests())('three groups rotate over three axes', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('everyone visits every axis, pages move by themselves, nothing typed at a change is lost, the archive says where notes came from', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi — territoire NORD', rotation: { axes: AXES } });
    const rotating = session.links.rotationGroups!;
    const url = (link: string) => new URL(link, server.url).toString();

    const consoleContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(consoleContext);
    const console_ = await consoleContext.newPage();
    await console_.goto(url(session.links.facilitator));
    await console_.getByRole('heading', { name: 'Tours' }).waitFor();

    const a = await openAs(browser, url(rotating[0]!.url), 'Aïcha');
    const b = await openAs(browser, url(rotating[1]!.url), 'Bruno', PHONE);
    const c = await openAs(browser, url(rotating[2]!.url), 'Chloé', { viewport: { width: 1024, height: 768 } });
    const host = await openAs(browser, groupLink(server, session, 0), 'Hélène');
    contexts.push(a.context, b.context, c.context, host.context);
    const groups = [a.page, b.page, c.page];
    const write = (g: number, text: string) => (g === 1 ? writeOnPhone(groups[g]!, text) : writeOnDesktop(groups[g]!, text));

    // Before the first round, each group already sees the axis it starts with.
    for (let g = 0; g < 3; g++) {
      await groups[g]!.getByText(`Tour 1 sur 3\u00a0: bientôt. Groupe ${LETTERS[g]} commencera par cet axe.`).waitFor();
      await expect.poll(() => groups[g]!.title()).toMatch(new RegExp(`^${AXES[g]}`));
    }
    await host.page.getByText('Tour 1 sur 3\u00a0: bientôt. Vous restez sur cet axe.').waitFor();

    for (let round = 1; round <= 3; round++) {
      if (round === 1) {
        await console_.getByRole('button', { name: 'Commencer le tour 1' }).click();
      } else {
        // At the change: A has a note's editor open with text in it, B's phone form holds a
        // note not yet added, C is typing while the facilitator starts the next round.
        await a.page.getByRole('button', { name: 'Ajouter une note' }).click();
        await a.page.keyboard.type(`En cours ${round - 1} A`);
        await b.page.getByRole('button', { name: 'Écrire une note' }).click();
        await b.page.getByRole('textbox', { name: 'Texte de la note' }).fill(`En cours ${round - 1} B`);
        await c.page.getByRole('button', { name: 'Ajouter une note' }).click();
        await Promise.all([
          c.page.keyboard.type(`En cours ${round - 1} C, tapé pendant le changement de tour`, { delay: 15 }),
          console_.getByRole('button', { name: `Commencer le tour ${round}` }).click(),
        ]);
      }
      for (let g = 0; g < 3; g++) {
        const page = groups[g]!;
        const axis = AXES[axisOf(g, round)]!;
        await page.getByText(`Tour ${round} sur 3\u00a0: Groupe ${LETTERS[g]} travaille sur cet axe.`).waitFor();
        await expect.poll(() => page.title()).toMatch(new RegExp(`^${axis}`));
        if (round > 1) {
          // said to screen readers, in a live region that outlived the old canvas
          await expect.poll(() => page.locator('[aria-live="polite"]').allTextContents())
            .toContainEqual(`Tour ${round}\u00a0: votre groupe passe à l’axe «\u202f${axis}\u202f». Vos notes de l’axe précédent sont enregistrées.`);
          // the board keeps what the group before wrote, with its origin
          const before = (g + 1) % 3;
          await note(page, `Tour ${round - 1} groupe ${LETTERS[before]}`).getByText(`Tour ${round - 1} · Groupe ${LETTERS[before]}`).waitFor();
        }
      }
      if (round === 2) {
        await screenshot(a.page, 'rotation-round2-desktop');
        await screenshot(b.page, 'rotation-round2-phone');
        await screenshot(console_, 'rotation-round2-console');
      }
      // The timer started with the round, on every page.
      await expect.poll(() => b.page.getByRole('timer').textContent()).toMatch(/\d\d:\d\d/);

      for (let g = 0; g < 3; g++) await write(g, `Tour ${round} groupe ${LETTERS[g]}`);
      // the host, on axis 1 all along, writes too: at the same time as the group there
      await writeOnDesktop(host.page, `Hôte, tour ${round}`);

      if (round >= 2) {
        // The host sees what the previous round left: the group that was on axis 1 then.
        const previous = LETTERS[[0, 1, 2].find((g) => axisOf(g, round - 1) === 0)!];
        await host.page.getByText(`Au tour précédent, le groupe ${previous} a ajouté 2 notes.`).waitFor();
        if (round === 2) await screenshot(host.page, 'rotation-round2-host');
      }
      await console_.getByRole('button', { name: `Terminer le tour ${round}` }).click();
      await a.page.getByText(`Tour ${round} terminé. Au tour suivant, cette page passera d’elle-même à l’axe suivant.`).waitFor();
    }
    await console_.getByText('Tous les tours sont faits.').waitFor();
    expect(await axeViolations(b.page)).toEqual([]);
    expect(await axeViolations(host.page)).toEqual([]);
    expect(await axeViolations(console_)).toEqual([]);

    // The compte-rendu: every group's notes on every axis, each with where it came from, and
    // what was being typed at each change on the board it was typed on.
    const response = await fetch(`${server.url}/api/sessions/${session.id}/export.md`, { headers: { Authorization: `Bearer ${session.facilitatorToken}` } });
    const markdown = await response.text();
    const section = (axis: number) => markdown.slice(markdown.indexOf(`## ${AXES[axis]}`), axis < 2 ? markdown.indexOf(`## ${AXES[axis + 1]}`) : markdown.indexOf('## Plénière'));
    for (let round = 1; round <= 3; round++) {
      for (let g = 0; g < 3; g++) {
        const where = section(axisOf(g, round));
        const author = ['Aïcha', 'Bruno', 'Chloé'][g];
        expect(where).toContain(`Tour ${round} groupe ${LETTERS[g]} — *${author}, ajouté au tour ${round} par le groupe ${LETTERS[g]}*`);
        if (round < 3) {
          if (g < 2) expect(where).toContain(`En cours ${round} ${LETTERS[g]} — *${author}, ajouté au tour ${round} par le groupe ${LETTERS[g]}*`);
          else {
            // C was typing at the change: what it typed before its page moved is on the old
            // board, in one note (a beginning of the sentence, maybe all of it)
            const typed = where.split('\n')
              .filter((line) => line.endsWith(` — *Chloé, ajouté au tour ${round} par le groupe C*`))
              .map((line) => line.slice(2, line.indexOf(' — *')))
              .filter((text) => text !== `Tour ${round} groupe C`);
            expect(typed).toHaveLength(1);
            expect(`En cours ${round} C, tapé pendant le changement de tour`.startsWith(typed[0] === '*(vide)*' ? '' : typed[0]!)).toBe(true);
          }
        }
      }
      expect(section(0)).toContain(`Hôte, tour ${round} — *Hélène, ajouté au tour ${round}*`);
    }
  }, 120_000);

  it('R30 a note written before the first round starts says so, not « Tour 1 », on the board and in the compte-rendu', async () => {
    const session = await createSession(server, { title: 'Suivi — avant le premier tour', rotation: { axes: ['Axe 1 – Publics', 'Axe 2 – Aidants'] } });
    const url = (link: string) => new URL(link, server.url).toString();
    const a = await openAs(browser, url(session.links.rotationGroups![0]!.url), 'Aïcha');
    contexts.push(a.context);
    await a.page.getByText('Tour 1 sur 2\u00a0: bientôt. Groupe A commencera par cet axe.').waitFor();
    await writeOnDesktop(a.page, 'Écrite en attendant le tour 1');
    const before = note(a.page, 'Écrite en attendant le tour 1');
    await before.getByText('Avant le 1er tour · Groupe A', { exact: true }).waitFor();
    expect(await before.locator('.sr-only', { hasText: 'ajouté avant le premier tour par le groupe A' }).count()).toBe(1);
    expect(await before.getByText(/Tour 1/).count()).toBe(0);

    const start = await fetch(`${server.url}/api/sessions/${session.id}/rotation`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.facilitatorToken}` }, body: JSON.stringify({ action: 'start' }),
    });
    expect(start.status).toBe(200);
    await a.page.getByText('Tour 1 sur 2\u00a0: Groupe A travaille sur cet axe.').waitFor();
    await writeOnDesktop(a.page, 'Écrite pendant le tour 1');
    await note(a.page, 'Écrite pendant le tour 1').getByText('Tour 1 · Groupe A', { exact: true }).waitFor();
    await screenshot(a.page, 'rotation-before-first-round');

    const markdown = await (await fetch(`${server.url}/api/sessions/${session.id}/export.md`, { headers: { Authorization: `Bearer ${session.facilitatorToken}` } })).text();
    expect(markdown).toContain('Écrite en attendant le tour 1 — *Aïcha, ajouté avant le premier tour par le groupe A*');
    expect(markdown).toContain('Écrite pendant le tour 1 — *Aïcha, ajouté au tour 1 par le groupe A*');
  });

  it('the console\'s plan of who works on which axis fits its panel when the axes have no short « Axe N » name', async () => {
    const axes = ['Équiper et accompagner les publics éloignés du numérique', 'Former et outiller les aidants professionnels', 'Coordonner les acteurs institutionnels du territoire'];
    const session = await createSession(server, { title: 'Suivi — axes sans numéro', rotation: { axes } });
    const facilitator = await openConsole(browser, server, session, 'Tours');
    contexts.push(facilitator.context);
    const page = facilitator.page;
    const plan = page.getByRole('table', { name: 'Qui travaille sur quel axe' });
    await plan.waitFor();
    await page.locator('.rounds-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'rotation-console-long-axes');
    const panel = (await page.locator('.rounds-panel').boundingBox())!;
    // Every cell inside the panel, every axis name whole (nothing scrolled out of sight).
    for (const cell of await plan.locator('th, td').all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width, (await cell.textContent()) ?? '').toBeLessThanOrEqual(panel.x + panel.width + 0.5);
    }
    // The cells number the axes (their full names for screen readers), a legend names them.
    expect(await plan.locator('td', { hasText: axes[2]! }).count()).toBe(3);
    expect(await plan.locator('td [aria-hidden="true"]').allTextContents()).toEqual(['Axe 1', 'Axe 2', 'Axe 3', 'Axe 2', 'Axe 3', 'Axe 1', 'Axe 3', 'Axe 1', 'Axe 2']);
    expect(await page.locator('.rounds-plan-legend li').allTextContents()).toEqual(axes.map((axis, i) => `Axe ${i + 1}\u00a0: ${axis}`));
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a note written offline on the old board reaches it after the page has moved on', async () => {
    const session = await createSession(server, { title: 'Suivi — hors ligne', rotation: { axes: ['Axe 1 – Publics', 'Axe 2 – Aidants'] } });
    const url = (link: string) => new URL(link, server.url).toString();
    const start = (body: unknown) => fetch(`${server.url}/api/sessions/${session.id}/rotation`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.facilitatorToken}` }, body: JSON.stringify(body),
    });
    expect((await start({ action: 'start' })).status).toBe(200);
    // Group B (second) starts on axis 2; the host of axis 2 watches it.
    const [, axis2] = session.groups;
    const b = await openAs(browser, url(session.links.rotationGroups![1]!.url), 'Bruno', PHONE);
    const host = await openAs(browser, groupLink(server, session, 1), 'Hélène');
    contexts.push(b.context, host.context);
    await b.page.getByText('Tour 1 sur 2\u00a0: Groupe B travaille sur cet axe.').waitFor();

    // From now on B's sockets to axis 2 are refused until `open` (the server stays up).
    let open = true;

    await b.page.routeWebSocket((address) => address.pathname === `/ws/${session.id}/${axis2!.id}`, (ws) => {
      if (open) ws.connectToServer();
      else ws.close({ code: 1013, reason: 'test: axis 2 unreachable' });
    });
    // Routing applies to the page's sockets once it is loaded again.
    await b.page.reload();
    await b.page.getByText('Tour 1 sur 2\u00a0: Groupe B travaille sur cet axe.').waitFor();
    // Refused before going offline: Chromium's offline mode does not stop websockets, so a
    // reconnection in between would otherwise get through.
    open = false;
    await b.context.setOffline(true);
    await b.page.getByText('Hors ligne\u00a0: vos notes sont gardées et seront envoyées dès le retour de la connexion.').waitFor();
    await writeOnPhone(b.page, 'Écrite hors ligne au tour 1');
    // The round changes while B is offline; back online, B's page learns it and moves on at
    // once, before its socket to axis 2 could get through.
    expect((await start({ action: 'start' })).status).toBe(200);
    await b.context.setOffline(false);
    await b.page.getByText('Tour 2 sur 2\u00a0: Groupe B travaille sur cet axe.').waitFor();
    await expect.poll(() => b.page.title()).toMatch(/^Axe 1 – Publics/);
    expect(await note(host.page, 'Écrite hors ligne').count()).toBe(0);

    // Axis 2 reachable again: the room B left, kept open unseen, delivers the note there.
    open = true;
    await note(host.page, 'Écrite hors ligne au tour 1').getByText('Tour 1 · Groupe B').waitFor({ timeout: 15_000 });
    await screenshot(b.page, 'rotation-after-offline-phone');
  });

  it('private drafting: a draft written for an axis is revealed on that axis as the group leaves it', async () => {
    const session = await createSession(server, { title: 'Suivi — brouillons', rotation: { axes: ['Axe 1 – Publics', 'Axe 2 – Aidants'] } });
    const call = (path: string, body: unknown) => fetch(`${server.url}/api/sessions/${session.id}/${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.facilitatorToken}` }, body: JSON.stringify(body),
    });
    expect((await call('rotation', { action: 'start' })).status).toBe(200);
    expect((await call('phase', { phase: 'reflection' })).status).toBe(200);
    const a = await openAs(browser, new URL(session.links.rotationGroups![0]!.url, server.url).toString(), 'Aïcha');
    const host = await openAs(browser, groupLink(server, session, 0), 'Hélène');
    contexts.push(a.context, host.context);
    await a.page.locator('.phase-hint', { hasText: 'Réflexion individuelle' }).waitFor();
    await a.page.getByRole('button', { name: 'Ajouter une note' }).click();
    await a.page.keyboard.type('Médiateurs dans chaque mairie');
    await a.page.locator('.note--draft').getByText('Brouillon — visible par vous seul·e').waitFor();
    expect(await note(host.page, 'Médiateurs dans chaque mairie').count()).toBe(0);

    // The round changes during reflection: the draft goes to axis 1 as A leaves for axis 2,
    // where new notes are drafts again.
    expect((await call('rotation', { action: 'start' })).status).toBe(200);
    await expect.poll(() => a.page.title()).toMatch(/^Axe 2 – Aidants/);
    await note(host.page, 'Médiateurs dans chaque mairie').getByText('Tour 1 · Groupe A').waitFor();
    expect(await a.page.locator('.note', { hasText: 'Médiateurs' }).count()).toBe(0);
    await a.page.getByRole('button', { name: 'Ajouter une note' }).click();
    await a.page.keyboard.type('Former les secrétaires de mairie');
    await expect.poll(() => a.page.locator('.note--draft textarea').inputValue()).toBe('Former les secrétaires de mairie');
  });

  it('the console offers only the steps of a round: private drafting then sharing, not the group session\'s clustering, key ideas and plenary', async () => {
    const session = await createSession(server, { title: 'Suivi — étapes', rotation: { axes: ['Axe 1 – Publics', 'Axe 2 – Aidants'] } });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(5000);
    const notFound = watchNotFound(context);
    const console_ = await context.newPage();
    await console_.goto(new URL(session.links.facilitator, server.url).toString());
    const panel = console_.getByRole('region', { name: 'Étapes du tour' });
    await panel.waitFor();
    expect(await panel.getByRole('listitem').allTextContents()).toEqual(['1 Réflexion individuelle', '2 Partage des notes']);
    await panel.getByRole('button', { name: /Réflexion individuelle/ }).click();
    await panel.getByText('Étape en cours\u00a0: Réflexion individuelle').waitFor();
    await panel.getByRole('button', { name: 'Révéler les notes' }).waitFor();
    await panel.evaluate((el) => el.scrollIntoView());
    await screenshot(console_, 'rotation-console-steps');
    expect(await axeViolations(console_)).toEqual([]);
    expect(notFound).toEqual([]);
  });

  it('the create form offers the organisation by theme, on a phone', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', ...PHONE });
    contexts.push(context);
    context.setDefaultTimeout(5000);
    const home = await context.newPage();
    await home.goto(server.url);
    await home.getByRole('heading', { name: 'Créer une séance' }).waitFor();
    await home.getByLabel('Titre de la séance').fill('Concertation de suivi — territoire SUD');
    await home.getByLabel('Par thème\u00a0: un tableau par axe, des groupes qui passent d’un axe à l’autre').check();
    await home.getByLabel('Axes (un par ligne, au moins deux)').fill(AXES[0]!);
    await home.getByRole('button', { name: 'Créer la séance' }).click();
    // one axis is not a rotation: said before anything is sent
    await home.getByRole('alert').getByText('Indiquez au moins deux axes, un par ligne.').waitFor();
    await home.getByLabel('Axes (un par ligne, au moins deux)').fill(AXES.join('\n'));
    await home.getByLabel('Groupes qui tournent (un par ligne)').fill('Les bleus\nLes verts\nLes rouges');
    await home.locator('fieldset.organisation').evaluate((el) => el.scrollIntoView());
    await screenshot(home, 'rotation-create-phone');
    expect(await axeViolations(home)).toEqual([]);
    await home.getByRole('button', { name: 'Créer la séance' }).click();
    await home.getByRole('heading', { name: /Concertation de suivi — territoire SUD.* créée/ }).waitFor();
    await home.getByRole('heading', { name: 'Liens des groupes\u00a0: un lien par groupe, pour toute la séance' }).waitFor();
    await home.getByRole('heading', { name: 'Liens des hôtes de table\u00a0: un par axe' }).waitFor();
    expect(await home.locator('.link-item .link-name').allTextContents()).toEqual(['Les bleus', 'Les verts', 'Les rouges', ...AXES, 'Lien de projection']);
    expect(await axeViolations(home)).toEqual([]);
    await home.getByRole('heading', { name: /Liens des groupes/ }).evaluate((el) => el.scrollIntoView());
    await screenshot(home, 'rotation-links-phone');
  });

  it('locks and sharing: a locked axis is read-only for the group there, its next axis is not; the group shares its axis\'s key idea', async () => {
    const session = await createSession(server, { title: 'Suivi — verrous', rotation: { axes: ['Axe 1 – Publics', 'Axe 2 – Aidants'] } });
    const call = (path: string, body: unknown) => fetch(`${server.url}/api/sessions/${session.id}/${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.facilitatorToken}` }, body: JSON.stringify(body),
    });
    expect((await call('rotation', { action: 'start' })).status).toBe(200);
    const a = await openAs(browser, new URL(session.links.rotationGroups![0]!.url, server.url).toString(), 'Aïcha');
    contexts.push(a.context);
    await writeOnDesktop(a.page, 'Un guichet unique');
    await note(a.page, 'Un guichet unique').getByRole('button', { name: 'Options de la note' }).click();
    await a.page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await a.page.getByRole('button', { name: 'Partager en plénière' }).click();
    await a.page.getByText('1 idée clé partagée en plénière.').waitFor();

    expect((await call('lock', { groups: [session.groups[0]!.id], locked: true })).status).toBe(200);
    await a.page.getByText('L’animation a verrouillé ce groupe\u00a0: vous pouvez lire les notes, pas les modifier.').waitFor();
    expect(await a.page.getByRole('button', { name: 'Ajouter une note' }).count()).toBe(0);
    expect((await call('rotation', { action: 'start' })).status).toBe(200);
    await expect.poll(() => a.page.title()).toMatch(/^Axe 2 – Aidants/);
    await writeOnDesktop(a.page, 'Former les agents d’accueil');
    expect(await a.page.getByText('L’animation a verrouillé ce groupe', { exact: false }).count()).toBe(0);
  });
});
