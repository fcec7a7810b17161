import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { axeViolations, createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openFacilitatorPlenary, openPage, openProjection, plenaryUrl, projectedTitle, shareKeyIdeas } from './plenaryKit.js';

const IDEAS = [
  'Proposer un accès qui ne soit pas uniquement numérique',
  'Travailler en transversalité avec les partenaires',
  'Simplifier la multiplicité des comptes',
  'Prêter du matériel aux personnes qui en manquent',
] as const;
const [IDEA_1, IDEA_2, IDEA_3, IDEA_4] = IDEAS;

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Text with French no-break spaces made plain, for comparing what a person reads. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const remaining = (page: Page) => page.locator('.vote-remaining');
const card = (page: Page, text: string) => page.locator('.plenary-groups .idea-card').filter({ hasText: text });
const voteFor = (page: Page, text: string) => card(page, text).getByRole('button', { name: /^Voter pour/ });

/** Taps « Voter » on several items in one go, as a quick double tap would: the requests leave together. */
async function tapAllAtOnce(page: Page, texts: string[]): Promise<void> {
  await page.evaluate((wanted) => {
    const cards = [...document.querySelectorAll('.plenary-groups .idea-card')];
    for (const text of wanted) {
      const button = cards.find((c) => c.textContent?.includes(text))?.querySelector<HTMLButtonElement>('.vote-cast');
      if (!button) throw new Error(`no vote button for ${text}`);
      button.click();
    }
  }, texts);
}

async function countOf(page: Page, text: string): Promise<number> {
  return Number(/\d+/.exec(plain(await card(page, text).locator('.vote-count').textContent()))?.[0] ?? NaN);
}

