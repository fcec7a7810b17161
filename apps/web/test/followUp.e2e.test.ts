/**
 * Issue 11, « Done when », in Chromium: three earlier sessions (NORD, SUD, OUEST: plenary themes
 * and closed votes through the API), a démarche consolidating them into two axes; from the
 * programme page the facilitator starts the follow-up concertation by theme, on « Enjeux –
 * Objectifs – Actions » boards. One round with two groups, A on a desktop and B on a 360 × 640
 * phone: each board shows its axis's carried-over content in the read-only zone, both groups
 * write in zones, mark a priority action and fill its action sheet. axe clean throughout.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CreateSessionResponse, ProgrammeDescription, SessionDescription } from '@concerto/contract';

import { FIRST_ROUND, OUEST_FIRST_ROUND, runEarlierSession } from '../../server/test/programmeFixture.js';
import { addNote, axeViolations, center, mouseDrag, note, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, createProgramme } from './plenaryKit.js';

const AXE_1 = 'Axe 1 – Équiper et accompagner les publics';
const AXE_2 = 'Axe 2 – Former et outiller les aidants';
const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const NNBSP = '\u202f';
const quoted = (text: string) => `«${NNBSP}${text}${NNBSP}»`;
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function sheet(page: Page) {
  return page.getByRole('dialog', { name: /Fiche action/ });
}

/** The note's options, then one of its menu's buttons (by click or tap alike). */
async function noteMenu(page: Page, item: ReturnType<Page['locator']>, action: string): Promise<void> {
  // The view may still be panning to the note (a refused drop, « Déplacer vers », a zone fit):
  // a click that lands while it moves opens nothing, so open the menu until its button shows.
  await vi.waitFor(
    async () => {
      if (!(await page.getByRole('button', { name: action }).isVisible())) await item.getByRole('button', { name: 'Options de la note' }).click();
      await page.getByRole('button', { name: action }).waitFor({ timeout: 2_000 });
    },
    { timeout: 15_000, interval: 100 },
  );
  await page.getByRole('button', { name: action }).click();
}

