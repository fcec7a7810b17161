import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { axeViolations, createSession, mouseDrag, pickUpWithKeyboard, screenshot, skipBrowserTests, touchDrag, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openFacilitatorPlenary, openPage, openProjection, plenaryUrl, projectedTitle, shareKeyIdeas } from './plenaryKit.js';

const IDEA_1 = 'Proposer un accès qui ne soit pas uniquement numérique';
const IDEA_2 = 'Travailler en transversalité avec les partenaires';
const IDEA_3 = 'Simplifier la multiplicité des comptes';
const IDEA_4 = 'Prêter du matériel aux personnes qui en manquent';

/** The groups column of the facilitator's page, and a theme card by its title. */
const groupsColumn = (page: Page) => page.locator('.plenary-groups');
const themeCard = (page: Page, title: string) => page.locator('.theme-card').filter({ has: page.locator(`h3:text-is("${title}")`) });

/** The focused element's text, spaces made plain (French typography uses no-break spaces). */
async function focusedText(page: Page): Promise<string> {
  return (await page.evaluate(() => document.activeElement?.textContent ?? '')).replace(/\s+/g, ' ');
}

async function fontSizePx(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

describe.skipIf(skipBrowserTests())('plenary and projection', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('shows a group’s push on the projection within a second, big enough for the back of the room', async () => {
    const session = await createSession(server, { title: 'Consultation inclusion numérique' });
    const projection = await openProjection(browser, server, session);
    await projection.getByText('Les idées clés des groupes apparaîtront ici dès leur partage.').waitFor();

    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_2]);
    const shared = Date.now();
    await projection.getByText(IDEA_1).waitFor({ timeout: 1000 });
    expect(Date.now() - shared).toBeLessThan(1000);
    await shareKeyIdeas(server, session, 1, [IDEA_3, IDEA_4]);
    await projection.getByText(IDEA_4).waitFor({ timeout: 1000 });
    expect(await fontSizePx(projection, '.projection-idea')).toBeGreaterThanOrEqual(32);
    await screenshot(projection, 'projection-all-1080p');

    // One group at a time with the arrows: larger still.
    await projection.keyboard.press('ArrowRight');
    await expect.poll(() => projectedTitle(projection).textContent()).toBe('Groupe 1');
    expect(await fontSizePx(projection, '.projection-idea')).toBeGreaterThanOrEqual(40);
    await screenshot(projection, 'projection-group-1080p');
    await projection.keyboard.press('ArrowLeft');
    await expect.poll(() => projectedTitle(projection).textContent()).toBe('Idées clés des groupes');

    // The facilitator's timer shows in the bar while it runs.
    expect((await api(server, `/api/sessions/${session.id}/timer`, session.facilitatorToken, { action: 'start', seconds: 300 })).status).toBe(200);
    await projection.getByRole('timer').getByText(/^0?[45]:\d\d$/).waitFor({ timeout: 2000 });
    await screenshot(projection, 'projection-timer-1080p');

    // The plenary page of a participant shows the same, with provenance and time.
    const participant = await openPage(browser, plenaryUrl(server, session, session.groups[2]!.token));
    await participant.getByRole('heading', { name: 'Groupe 2' }).waitFor();
    await participant.getByText(/^Partagé à \d+\u00a0h\u00a0\d\d$/).first().waitFor();
    expect(await participant.getByLabel('Titre du nouveau thème').count()).toBe(0);
    expect(await participant.getByRole('button', { name: /Options de l’idée/ }).count()).toBe(0);
    await shareKeyIdeas(server, session, 3, ['Former les aidants numériques']);
    await participant.getByText('Former les aidants numériques').waitFor({ timeout: 1000 });
    await projection.context().close();
    await participant.context().close();
  });

  it('fits ten groups’ key ideas on one 1080p screen, never below 32 px', async () => {
    const session = await createSession(server, { title: 'Webinaire de lancement' });
    const ideas = [
      'Proposer un accès qui ne soit pas uniquement numérique et travailler en transversalité',
      'Autonomie des usagers : accompagner sans faire à la place',
      'Multiplicité des comptes et des mots de passe',
      'Accès à du matériel : beaucoup ont un matériel obsolète',
      'Former les aidants et les travailleurs sociaux',
      'Des lieux de médiation ouverts le soir et le samedi',
      'Rassurer : peur de mal faire et de perdre ses droits',
      'Penser aux personnes en situation de handicap',
      'Une connexion de qualité dans les zones rurales',
      'Un annuaire des lieux d’aide numérique du territoire',
    ];
    for (let i = 0; i < 10; i++) await shareKeyIdeas(server, session, i, [ideas[i]!, ideas[(i + 3) % 10]!]);
    const projection = await openProjection(browser, server, session);
    await projection.locator('.projection-card').nth(9).waitFor();
    expect(await fontSizePx(projection, '.projection-idea')).toBeGreaterThanOrEqual(32);
    const overflow = await projection.locator('.projection-stage').evaluate((el) => el.scrollHeight - el.clientHeight);
    await screenshot(projection, 'projection-ten-groups-1080p');
    expect(overflow).toBeLessThanOrEqual(0);
    await projection.context().close();
  }, 60_000);

  it('lets the facilitator consolidate two groups’ ideas into a theme by mouse, keyboard and menu; the projection follows', async () => {
    const session = await createSession(server, { title: 'Ateliers territoriaux' });
    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_2]);
    await shareKeyIdeas(server, session, 1, [IDEA_3, IDEA_4]);
    const page = await openFacilitatorPlenary(browser, server, session);
    const projection = await openProjection(browser, server, session);

    await page.getByLabel('Titre du nouveau thème').fill('Accès aux droits');
    await page.getByRole('button', { name: 'Créer le thème' }).click();
    await page.getByLabel('Titre du nouveau thème').fill('Outils et comptes');
    await page.getByRole('button', { name: 'Créer le thème' }).click();
    await themeCard(page, 'Outils et comptes').waitFor();

    // By mouse: Groupe 1's idea dragged onto the theme.
    const handle = groupsColumn(page).getByRole('button', { name: `Déplacer l’idée « ${IDEA_1} »` });
    const from = await handle.boundingBox();
    const to = await themeCard(page, 'Accès aux droits').boundingBox();
    if (from === null || to === null) throw new Error('not visible');
    await mouseDrag(page, { x: from.x + from.width / 2, y: from.y + from.height / 2 }, { x: to.x + to.width / 2, y: to.y + 30 });
    await themeCard(page, 'Accès aux droits').getByText(IDEA_1).waitFor();

    // By the menu: Groupe 2's idea into the same theme, with the keyboard only. First let the
    // mouse drop settle: dnd-kit gives the focus back to the dropped idea a moment after a drop,
    // which would otherwise land in the middle of the keyboard path below.
    await page.waitForFunction(() => document.activeElement?.closest('.theme-card') !== null, undefined, { timeout: 2000 }).catch(() => undefined);
    await groupsColumn(page).getByRole('button', { name: `Options de l’idée « ${IDEA_3} »` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page)).toBe('Ajouter au thème…');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page)).toBe('Thème « Accès aux droits »');
    await page.keyboard.press('Enter');
    await themeCard(page, 'Accès aux droits').getByText(IDEA_3).waitFor();
    await page.locator('[aria-live="polite"]').getByText('Idée ajoutée au thème « Accès aux droits ».').waitFor();

    // By keyboard drag: Groupe 2's other idea, Space to pick up, arrows to the theme, Space to drop.
    await groupsColumn(page).getByRole('button', { name: `Déplacer l’idée « ${IDEA_4} »` }).focus();
    await pickUpWithKeyboard(page);
    await page.getByText(`Idée « ${IDEA_4} » saisie.`, { exact: false }).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowDown');
    await page.getByText('Au-dessus du thème « Accès aux droits »', { exact: false }).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowDown');
    await page.getByText(`Au-dessus de l’idée « ${IDEA_1} »`, { exact: false }).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    const ideasOfTheme = () => themeCard(page, 'Accès aux droits').locator('.idea-text').allTextContents();
    await expect.poll(ideasOfTheme).toEqual([IDEA_4, IDEA_1, IDEA_3]);

    // Synthesis and highlight; the projection shows the theme when the facilitator projects it.
    await themeCard(page, 'Accès aux droits').getByLabel('Synthèse du thème').fill('Garder un accès humain et travailler ensemble.');
    await groupsColumn(page).getByRole('button', { name: `Options de l’idée « ${IDEA_1} »` }).click();
    await page.getByRole('button', { name: 'Mettre en avant' }).click();
    await groupsColumn(page).getByRole('button', { name: `Options de l’idée « ${IDEA_2} »` }).click();
    await page.getByRole('button', { name: 'Masquer de la projection' }).click();
    await themeCard(page, 'Accès aux droits').getByRole('button', { name: 'Projeter ce thème' }).click();
    await expect.poll(() => projectedTitle(projection).textContent(), { timeout: 2000 }).toBe('Accès aux droits');
    await projection.getByText('Garder un accès humain et travailler ensemble.').waitFor();
    await projection.locator('.projection-idea--highlighted').getByText(IDEA_1).waitFor();
    await screenshot(projection, 'projection-theme-1080p');
    await screenshot(page, 'plenary-facilitator');

    // Projectors follow the focus; the arrows step locally until the next focus.
    await page.locator('.group-block').filter({ hasText: 'Groupe 2' }).getByRole('button', { name: 'Projeter ce groupe' }).click();
    await expect.poll(() => projectedTitle(projection).textContent(), { timeout: 2000 }).toBe('Groupe 2');
    await projection.keyboard.press('ArrowRight');
    await expect.poll(() => projectedTitle(projection).textContent()).toBe('Thèmes');
    await projection.getByRole('button', { name: 'Revenir à la vue de l’animation' }).waitFor();
    await page.getByRole('button', { name: 'Projeter tout' }).click();
    await expect.poll(() => projectedTitle(projection).textContent(), { timeout: 2000 }).toBe('Idées clés des groupes');
    // A hidden idea is not projected.
    await projection.getByText(IDEA_1).waitFor();
    expect(await projection.getByText(IDEA_2).count()).toBe(0);

    // Reorder themes, take an idea out: the document follows.
    await page.getByRole('button', { name: 'Descendre le thème « Accès aux droits »' }).click();
    await expect.poll(() => page.locator('.theme-card h3').allTextContents()).toEqual(['Outils et comptes', 'Accès aux droits']);
    await expect.poll(() => page.getByLabel('Titre du thème 2').inputValue()).toBe('Accès aux droits');
    await themeCard(page, 'Accès aux droits').getByRole('button', { name: `Options de l’idée « ${IDEA_3} »` }).click();
    await page.getByRole('button', { name: 'Retirer du thème « Accès aux droits »' }).click();
    await expect.poll(ideasOfTheme).toEqual([IDEA_4, IDEA_1]);
    await expect.poll(async () => {
      const { body } = await fetch(`${server.url}/api/sessions/${session.id}/plenary`, { headers: { Authorization: `Bearer ${session.facilitatorToken}` } })
        .then(async (r) => ({ body: (await r.json()) as { themes: { label: string; ideaIds: string[]; synthesis: string }[] } }));
      return body.themes.map((theme) => [theme.label, theme.ideaIds.length, theme.synthesis]);
    }).toEqual([['Outils et comptes', 0, ''], ['Accès aux droits', 2, 'Garder un accès humain et travailler ensemble.']]);
    await page.context().close();
    await projection.context().close();
  }, 90_000);

  it('lets the facilitator drag an idea into a theme on a touch screen (long press)', async () => {
    const session = await createSession(server, { title: 'Séance sur tablette' });
    await shareKeyIdeas(server, session, 0, [IDEA_1]);
    const page = await openPage(browser, plenaryUrl(server, session, session.facilitatorToken), {
      viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true,
    });
    await page.getByLabel('Titre du nouveau thème').fill('Accès aux droits');
    await page.getByRole('button', { name: 'Créer le thème' }).tap();
    const handle = await groupsColumn(page).getByRole('button', { name: `Déplacer l’idée « ${IDEA_1} »` }).boundingBox();
    const theme = await themeCard(page, 'Accès aux droits').boundingBox();
    if (handle === null || theme === null) throw new Error('not visible');
    await touchDrag(page, { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 }, { x: theme.x + theme.width / 2, y: theme.y + 40 });
    await themeCard(page, 'Accès aux droits').getByText(IDEA_1).waitFor();
    await page.context().close();
  });

  it('has no serious or critical accessibility violation on the plenary and the projection', async () => {
    const found: string[] = [];
    const check = async (page: Page, name: string) => {
      await screenshot(page, `a11y-${name}`);
      found.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
    };
    const session = await createSession(server, { title: 'Séance accessibilité' });
    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_2]);
    await shareKeyIdeas(server, session, 1, [IDEA_3]);
    const page = await openFacilitatorPlenary(browser, server, session);
    await page.getByLabel('Titre du nouveau thème').fill('Accès aux droits');
    await page.getByRole('button', { name: 'Créer le thème' }).click();
    await groupsColumn(page).getByRole('button', { name: `Options de l’idée « ${IDEA_1} »` }).click();
    await page.getByRole('button', { name: 'Ajouter au thème…' }).click();
    await check(page, 'plenary-menu');
    await page.locator('.popover').getByRole('button', { name: 'Thème « Accès aux droits »' }).click();
    await check(page, 'plenary-facilitator');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Plenary' }).waitFor();
    await check(page, 'plenary-facilitator-en');

    const participant = await openPage(browser, plenaryUrl(server, session, session.groups[0]!.token));
    await participant.getByText(IDEA_3).waitFor();
    await check(participant, 'plenary-participant');
    const projection = await openProjection(browser, server, session);
    await projection.getByText(IDEA_3).waitFor();
    await check(projection, 'projection');
    await projection.keyboard.press('End');
    await projection.goto(`${server.url}/s/${session.id}/projection#token=not-a-token`);
    await projection.getByRole('alert').waitFor();
    await projection.getByRole('heading', { name: 'Projection' }).waitFor();
    await check(projection, 'projection-bad-link');
    await page.context().close();
    await participant.context().close();
    await projection.context().close();
    expect(found).toEqual([]);
  }, 90_000);
});