describe.skipIf(skipBrowserTests())('dot vote in the plenary', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('three participants vote from their devices; the server refuses taps past the limit, even at once; results stay', async () => {
    const session = await createSession(server, { title: 'Priorisation des axes' });
    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_2]);
    await shareKeyIdeas(server, session, 1, [IDEA_3, IDEA_4]);
    const facilitator = await openFacilitatorPlenary(browser, server, session);
    const projection = await openProjection(browser, server, session);
    const [groupA, groupB] = session.groups;
    const a = await openPage(browser, plenaryUrl(server, session, groupA!.token), PHONE);
    const b = await openPage(browser, plenaryUrl(server, session, groupB!.token));
    const c = await openPage(browser, plenaryUrl(server, session, groupA!.token));
    for (const page of [a, b, c]) await page.getByText(IDEA_4).waitFor();
    expect(await voteFor(a, IDEA_1).count()).toBe(0);

    // The facilitator opens a vote: 2 dots each, on the key ideas.
    await facilitator.getByLabel('Votes par personne').fill('2');
    await facilitator.getByRole('radio', { name: 'les idées clés' }).check();
    await facilitator.getByRole('button', { name: 'Ouvrir le vote' }).click();
    for (const page of [a, b, c]) await expect.poll(() => remaining(page).textContent().then(plain)).toBe('Il vous reste 2 votes sur 2.');
    await screenshot(a, 'vote-phone-open');
    const phoneFindings = await axeViolations(a);

    // Targets are big enough for a thumb.
    const box = await voteFor(a, IDEA_1).boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);

    await voteFor(a, IDEA_1).tap();
    await expect.poll(() => remaining(a).textContent().then(plain)).toBe('Il vous reste 1 vote sur 2.');
    await card(a, IDEA_1).getByText('1 de vos votes').waitFor();
    await voteFor(c, IDEA_1).click();
    await expect.poll(() => remaining(c).textContent().then(plain)).toBe('Il vous reste 1 vote sur 2.');
    await voteFor(c, IDEA_3).click();
    await expect.poll(() => remaining(c).textContent().then(plain)).toBe('Vous avez utilisé vos 2 votes.');
    // At the limit « Voter » says why, in words.
    await voteFor(c, IDEA_4).press('Enter');
    await c.getByText('Vous avez utilisé tous vos votes. Retirez-en un pour voter autrement.').waitFor();
    await voteFor(b, IDEA_3).click();
    await expect.poll(() => remaining(b).textContent().then(plain)).toBe('Il vous reste 1 vote sur 2.');

    // A and B each have one dot left and tap two items at the same moment: one counts, one is refused.
    await Promise.all([tapAllAtOnce(a, [IDEA_2, IDEA_4]), tapAllAtOnce(b, [IDEA_2, IDEA_4])]);
    for (const page of [a, b]) {
      await expect.poll(() => remaining(page).textContent().then(plain)).toBe('Vous avez utilisé vos 2 votes.');
      await page.getByText('Vous avez utilisé tous vos votes. Retirez-en un pour voter autrement.').waitFor();
    }
    await screenshot(a, 'vote-phone-limit');

    // Live counts, the same on every device: 3 people, 6 dots, none past anyone's limit.
    const counts = async (page: Page) => Promise.all(IDEAS.map((idea) => countOf(page, idea)));
    await expect.poll(() => counts(facilitator)).toEqual([2, expect.any(Number), 2, expect.any(Number)]);
    const [, two, , four] = await counts(facilitator);
    expect((two ?? 0) + (four ?? 0)).toBe(2);
    await expect.poll(() => counts(a)).toEqual(await counts(facilitator));
    await facilitator.getByText('3 personnes ont voté.', { exact: false }).waitFor();

    // Take a dot back, and give it again.
    await card(a, IDEA_1).getByRole('button', { name: /^Retirer un vote/ }).tap();
    await expect.poll(() => remaining(a).textContent().then(plain)).toBe('Il vous reste 1 vote sur 2.');
    await expect.poll(() => countOf(facilitator, IDEA_1)).toBe(1);
    await voteFor(a, IDEA_1).tap();
    await expect.poll(() => countOf(b, IDEA_1)).toBe(2);

    // Closing: the results stay, as bars with counts, on phones and on the projection.
    await facilitator.getByRole('button', { name: 'Clore le vote' }).click();
    await a.getByRole('heading', { name: 'Résultats du vote' }).waitFor();
    expect(await voteFor(a, IDEA_1).count()).toBe(0);
    const results = await a.locator('.vote-result').evaluateAll((rows) => rows.map((row) => [
      row.querySelector('.vote-result-text')?.textContent, Number(/\d+/.exec(row.querySelector('.vote-result-count')?.textContent ?? '')?.[0]),
    ]));
    // Every idea, most votes first, with the counts seen live.
    const live = await counts(facilitator);
    expect(Object.fromEntries(results)).toEqual(Object.fromEntries(IDEAS.map((idea, i) => [idea, live[i]])));
    expect(results.map(([, n]) => n)).toEqual([...live].sort((x, y) => y - x));
    expect(results.reduce((sum, [, n]) => sum + Number(n), 0)).toBe(6);
    await a.locator('.vote-results').scrollIntoViewIfNeeded();
    await screenshot(a, 'vote-phone-results');
    await expect.poll(() => projectedTitle(projection).textContent(), { timeout: 2000 }).toBe('Résultats du vote');
    await projection.locator('.vote-result').first().waitFor();
    expect(await projection.locator('.vote-result-count').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(32);
    await screenshot(projection, 'projection-vote-results-1080p');

    // Accessibility of the voting views.
    const found = [
      ...phoneFindings.map((v) => `phone-open: ${v}`),
      ...(await axeViolations(a)).map((v) => `phone-results: ${v}`),
      ...(await axeViolations(projection)).map((v) => `projection-results: ${v}`),
    ];
    expect(found).toEqual([]);
    for (const page of [facilitator, projection, a, b, c]) await page.context().close();
  }, 120_000);

  it('votes on themes too, and a projector link can read but not vote', async () => {
    const session = await createSession(server, { title: 'Priorisation des thèmes' });
    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_3]);
    const facilitator = await openFacilitatorPlenary(browser, server, session);
    for (const label of ['Accès aux droits', 'Outils et comptes']) {
      await facilitator.getByLabel('Titre du nouveau thème').fill(label);
      await facilitator.getByRole('button', { name: 'Créer le thème' }).click();
    }
    await facilitator.locator('.theme-card').nth(1).waitFor();
    const opened = await api(server, `/api/sessions/${session.id}/vote`, session.facilitatorToken, { action: 'open', votesPerParticipant: 1, target: 'themes' });
    expect(opened.status).toBe(200);

    const participant = await openPage(browser, plenaryUrl(server, session, session.groups[1]!.token), PHONE);
    await participant.getByRole('button', { name: 'Voter pour « Outils et comptes »' }).tap();
    await expect.poll(() => remaining(participant).textContent().then(plain)).toBe('Vous avez utilisé votre vote.');
    await expect.poll(() => facilitator.locator('.theme-card').nth(1).locator('.vote-count').textContent().then(plain)).toBe('1 vote');

    const reader = await openPage(browser, plenaryUrl(server, session, session.projectorToken));
    await reader.getByText('Pour voter, ouvrez la plénière depuis le lien de votre groupe.').waitFor();
    expect(await reader.getByRole('button', { name: /^Voter pour/ }).count()).toBe(0);

    await api(server, `/api/sessions/${session.id}/vote`, session.facilitatorToken, { action: 'close' });
    await participant.getByRole('heading', { name: 'Résultats du vote' }).waitFor();
    expect(await participant.locator('.vote-result-text').allTextContents()).toEqual(['Outils et comptes', 'Accès aux droits']);
    for (const page of [facilitator, participant, reader]) await page.context().close();
  }, 60_000);

  it('a participant on a phone goes from the group canvas to the vote through the banner', async () => {
    const session = await createSession(server, { title: 'Du groupe au vote' });
    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_2]);
    const { page, context } = await openAs(browser, groupLink(server, session, 0), 'Odile', PHONE);
    await page.getByRole('link', { name: 'Voir la plénière' }).waitFor();
    const opened = await api(server, `/api/sessions/${session.id}/vote`, session.facilitatorToken, { action: 'open', votesPerParticipant: 2, target: 'ideas' });
    expect(opened.status).toBe(200);
    const go = page.getByRole('link', { name: 'Aller voter' });
    await go.waitFor();
    await screenshot(page, 'canvas-vote-banner-phone');
    await go.click();
    await voteFor(page, IDEA_1).click();
    await expect.poll(() => countOf(page, IDEA_1)).toBe(1);
    await context.close();
  });
});