describe.skipIf(skipBrowserTests())('the follow-up concertation, end to end', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('three earlier sessions, a démarche, a carry-over by theme on zoned boards, a round in zones, a priority action and its sheet', async () => {
    const earlier: ({ spec: typeof OUEST_FIRST_ROUND } & Awaited<ReturnType<typeof runEarlierSession>>)[] = [];
    for (const spec of [FIRST_ROUND[0]!, FIRST_ROUND[1]!, OUEST_FIRST_ROUND]) earlier.push({ spec, ...(await runEarlierSession(server, spec)) });

    // The démarche, its three sessions and the two axes they consolidate into (as the
    // programme page stores them: merges with the follow-up's wording).
    const programme = await createProgramme(server, 'Feuille de route inclusion numérique');
    const path = `/api/programmes/${programme.id}`;
    for (const { spec, session } of earlier) {
      const attached = await api(server, `${path}/sessions`, programme.facilitatorToken, { sessionId: session.id, sessionToken: session.facilitatorToken, territory: spec.territory });
      expect(attached.status).toBe(200);
    }
    const ref = (territory: number, theme: number) => {
      const { spec, session, themeIds } = earlier[territory]!;
      return `${session.id}/${themeIds.get(spec.themes[theme]!.label)!}`;
    };
    const merges = [
      { id: 'axe-1', title: AXE_1, members: [ref(0, 0), ref(1, 0), ref(2, 0)] },
      { id: 'axe-2', title: AXE_2, members: [ref(0, 1), ref(1, 1), ref(2, 1)] },
    ];
    const merged = await fetch(`${server.url}${path}/merges`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${programme.facilitatorToken}` },
      body: JSON.stringify({ revision: 0, merges }),
    });
    expect(merged.status).toBe(200);
    const consolidated = ((await merged.json()) as ProgrammeDescription).consolidated;
    expect(consolidated.slice(0, 2).map((c) => [c.title, c.votes])).toEqual([[AXE_1, 13], [AXE_2, 8]]);

    // From the programme page: « Démarrer une nouvelle séance » by theme, on the default board.
    const facilitator = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1000 } });
    contexts.push(facilitator);
    facilitator.setDefaultTimeout(8000);
    const page = await facilitator.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(new URL(programme.link, server.url).toString());
    for (const axis of [AXE_1, AXE_2]) await page.getByLabel(`Reprendre « ${axis} » dans la nouvelle séance`).check();
    await page.getByLabel('Titre de la séance').fill('Concertation de suivi – inclusion numérique');
    await page.getByLabel('Territoire', { exact: true }).fill('NORD');
    await page.getByLabel(/^Par thème/).check();
    await page.getByLabel('Groupes qui tournent (un par ligne)').fill('Groupe A\nGroupe B');
    expect(await page.getByRole('radio', { name: 'Enjeux – Objectifs – Actions' }).isChecked()).toBe(true);
    await page.locator('.next-session').scrollIntoViewIfNeeded();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'followup-programme-form');
    const answered = page.waitForResponse((r) => r.url().endsWith('/carry-over'));
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    const response = await answered;
    expect(response.status()).toBe(201);
    const next = (await response.json()) as CreateSessionResponse;
    expect(next.groups.map((g) => g.name)).toEqual([AXE_1, AXE_2]);
    expect(next.links.rotationGroups?.map((g) => g.name)).toEqual(['Groupe A', 'Groupe B']);
    const described = await api<SessionDescription>(server, `/api/sessions/${next.id}`, next.facilitatorToken);
    expect(described.body.template).toEqual({ kind: 'enjeux-objectifs-actions' });

    // The new session's console: the carried-over axes, then the first round started.
    await page.getByRole('link', { name: 'Ouvrir la console de la séance' }).click();
    const overview = page.locator('.carried-over');
    await overview.getByRole('heading', { name: 'Ce qui a été identifié en concertation précédente' }).waitFor();
    expect((await overview.locator('.carried-over-votes').allTextContents()).map(plain)).toEqual(['13 votes : NORD 5, SUD 4, OUEST 4', '8 votes : NORD 3, SUD 3, OUEST 2']);
    await page.getByRole('button', { name: 'Commencer le tour 1' }).click();
    await page.getByRole('button', { name: 'Terminer le tour 1' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'followup-console');
    const url = (link: string) => new URL(link, server.url).toString();
    const a = await openAs(browser, url(next.links.rotationGroups![0]!.url), 'Aïcha');
    const b = await openAs(browser, url(next.links.rotationGroups![1]!.url), 'Bruno', PHONE);
    contexts.push(a.context, b.context);
    await a.page.getByText(`Tour 1 sur 2\u00a0: Groupe A travaille sur cet axe.`).waitFor();
    await b.page.getByText(`Tour 1 sur 2\u00a0: Groupe B travaille sur cet axe.`).waitFor();

    // Desktop: the carried-over axis inside the read-only zone's frame, attributed, nothing to edit;
    // not in the side panel, nor folded at the top.
    const frame = a.page.locator('.zone-frame[data-zone="precedent"]');
    const carried = frame.locator('.carried-over--zone');
    await carried.getByText(AXE_1, { exact: true }).waitFor();
    expect(plain(await carried.locator('.carried-over-votes').textContent())).toBe('13 votes : NORD 5, SUD 4, OUEST 4');
    expect(plain(await carried.locator('.carried-over-from').textContent())).toBe(
      'D’après : « Accompagner les publics éloignés du numérique » (NORD, 5 votes) ; « Équiper les publics (matériel, connexion) » (SUD, 4 votes) ; « Aider aux démarches en ligne » (OUEST, 4 votes)',
    );
    // said once, by the zone
    expect(plain(await frame.locator('.zone-note').textContent())).toBe('Repris de la concertation précédente, non modifiable');
    expect(await carried.locator('.hint').count()).toBe(0);
    expect(await frame.locator('button, input, textarea, [contenteditable="true"]').count()).toBe(0);
    expect(await a.page.locator('#key-ideas-panel .carried-over').count()).toBe(0);
    expect(await a.page.locator('.carried-over-phone').count()).toBe(0);
    // Distinctly styled: the violet dashed frame of carried-over content.
    expect(await carried.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
    const frameBox = (await frame.boundingBox())!;
    const carriedBox = (await carried.boundingBox())!;
    expect(carriedBox.x).toBeGreaterThanOrEqual(frameBox.x);
    expect(carriedBox.x + carriedBox.width).toBeLessThanOrEqual(frameBox.x + frameBox.width + 1);
    // On arrival the view takes it in: what was identified before is the first thing seen.
    expect(frameBox.x).toBeGreaterThanOrEqual(0);
    expect(await axeViolations(a.page)).toEqual([]);
    await screenshot(a.page, 'followup-desktop-arrival');

    // Phone: the read-only zone is the first section, with the axis of that board.
    const sections = b.page.locator('.zone-section');
    await sections.first().locator('.carried-over--zone').getByText(AXE_2, { exact: true }).waitFor();
    expect(plain(await sections.first().locator('.carried-over-votes').textContent())).toBe('8 votes : NORD 3, SUD 3, OUEST 2');
    expect(await sections.first().locator('button, input, textarea').count()).toBe(0);
    expect(await b.page.locator('.carried-over-phone').count()).toBe(0);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(b.page)).toEqual([]);
    await screenshot(b.page, 'followup-phone-carried-over');

    // Group A writes a stake and a priority action, and marks both as key ideas: only the
    // priority action takes a sheet.
    await a.page.getByRole('button', { name: 'Tout afficher' }).click();
    // Straight into « Enjeux », from the zone's own button.
    await a.page.getByRole('button', { name: `Écrire une note dans ${quoted('Enjeux')}` }).click();
    await a.page.keyboard.type('Les publics renoncent faute de matériel');
    await a.page.keyboard.press('Escape');
    await expect.poll(async () => plain(await note(a.page, 'Les publics renoncent faute de matériel').locator('.note-meta').textContent())).toContain('Zone « Enjeux »');
    // A drop on the read-only zone is refused, and said (board R33); the note stays in « Enjeux ».
    const carriedFrame = (await frame.boundingBox())!;
    await mouseDrag(a.page, await center(note(a.page, 'Les publics renoncent faute de matériel').locator('.note-text')), { x: carriedFrame.x + carriedFrame.width / 2, y: carriedFrame.y + carriedFrame.height * 0.8 });
    await expect.poll(() => a.page.locator('.canvas-page > .sr-only[aria-live="polite"]').textContent()).toContain('Cette zone n’est pas modifiable');
    expect(plain(await note(a.page, 'Les publics renoncent faute de matériel').locator('.note-meta').textContent())).toContain('Zone « Enjeux »');
    await noteMenu(a.page, note(a.page, 'Les publics renoncent faute de matériel'), 'Marquer comme idée clé');
    await expect.poll(() => note(a.page, 'Les publics renoncent faute de matériel').locator('.note-key').count()).toBe(1);
    await addNote(a.page, 'Prêter des ordinateurs reconditionnés');

    await noteMenu(a.page, note(a.page, 'Prêter des ordinateurs reconditionnés'), 'Déplacer vers…');
    await a.page.getByRole('button', { name: `Zone ${quoted('Actions prioritaires')}`, exact: true }).click();
    await expect.poll(async () => plain(await note(a.page, 'Prêter des ordinateurs reconditionnés').locator('.note-meta').textContent())).toContain('Zone « Actions prioritaires »');
    // Marked where each is: the view followed the priority action to its zone.
    await noteMenu(a.page, note(a.page, 'Prêter des ordinateurs reconditionnés'), 'Marquer comme idée clé');
    await expect.poll(() => note(a.page, 'Prêter des ordinateurs reconditionnés').locator('.note-key').count()).toBe(1);
    const panel = a.page.locator('#key-ideas-panel');
    const ideas = panel.locator('.key-idea-list > li');
    await expect.poll(() => ideas.count()).toBe(2);
    const priority = ideas.filter({ hasText: /Zone\W+Actions prioritaires/ });
    const stake = ideas.filter({ hasText: /Zone\W+Enjeux/ });
    expect(await stake.getByRole('button', { name: /fiche action/ }).count()).toBe(0);
    await priority.getByRole('button', { name: /^Créer la fiche action/ }).click();
    await sheet(a.page).getByText('Prêter des ordinateurs reconditionnés').first().waitFor();
    const description = sheet(a.page).getByRole('textbox', { name: 'Description de l’action et étapes de mise en œuvre' });
    await description.click();
    await description.pressSequentially('Collecter le matériel des entreprises, le reconditionner, le prêter trois mois.');
    expect(await axeViolations(a.page)).toEqual([]);
    await screenshot(a.page, 'followup-desktop-sheet');
    await a.page.keyboard.press('Escape');

    // Group B, on the phone: a stake and a priority action written in their sections; the
    // priority action marked opens its sheet from its section, one tap away.
    await b.page.getByRole('button', { name: `Écrire une note dans ${quoted('Enjeux')}` }).click();
    await b.page.getByRole('textbox', { name: 'Texte de la note' }).fill('Les aidants se sentent seuls');
    await b.page.getByRole('button', { name: 'Ajouter la note' }).click();
    const zoneSection = (title: string) => sections.filter({ has: b.page.getByRole('heading', { name: title, exact: true }) });
    await zoneSection('Enjeux').getByText('Les aidants se sentent seuls').waitFor();
    await b.page.getByRole('button', { name: `Écrire une note dans ${quoted('Actions prioritaires')}` }).click();
    await b.page.getByRole('textbox', { name: 'Texte de la note' }).fill('Un réseau d’aidants par canton');
    await b.page.getByRole('button', { name: 'Ajouter la note' }).click();
    const action = zoneSection('Actions prioritaires').locator('.zone-note-item', { hasText: 'Un réseau d’aidants par canton' });
    await action.waitFor();
    expect(await zoneSection('Enjeux').getByRole('button', { name: 'Ouvrir la fiche action' }).count()).toBe(0);
    await noteMenu(b.page, action, 'Marquer comme idée clé');
    await action.getByRole('button', { name: 'Ouvrir la fiche action' }).click();
    await sheet(b.page).getByText('Un réseau d’aidants par canton').first().waitFor();
    const stakes = sheet(b.page).getByRole('textbox', { name: 'Synthèse des enjeux' });
    await stakes.click();
    await stakes.pressSequentially('Les aidants bénévoles s’épuisent sans relais.');
    const partners = sheet(b.page).getByRole('textbox', { name: 'Partenaires et acteurs concernés' });
    await partners.click();
    await partners.pressSequentially('France Services\nCentres sociaux');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(b.page)).toEqual([]);
    await screenshot(b.page, 'followup-phone-sheet');

    // Everything reached the server: the session's archive holds both boards' notes in their
    // zones and both sheets with what was typed.
    await expect.poll(async () => {
      const archive = await api<unknown>(server, `/api/sessions/${next.id}/export.json`, next.facilitatorToken);
      const text = JSON.stringify(archive.body);
      return ['Collecter le matériel des entreprises, le reconditionner, le prêter trois mois.', 'Les aidants bénévoles s’épuisent sans relais.', 'France Services\\nCentres sociaux', 'Les publics renoncent faute de matériel']
        .filter((expected) => !text.includes(expected));
    }, { timeout: 8000 }).toEqual([]);
    const markdown = await (await fetch(`${server.url}/api/sessions/${next.id}/export.md`, { headers: { Authorization: `Bearer ${next.facilitatorToken}` } })).text();
    expect(markdown).toContain('Un réseau d’aidants par canton');
  }, 180_000);
});
