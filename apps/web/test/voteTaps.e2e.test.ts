/**
 * Issue 12, item 1: voting must count every tap. A thumb tapping « Voter » four times on one spot
 * of a phone, four quick clicks on a computer, and one person voting from two windows of the
 * same browser, as people did in the launch webinar.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { axeViolations, createSession, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openPage, plenaryUrl, shareKeyIdeas } from './plenaryKit.js';

const IDEA_1 = 'Proposer un accès qui ne soit pas uniquement numérique';
const IDEA_2 = 'Travailler en transversalité avec les partenaires';
const IDEA_3 = 'Simplifier la multiplicité des comptes';
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const LIMIT_REFUSAL = 'Vous avez utilisé tous vos votes. Retirez-en un pour voter autrement.';

const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const remaining = (page: Page) => page.locator('.vote-remaining').textContent().then(plain);
const card = (page: Page, text: string) => page.locator('.plenary-groups .idea-card').filter({ hasText: text });
const voteFor = (page: Page, text: string) => card(page, text).getByRole('button', { name: /^Voter pour/ });
const countOf = async (page: Page, text: string) => Number(/\d+/.exec(plain(await card(page, text).locator('.vote-count').textContent()))?.[0] ?? NaN);

async function centerOf(page: Page, text: string): Promise<{ x: number; y: number }> {
  const box = await voteFor(page, text).boundingBox();
  if (box === null) throw new Error('« Voter » is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe.skipIf(skipBrowserTests())('every tap on « Voter » counts', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  async function votingSession(title: string, perPerson: number) {
    const session = await createSession(server, { title });
    await shareKeyIdeas(server, session, 0, [IDEA_1, IDEA_2]);
    await shareKeyIdeas(server, session, 1, [IDEA_3]);
    const opened = await api(server, `/api/sessions/${session.id}/vote`, session.facilitatorToken, { action: 'open', votesPerParticipant: perPerson, target: 'ideas' });
    expect(opened.status).toBe(200);
    return session;
  }

  it('four taps of a thumb on one spot of a phone: two dots, then a clear refusal; the buttons never move', async () => {
    const session = await votingSession('Vote au pouce', 2);
    const page = await openPage(browser, plenaryUrl(server, session, session.groups[0]!.token), PHONE);
    contexts.push(page.context());
    await expect.poll(() => remaining(page)).toBe('Il vous reste 2 votes sur 2.');
    await voteFor(page, IDEA_2).scrollIntoViewIfNeeded();
    const spot = await centerOf(page, IDEA_2);
    const withdrawBefore = await card(page, IDEA_2).getByRole('button', { name: /^Retirer un vote/ }).boundingBox();
    for (let i = 0; i < 4; i++) {
      await page.touchscreen.tap(spot.x, spot.y);
      await page.waitForTimeout(250); // a thumb, not a machine
    }
    await expect.poll(() => remaining(page)).toBe('Vous avez utilisé vos 2 votes.');
    await expect.poll(() => countOf(page, IDEA_2)).toBe(2);
    await page.getByText(LIMIT_REFUSAL).waitFor();
    // Nothing moved: « Voter » and « Retirer un vote » are where they were before the first tap.
    expect(await centerOf(page, IDEA_2)).toEqual(spot);
    expect(await card(page, IDEA_2).getByRole('button', { name: /^Retirer un vote/ }).boundingBox()).toEqual(withdrawBefore);
    await screenshot(page, 'vote-taps-phone-limit');
    expect(await axeViolations(page)).toEqual([]);

    // Taking a dot back is its own button, and it stays there too.
    await card(page, IDEA_2).getByRole('button', { name: /^Retirer un vote/ }).tap();
    await expect.poll(() => remaining(page)).toBe('Il vous reste 1 vote sur 2.');
    expect(await centerOf(page, IDEA_2)).toEqual(spot);
  }, 60_000);

  it('four quick clicks on a computer: three dots and a refusal, none lost', async () => {
    const session = await votingSession('Vote à la souris', 3);
    const page = await openPage(browser, plenaryUrl(server, session, session.groups[1]!.token));
    contexts.push(page.context());
    await expect.poll(() => remaining(page)).toBe('Il vous reste 3 votes sur 3.');
    const spot = await centerOf(page, IDEA_1);
    // What happened, said if the refusal is not seen (it was once, under heavy load, and not since).
    const trace: string[] = [];
    page.on('response', (r) => void (r.url().includes('/vote/ballot') && trace.push(`answer ${r.status()} at ${Date.now() % 100_000}`)));
    for (let i = 0; i < 4; i++) {
      trace.push(`click ${i + 1} at ${Date.now() % 100_000}`);
      await page.mouse.click(spot.x, spot.y);
      await page.waitForTimeout(120); // as quick as a person clicks
    }
    await expect.poll(() => remaining(page)).toBe('Vous avez utilisé vos 3 votes.');
    await expect.poll(() => countOf(page, IDEA_1)).toBe(3);
    await page.getByText(LIMIT_REFUSAL).waitFor().catch(async (err: unknown) => {
      console.error('quick clicks:', trace, await page.locator('.vote-status').innerHTML());
      throw err;
    });
    expect(await centerOf(page, IDEA_1)).toEqual(spot);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('one person voting from two windows of the same browser is one voter', async () => {
    const session = await votingSession('Deux fenêtres', 2);
    const url = plenaryUrl(server, session, session.groups[0]!.token);
    const first = await openPage(browser, url);
    const context = first.context();
    contexts.push(context);
    // The second window opens from the same link, at the same moment as the first finishes loading.
    const second = await context.newPage();
    await second.goto(url);
    for (const page of [first, second]) await expect.poll(() => remaining(page)).toBe('Il vous reste 2 votes sur 2.');
    await voteFor(first, IDEA_1).click();
    await expect.poll(() => remaining(second)).toBe('Il vous reste 1 vote sur 2.');
    await voteFor(second, IDEA_3).click();
    for (const page of [first, second]) await expect.poll(() => remaining(page)).toBe('Vous avez utilisé vos 2 votes.');
    // Another person, on their own device.
    const other = await openPage(browser, plenaryUrl(server, session, session.groups[1]!.token));
    contexts.push(other.context());
    await voteFor(other, IDEA_1).click();
    await expect.poll(() => countOf(first, IDEA_1)).toBe(2);
    await first.getByText('2 personnes ont voté.', { exact: false }).waitFor();
    const snapshot = await api<{ groups: unknown[] }>(server, `/api/sessions/${session.id}`, session.facilitatorToken);
    expect(snapshot.status).toBe(200);
  }, 60_000);
});
