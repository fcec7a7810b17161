import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { addNote, axeViolations, canvas, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, createProgramme, openFacilitatorPlenary, plenaryUrl, projectionUrl, shareKeyIdeas } from './plenaryKit.js';

/** Scans the page with axe-core (WCAG 2.1 A and AA rules), saves a screenshot, and returns the serious or critical findings. */
async function check(page: Page, name: string): Promise<string[]> {
  await screenshot(page, `a11y-${name}`);
  return (await axeViolations(page)).map((v) => `${name}: ${v}`);
}

describe.skipIf(skipBrowserTests())('accessibility of every view (axe-core)', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('has no serious or critical violation, on a computer and on a phone, in French and English', async () => {
    const found: string[] = [];
    const session = await createSession(server, {
      title: 'Consultation inclusion numérique',
      questions: ['Qu’est-ce qui vous semble le plus important ?', 'Pour agir sur mon territoire, il est crucial de pouvoir…'],
    });
    const link = groupLink(server, session);

    // Home, and the placeholders.
    const plain = await browser.newContext({ locale: 'fr-FR' });
    plain.setDefaultTimeout(5000);
    const home = await plain.newPage();
    await home.goto(server.url);
    await home.getByRole('heading', { name: 'Créer une séance' }).waitFor();
    found.push(...await check(home, 'home'));
    await home.goto(`${server.url}/s/${session.id}/plenary`);
    await home.getByRole('heading', { name: 'Plénière' }).waitFor();
    found.push(...await check(home, 'plenary-soon'));
    await home.goto(`${server.url}/s/${session.id}/groupe-1#token=bad`);
    await home.getByRole('alert').waitFor();
    found.push(...await check(home, 'invalid-link'));

    // Joining: the name is asked once.
    await home.goto(link);
    await home.getByLabel('Votre prénom').waitFor();
    found.push(...await check(home, 'join'));
    await home.getByLabel('Votre prénom').fill('Marie');
    await home.getByRole('button', { name: 'Entrer dans le groupe' }).click();
    await canvas(home).waitFor();
    await plain.close();

    // The canvas with notes, a cluster, a key idea, an open menu.
    const { context, page } = await openAs(browser, link, 'Marie');
    for (const text of ['Autonomie des usagers', 'Multiplicité des comptes', 'Matériel obsolète']) await addNote(page, text);
    await note(page, 'Matériel obsolète').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Déplacer vers…' }).click();
    await page.getByRole('button', { name: 'Un nouveau regroupement' }).click();
    await note(page, 'Autonomie').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    found.push(...await check(page, 'canvas'));
    await note(page, 'Multiplicité').getByRole('button', { name: 'Options de la note' }).click();
    found.push(...await check(page, 'note-menu'));
    await page.keyboard.press('Escape');
    await note(page, 'Multiplicité').locator('.note-text').click();
    found.push(...await check(page, 'editing'));
    await page.keyboard.press('Escape');

    // English.
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('button', { name: 'Add a note' }).waitFor();
    found.push(...await check(page, 'canvas-en'));
    await page.getByRole('button', { name: /Français/ }).click();
    await page.getByRole('button', { name: 'Ajouter une note' }).waitFor();
    await context.close();

    // A phone, with the key ideas sheet and the note form.
    const phone = await openAs(browser, link, 'Léa', { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
    found.push(...await check(phone.page, 'phone'));
    await phone.page.getByRole('button', { name: /Idées clés/ }).tap();
    found.push(...await check(phone.page, 'phone-key-ideas'));
    await phone.page.getByRole('button', { name: 'Fermer' }).tap();
    await phone.page.getByRole('button', { name: 'Écrire une note' }).tap();
    await phone.page.getByLabel('Texte de la note').fill('Depuis mon téléphone');
    found.push(...await check(phone.page, 'phone-form'));
    await phone.context.close();

    // Read only: a projector's token on a group canvas.
    const projector = `${server.url}/s/${session.id}/groupe-1#token=${session.projectorToken}`;
    const view = await openAs(browser, projector, '');
    await view.page.getByText('Vue de projection\u00a0: lecture seule.').waitFor();
    expect(await view.page.getByRole('button', { name: 'Ajouter une note' }).count()).toBe(0);
    expect(await view.page.getByRole('button', { name: 'Options de la note' }).count()).toBe(0);
    await note(view.page, 'Autonomie').waitFor();
    found.push(...await check(view.page, 'projector'));

    // 200 % zoom: the phone layout, still usable.
    await view.context.close();
    const zoomed = await openAs(browser, link, 'Marie', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    found.push(...await check(zoomed.page, 'zoom-200'));
    await zoomed.context.close();

    expect(found).toEqual([]);
  }, 90_000);

  it('every page of a live session, a vote open, at desktop and phone sizes (issue 12)', async () => {
    const found: string[] = [];
    const session = await createSession(server, { title: 'Toutes les pages de la séance' });
    await shareKeyIdeas(server, session, 0, ['Un accueil sans rendez-vous', 'Former les aidants']);
    await shareKeyIdeas(server, session, 1, ['Un seul compte pour tout']);
    const themes = await openFacilitatorPlenary(browser, server, session);
    await themes.getByLabel('Titre du nouveau thème').fill('Accès aux droits');
    await themes.getByRole('button', { name: 'Créer le thème' }).click();
    await themes.locator('.theme-card').first().waitFor();
    await themes.context().close();
    const opened = await api(server, `/api/sessions/${session.id}/vote`, session.facilitatorToken, { action: 'open', votesPerParticipant: 2, target: 'ideas', question: 'Par quoi commencer ?' });
    expect(opened.status).toBe(200);
    const programme = await createProgramme(server, 'Démarche inclusion numérique');
    const attached = await api(server, `/api/programmes/${programme.id}/sessions`, programme.facilitatorToken, { sessionId: session.id, sessionToken: session.facilitatorToken, territory: 'NORD' });
    expect(attached.status).toBe(200);

    const views: [name: string, url: string, ready: (page: Page) => Promise<void>][] = [
      ['home', server.url, (page) => page.getByRole('heading', { name: 'Créer une séance' }).waitFor()],
      ['console', new URL(session.links.facilitator, server.url).toString(), (page) => page.getByRole('heading', { name: session.title }).waitFor()],
      ['plenary-facilitator', plenaryUrl(server, session, session.facilitatorToken), (page) => page.getByText('Un seul compte pour tout').first().waitFor()],
      ['plenary-participant', plenaryUrl(server, session, session.groups[2]!.token), (page) => page.getByRole('button', { name: /^Voter pour/ }).first().waitFor()],
      ['projection', projectionUrl(server, session), (page) => page.locator('.projection-stage').waitFor()],
      ['demarche', programme.link, (page) => page.getByRole('heading', { level: 1, name: /Démarche inclusion numérique/ }).waitFor()],
    ];
    const sizes = [
      { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
      { name: 'phone', options: { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } },
    ];
    for (const size of sizes) {
      const context = await browser.newContext({ locale: 'fr-FR', ...size.options });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      for (const [name, url, ready] of views) {
        await page.goto(url);
        await ready(page);
        await page.waitForTimeout(300);
        found.push(...await check(page, `${name}-${size.name}`));
      }
      await context.close();
    }
    expect(found).toEqual([]);
  }, 120_000);
});
