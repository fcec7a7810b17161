import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PlenaryResponse } from '@concerto/contract';

import { addNote, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerAndBrowser } from './harness.js';
import type { RunningServer } from './harness.js';

describe.skipIf(skipBrowserTests())('key ideas', () => {
  let server: RunningServer;
  let browser: Browser;
  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('are marked up to the limit, which is said plainly; reworded, reordered, then shared to the plenary', async () => {
    const session = await createSession(server, { title: 'Séance idées clés', keyIdeaLimit: 2 });
    const { context, page } = await openAs(browser, groupLink(server, session), 'Marie');
    const other = await openAs(browser, groupLink(server, session), 'Paul');
    for (const text of ['Accès non numérique', 'Travailler en transversalité', 'Matériel obsolète']) await addNote(page, text);

    const mark = async (text: string) => {
      await note(page, text).getByRole('button', { name: 'Options de la note' }).click();
      await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    };
    await mark('Accès non numérique');
    await page.getByRole('heading', { name: 'Idées clés (1/2)' }).waitFor();
    await mark('Travailler en transversalité');
    await page.getByRole('heading', { name: 'Idées clés (2/2)' }).waitFor();
    await other.page.getByRole('heading', { name: 'Idées clés (2/2)' }).waitFor({ timeout: 2000 });

    // At the limit: the button is still there, and says why it cannot mark more.
    await note(page, 'Matériel obsolète').getByRole('button', { name: 'Options de la note' }).click();
    const refused = page.getByRole('button', { name: 'Marquer comme idée clé' });
    expect(await refused.getAttribute('aria-disabled')).toBe('true');
    await refused.press('Enter');
    await page.locator('.popover').getByText('Pour en choisir une autre, retirez d’abord une idée clé.').waitFor();
    await screenshot(page, 'key-ideas-limit');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Idées clés (2/2)' }).waitFor();

    // Reword the first one (key ideas are often reformulations), then reorder.
    const first = page.getByLabel('Idée clé 1 (vous pouvez la reformuler)');
    await first.fill('Proposer un accès qui ne soit pas uniquement numérique');
    await page.getByRole('button', { name: 'Descendre l’idée clé 1' }).click();
    await expect.poll(() => page.getByLabel('Idée clé 2 (vous pouvez la reformuler)').inputValue())
      .toBe('Proposer un accès qui ne soit pas uniquement numérique');
    await expect.poll(() => other.page.getByLabel('Idée clé 2 (vous pouvez la reformuler)').inputValue(), { timeout: 2000 })
      .toBe('Proposer un accès qui ne soit pas uniquement numérique');

    // Share: the page shows what was shared and when; the plenary has it.
    await page.getByRole('button', { name: 'Partager en plénière' }).click();
    await page.getByText(/Partagé en plénière à \d+\s*h\s*\d\d/).waitFor();
    await page.locator('.push-result').getByText('Proposer un accès qui ne soit pas uniquement numérique').waitFor();
    const plenary = await fetch(`${server.url}/api/sessions/${session.id}/plenary`, {
      headers: { Authorization: `Bearer ${session.facilitatorToken}` },
    }).then((r) => r.json() as Promise<PlenaryResponse>);
    const group = plenary.groups.find((g) => g.id === session.groups[0]?.id);
    expect(group?.keyIdeas.map((i) => i.text)).toEqual([
      'Travailler en transversalité',
      'Proposer un accès qui ne soit pas uniquement numérique',
    ]);
    await screenshot(page, 'key-ideas-shared');

    // Unmark: the limit frees a place.
    await page.getByRole('button', { name: 'Retirer' }).first().click();
    await page.getByRole('heading', { name: 'Idées clés (1/2)' }).waitFor();
    await context.close();
    await other.context.close();
  });

  it('deleting a note can be undone with the visible « Annuler » and with Ctrl+Z', async () => {
    const session = await createSession(server, { title: 'Séance annuler' });
    const { context, page } = await openAs(browser, groupLink(server, session, 1), 'Marie');
    await addNote(page, 'À garder');
    await note(page, 'À garder').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Supprimer la note' }).click();
    await page.getByText('Note supprimée.').waitFor();
    expect(await note(page, 'À garder').count()).toBe(0);
    await page.locator('.toast').getByRole('button', { name: 'Annuler' }).click();
    await note(page, 'À garder').waitFor();

    await note(page, 'À garder').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Supprimer la note' }).click();
    await page.locator('.canvas').focus();
    await page.keyboard.press('Control+z');
    await note(page, 'À garder').waitFor();
    await context.close();
  });
});
