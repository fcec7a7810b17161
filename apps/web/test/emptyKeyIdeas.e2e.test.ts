/**
 * Issue 12, item 5: « Écrire une idée clé » puts the cursor in the new field; an idea without
 * text is not shared, and the share button says what is missing first; « Partager tout » from
 * the console skips the groups with nothing written, and names them.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PlenaryResponse } from '@concerto/contract';

import { axeViolations, createSession, groupLink, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';
import { api } from './plenaryKit.js';

describe.skipIf(skipBrowserTests())('key ideas without text', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('the new field takes the typing; an empty one is named before sharing and never shared; « Partager tout » names the groups with nothing', async () => {
    const session = await createSession(server, { title: 'Idées clés vides', keyIdeaLimit: 2 });
    const { context, page } = await openAs(browser, groupLink(server, session, 0), 'Marie');
    contexts.push(context);

    await page.getByRole('button', { name: 'Écrire une idée clé' }).click();
    await page.getByLabel('Idée clé 1 (vous pouvez la reformuler)').waitFor();
    // Typing right away goes into the new field: the focus moved there.
    await page.keyboard.type('Un accueil sans rendez-vous');
    await expect.poll(() => page.getByLabel('Idée clé 1 (vous pouvez la reformuler)').inputValue()).toBe('Un accueil sans rendez-vous');

    await page.getByRole('button', { name: 'Écrire une idée clé' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ''))
      .toBe(await page.getByLabel('Idée clé 2 (vous pouvez la reformuler)').getAttribute('id'));
    // The share button says what is missing, before anything is sent.
    const missing = 'L’idée clé 2 n’a pas de texte : écrivez-la, sinon elle ne sera pas partagée.';
    await page.getByText(missing).waitFor();
    const share = page.getByRole('button', { name: 'Partager en plénière' });
    const described = await share.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
    expect(described.replace(/\s+/g, ' ')).toBe(missing);
    await screenshot(page, 'key-ideas-empty-slot');
    expect(await axeViolations(page)).toEqual([]);

    await share.click();
    await page.getByText('Partagé en plénière à', { exact: false }).waitFor();
    const plenary = await api<PlenaryResponse>(server, `/api/sessions/${session.id}/plenary`, session.facilitatorToken);
    expect(plenary.body.groups[0]!.keyIdeas.map((idea) => idea.text)).toEqual(['Un accueil sans rendez-vous']);

    // The facilitator shares every group: only group 1 has something; the others are named.
    const desk = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(desk);
    const console_ = await desk.newPage();
    await console_.goto(new URL(session.links.facilitator, server.url).toString());
    await console_.getByRole('button', { name: 'Partager en plénière les idées clés de tous les groupes' }).click();
    const others = session.groups.slice(1).map((g) => g.name).join(', ');
    await console_.getByText(`Idées clés partagées pour 1 groupe. Rien à partager pour ${others} : aucune idée clé écrite.`).waitFor();
    await screenshot(console_, 'console-push-all-skipped');
    expect(await axeViolations(console_)).toEqual([]);
    const after = await api<PlenaryResponse>(server, `/api/sessions/${session.id}/plenary`, session.facilitatorToken);
    expect(after.body.groups.filter((g) => g.pushedAt !== null).map((g) => g.id)).toEqual([session.groups[0]!.id]);
  }, 90_000);
});
