/**
 * Issue 12, item 6, as the facilitator meets it: two votes in a session (the themes first, then
 * the ideas), then « Exporter en texte (Markdown) » from the console. Both votes are in the
 * file, with their question, counts and voters; the groups that shared nothing are named.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { createSession, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';
import { api, openPage, shareKeyIdeas } from './plenaryKit.js';

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
    await shareKeyIdeas(server, session, 0, ['Un accueil sans rendez-vous', 'Un seul compte pour tout']);
    await shareKeyIdeas(server, session, 1, ['Former les aidants']);
    // The facilitator's first vote, on the ideas, with a question; 4 people, 6 dots against 3.
    const open = await api<{ vote: { id: string } }>(server, `/api/sessions/${session.id}/vote`, token, { action: 'open', votesPerParticipant: 3, target: 'ideas', question: 'Par quoi commencer ?' });
    expect(open.status).toBe(200);
    const first = `${session.groups[0]!.id}:`;
    const plenary = await api<{ groups: { id: string; keyIdeas: { id: string; text: string }[] }[] }>(server, `/api/sessions/${session.id}/plenary`, session.projectorToken);
    const ideas = plenary.body.groups.flatMap((g) => g.keyIdeas);
    const a = ideas.find((i) => i.text === 'Un accueil sans rendez-vous')!.id;
    const b = ideas.find((i) => i.text === 'Former les aidants')!.id;
    expect(a.startsWith(first)).toBe(true);
    const dots: [string, string[]][] = [['votant-une', [a, a, b]], ['votant-deux', [a, a, b]], ['votant-trois', [a, b]], ['votant-quatre', [a]]];
    for (const [participantId, items] of dots) {
      for (const itemId of items) {
        const r = await api(server, `/api/sessions/${session.id}/vote/ballot`, session.groups[0]!.token, { participantId, itemId, action: 'add' });
        expect(r.status).toBe(200);
      }
    }
    // ...then a second vote replaces it without anyone closing the first
    expect((await api(server, `/api/sessions/${session.id}/vote`, token, { action: 'open', votesPerParticipant: 1, target: 'ideas' })).status).toBe(200);
    await api(server, `/api/sessions/${session.id}/vote/ballot`, session.groups[1]!.token, { participantId: 'votant-cinq', itemId: b, action: 'add' });
    expect((await api(server, `/api/sessions/${session.id}/vote`, token, { action: 'close' })).status).toBe(200);

    const page = await openPage(browser, new URL(session.links.facilitator, server.url).toString());
    const downloading = page.waitForEvent('download', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Exporter en texte (Markdown)' }).click();
    const download = await downloading;
    const markdown = readFileSync((await download.path())!, 'utf8');
    const votes = markdown.slice(markdown.indexOf('### Votes'));
    expect(votes).toContain('#### Vote 1 — Par quoi commencer ?');
    expect(votes).toMatch(/4\u00a0personnes ont voté, 3\u00a0votes chacune\./);
    expect(votes).toMatch(/- Un accueil sans rendez-vous — \*Groupe 1 · 6\u00a0votes\*/);
    expect(votes).toMatch(/- Former les aidants — \*Groupe 2 · 3\u00a0votes\*/);
    expect(votes).toContain('#### Vote 2 sur les idées');
    expect(votes).toMatch(/1\u00a0personne a voté, 1\u00a0vote chacune\./);
    const groups = session.groups.length;
    expect(markdown).toContain(`2 groupes sur ${groups} ont partagé leurs idées clés en plénière.`);
    expect(markdown).toContain(`${groups - 2}\u00a0groupes n’ont rien partagé\u00a0: ${session.groups.slice(2).map((g) => g.name).join(', ')}.`);
    await page.context().close();
  }, 90_000);
});
