/**
 * Issue 12, item 6, as the facilitator meets it: two votes in a session (the themes first, 6 dots
 * against 3 from 4 people, then the ideas), then « Exporter en texte (Markdown) » and « Exporter
 * le compte-rendu (PDF) » from the console. Both votes are in both files, with their question,
 * time, counts and voters; the groups that shared nothing are named, on a line, not a page each;
 * an emoji in a key idea prints as itself in the PDF (minor list).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PlenaryResponse } from '@concerto/contract';

import { createSession, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openFacilitatorPlenary, openPage, shareKeyIdeas } from './plenaryKit.js';

describe.skipIf(skipBrowserTests())('the compte-rendu from the console', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('keeps every vote of the session, and says which groups shared nothing', async () => {
    const session = await createSession(server);
    const token = session.facilitatorToken;
    await shareKeyIdeas(server, session, 0, ['Un accueil sans rendez-vous 👍', 'Un seul compte pour tout']);
    await shareKeyIdeas(server, session, 1, ['Former les aidants']);
    // The facilitator's first vote, on two themes made in the plenary, with a question;
    // 4 people, 6 dots against 3, as in the launch webinar.
    const plenaryPage = await openFacilitatorPlenary(browser, server, session);
    for (const label of ['Accès aux droits', 'Outils et comptes']) {
      await plenaryPage.getByLabel('Titre du nouveau thème').fill(label);
      await plenaryPage.getByRole('button', { name: 'Créer le thème' }).click();
    }
    await plenaryPage.locator('.theme-card').nth(1).waitFor();
    await plenaryPage.context().close();
    const plenary = await api<PlenaryResponse>(server, `/api/sessions/${session.id}/plenary`, session.projectorToken);
    const themeId = (label: string) => plenary.body.themes.find((t) => t.label === label)!.id;
    const access = themeId('Accès aux droits');
    const tools = themeId('Outils et comptes');
    const open = await api(server, `/api/sessions/${session.id}/vote`, token, { action: 'open', votesPerParticipant: 3, target: 'themes', question: 'Quels thèmes prioriser ?' });
    expect(open.status).toBe(200);
    const dots: [string, string[]][] = [['votant-une', [access, access, tools]], ['votant-deux', [access, access, tools]], ['votant-trois', [access, tools]], ['votant-quatre', [access]]];
    for (const [participantId, items] of dots) {
      for (const itemId of items) {
        const r = await api(server, `/api/sessions/${session.id}/vote/ballot`, session.groups[0]!.token, { participantId, itemId, action: 'add' });
        expect(r.status).toBe(200);
      }
    }
    // ...then a vote on the ideas replaces it without anyone closing the first
    expect((await api(server, `/api/sessions/${session.id}/vote`, token, { action: 'open', votesPerParticipant: 1, target: 'ideas' })).status).toBe(200);
    const aidants = plenary.body.groups.flatMap((g) => g.keyIdeas).find((i) => i.text === 'Former les aidants')!.id;
    await api(server, `/api/sessions/${session.id}/vote/ballot`, session.groups[1]!.token, { participantId: 'votant-cinq', itemId: aidants, action: 'add' });
    expect((await api(server, `/api/sessions/${session.id}/vote`, token, { action: 'close' })).status).toBe(200);

    const page = await openPage(browser, new URL(session.links.facilitator, server.url).toString());
    const download = async (name: string) => {
      const downloading = page.waitForEvent('download', { timeout: 20_000 });
      await page.getByRole('button', { name }).click();
      return (await (await downloading).path())!;
    };
    const groups = session.groups.length;
    const silent = session.groups.slice(2).map((g) => g.name).join(', ');

    const markdown = readFileSync(await download('Exporter en texte (Markdown)'), 'utf8');
    const votes = markdown.slice(markdown.indexOf('### Votes'));
    expect(votes).toContain('#### Vote 1 — Quels thèmes prioriser ?');
    // its time, its voters, its options and counts
    expect(votes).toMatch(/Sur les thèmes, de \d{1,2}\u00a0h\u00a0\d{2} à \d{1,2}\u00a0h\u00a0\d{2}\u00a0: 4\u00a0personnes ont voté, 3\u00a0votes chacune\./);
    expect(votes).toMatch(/- Accès aux droits — \*6\u00a0votes\*/);
    expect(votes).toMatch(/- Outils et comptes — \*3\u00a0votes\*/);
    expect(votes).toContain('#### Vote 2 sur les idées');
    expect(votes).toMatch(/1\u00a0personne a voté, 1\u00a0vote chacune\./);
    expect(votes).toMatch(/- Former les aidants — \*Groupe 2 · 1\u00a0vote\*/);
    expect(markdown).toContain(`2 groupes sur ${groups} ont partagé leurs idées clés en plénière.`);
    expect(markdown).toContain(`${groups - 2}\u00a0groupes n’ont rien partagé\u00a0: ${silent}.`);

    // The PDF says the same, prints the emoji, and gives the silent groups one line, not a page each.
    const pdf = await download('Exporter le compte-rendu (PDF)');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Vote 1 — Quels thèmes prioriser ?');
    expect(text).toContain('Vote 2 sur les idées');
    expect(text).toMatch(/Accès aux droits\W+6 votes/);
    expect(text).toMatch(/Outils et comptes\W+3 votes/);
    expect(text).toContain('Un accueil sans rendez-vous 👍');
    expect(text).not.toContain('\ufffd');
    expect(text).toContain(`2 groupes sur ${groups} ont partagé leurs idées clés en plénière.`);
    expect(text).toContain(`${groups - 2} groupes n’ont rien partagé : ${silent}.`);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeLessThan(groups);
    await page.context().close();
  }, 120_000);
});
