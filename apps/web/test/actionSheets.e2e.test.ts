/**
 * Issue 11 §4, action sheets (« fiches actions »): a group's priority action (a key idea) gets a
 * sheet written together live — Théo on a 360 × 640 phone by touch, Inès on a laptop by
 * keyboard only — while the facilitator adds and renames a field from the console. Both type in
 * the same list field at once and keep their words; scales are shared; axe finds nothing. Ctrl+Z
 * in a sheet field undoes one's own typing in it, nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { addNote, axeViolations, createSession, groupLink, note, openAs, screenshot, skipBrowserTests, withServerBrowserAndContexts } from './harness.js';
import type { RunningServer } from './harness.js';

const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true };
const ACTION = 'Créer des permanences itinérantes dans les communes rurales';

function sheet(page: Page) {
  return page.getByRole('dialog', { name: /Fiche action/ });
}

function field(page: Page, name: string | RegExp) {
  return sheet(page).getByRole('textbox', { name });
}

describe.skipIf(skipBrowserTests())('action sheets', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = withServerBrowserAndContexts((s, b) => {
    server = s;
    browser = b;
  });

  it('two people write one sheet live, one on a phone, one by keyboard; the facilitator adds a field', { timeout: 120_000 }, async () => {
    const session = await createSession(server, { title: 'Concertation de suivi — SUD', keyIdeaLimit: 2 });
    const theo = await openAs(browser, groupLink(server, session), 'Théo', PHONE);
    const ines = await openAs(browser, groupLink(server, session), 'Inès');
    contexts.push(theo.context, ines.context);
    const facilitator = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    contexts.push(facilitator);
    const console_ = await facilitator.newPage();
    await console_.goto(new URL(session.links.facilitator, server.url).toString());
    await console_.getByRole('heading', { name: 'Champs de la fiche action' }).waitFor();

    // Théo, on his phone, writes the group's priority action and opens its sheet.
    await theo.page.getByRole('button', { name: /^Idées clés \(0\/2\)/ }).tap();
    await theo.page.getByRole('button', { name: 'Écrire une idée clé' }).tap();
    await theo.page.getByLabel('Idée clé 1 (vous pouvez la reformuler)').fill(ACTION);
    await theo.page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).tap();
    await sheet(theo.page).getByText(ACTION).waitFor();
    await screenshot(theo.page, 'sheet-phone-open');
    expect(await axeViolations(theo.page)).toEqual([]);

    // Inès, keyboard only: the sheet's button (now « Ouvrir ») opens it on Entrée, the focus lands in its first field.
    const open = ines.page.getByRole('button', { name: 'Ouvrir la fiche action de l’idée clé 1' });
    await open.focus();
    await ines.page.keyboard.press('Enter');
    await expect.poll(() => ines.page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('stakes');
    await ines.page.keyboard.type('Les habitants éloignés renoncent à leurs droits.');
    await expect.poll(() => field(theo.page, 'Synthèse des enjeux').inputValue(), { timeout: 3000 })
      .toBe('Les habitants éloignés renoncent à leurs droits.');

    // The facilitator renames a field and adds one: both open sheets follow.
    const indicators = console_.getByRole('textbox', { name: 'Nom du champ 7' });
    await indicators.fill('Indicateurs (à suivre chaque trimestre)');
    await indicators.press('Enter');
    await console_.getByLabel('Nom du nouveau champ').fill('Budget et financeurs');
    await console_.getByRole('button', { name: 'Ajouter un champ' }).click();
    await field(ines.page, 'Budget et financeurs').waitFor({ timeout: 3000 });
    await field(theo.page, /Indicateurs \(à suivre chaque trimestre\)/).waitFor({ timeout: 3000 });
    await console_.getByText('Champ ajouté : « Budget et financeurs ».').waitFor();
    // The group's card counts its sheets.
    const card = console_.getByRole('article', { name: 'Groupe 1', exact: true });
    await expect.poll(() => card.locator('div', { hasText: 'Fiches actions' }).locator('dd').textContent(), { timeout: 3000 }).toBe('1');
    await console_.locator('.sheet-template').scrollIntoViewIfNeeded();
    await screenshot(console_, 'sheet-template-console');

    // « Partenaires »: Théo writes the first partner; then both add one at the same time, one at each end.
    const partnersTheo = field(theo.page, 'Partenaires et acteurs concernés');
    await partnersTheo.tap();
    await partnersTheo.pressSequentially('Mairie de Figeac');
    await expect.poll(() => field(ines.page, 'Partenaires et acteurs concernés').inputValue(), { timeout: 3000 }).toBe('Mairie de Figeac');
    // Inès gets there by Tab from her field (Description, Dans 3 ans, then Partenaires).
    for (let i = 0; i < 3; i++) await ines.page.keyboard.press('Tab');
    await expect.poll(() => ines.page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('partners');
    // Each sees who else writes in the field.
    await sheet(theo.page).getByText('Inès écrit…').waitFor({ timeout: 3000 });
    await sheet(ines.page).getByText('Théo écrit…').waitFor({ timeout: 3000 });
    await ines.page.keyboard.press('Control+End');
    await partnersTheo.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await Promise.all([
      ines.page.keyboard.type('\nConseil départemental', { delay: 25 }),
      partnersTheo.pressSequentially('CAF et CPAM\n', { delay: 25 }),
    ]);
    const expected = 'CAF et CPAM\nMairie de Figeac\nConseil départemental';
    await expect.poll(() => field(ines.page, 'Partenaires et acteurs concernés').inputValue(), { timeout: 5000 }).toBe(expected);
    await expect.poll(() => partnersTheo.inputValue(), { timeout: 5000 }).toBe(expected);

    // Scales: Théo taps « 3 » for Faisabilité; Inès, by keyboard, moves Impact from « Non traité » to « 1 (faible) ».
    await sheet(theo.page).getByRole('group', { name: 'Faisabilité' }).getByRole('radio', { name: '3' }).tap();
    await expect.poll(() => sheet(ines.page).getByRole('group', { name: 'Faisabilité' }).getByRole('radio', { name: '3' }).isChecked(), { timeout: 3000 }).toBe(true);
    await sheet(ines.page).getByRole('group', { name: 'Impact' }).getByRole('radio', { name: 'Non traité' }).focus();
    await ines.page.keyboard.press('ArrowRight');
    await expect.poll(() => sheet(theo.page).getByRole('group', { name: 'Impact' }).getByRole('radio', { name: '1 (faible)' }).isChecked(), { timeout: 3000 }).toBe(true);

    await screenshot(ines.page, 'sheet-laptop-keyboard');
    await partnersTheo.scrollIntoViewIfNeeded();
    await screenshot(theo.page, 'sheet-phone-partners');
    expect(await axeViolations(ines.page)).toEqual([]);
    expect(await axeViolations(theo.page)).toEqual([]);
    expect(await axeViolations(console_)).toEqual([]);

    // A modal dialog: from Impact, Tab reaches « Budget », the last button, then goes round to the first.
    await sheet(ines.page).getByRole('group', { name: 'Impact' }).getByRole('radio', { name: '1 (faible)' }).focus();
    for (let i = 0; i < 3; i++) await ines.page.keyboard.press('Tab');
    expect(await ines.page.evaluate(() => document.activeElement?.className)).toBe('sheet-close');

    // Escape closes the sheet and gives the focus back to the button that opened it.
    await ines.page.keyboard.press('Escape');
    await sheet(ines.page).waitFor({ state: 'detached' });
    await expect.poll(() => ines.page.evaluate(() => document.activeElement?.textContent)).toBe('Ouvrir la fiche action');
  });

  it('a sheet lists the notes its action came from, each a way back to the note on the board', async () => {
    const session = await createSession(server, { title: 'Concertation de suivi — notes d’origine', keyIdeaLimit: 2 });
    const maelle = await openAs(browser, groupLink(server, session, 1), 'Maëlle');
    contexts.push(maelle.context);
    const { page } = maelle;
    await addNote(page, 'Une permanence mobile, comme le bibliobus');
    await note(page, 'Une permanence mobile, comme le bibliobus').getByRole('button', { name: 'Options de la note' }).click();
    await page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).click();
    const sources = sheet(page).getByRole('region', { name: 'Notes d’origine' });
    await sources.getByText('Une permanence mobile, comme le bibliobus').waitFor();
    await sources.getByText('— Maëlle').waitFor();
    await page.keyboard.type('Les bourgs éloignés n’ont plus de guichet.');
    expect(await axeViolations(page)).toEqual([]);
    await sources.getByRole('button', { name: 'Voir sur le tableau : « Une permanence mobile, comme le bibliobus »' }).click();
    await sheet(page).waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Une permanence mobile, comme le bibliobus');

    // The key idea is removed: its sheet is kept, and still reachable from the panel.
    await page.getByRole('button', { name: 'Retirer', exact: true }).click();
    await page.getByText('Fiche action gardée d’une idée clé retirée :').waitFor();
    await page.getByRole('button', { name: '(idée clé retirée depuis)' }).click();
    await expect.poll(() => field(page, 'Synthèse des enjeux').inputValue()).toBe('Les bourgs éloignés n’ont plus de guichet.');
    await page.keyboard.press('Escape');

    // Locked by the facilitator: the sheet reads, it cannot be written.
    const locked = await fetch(`${server.url}/api/sessions/${session.id}/lock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.facilitatorToken}` },
      body: JSON.stringify({ groups: [session.groups[1]!.id], locked: true }),
    });
    expect(locked.status).toBe(200);
    await page.locator('.readonly-banner').waitFor();
    await page.getByRole('button', { name: '(idée clé retirée depuis)' }).click();
    await sheet(page).getByRole('heading', { name: 'Synthèse des enjeux' }).waitFor();
    await sheet(page).getByText('Les bourgs éloignés n’ont plus de guichet.').waitFor();
    expect(await sheet(page).getByRole('textbox').count()).toBe(0);
    await sheet(page).getByText('Impact').waitFor();
    await screenshot(page, 'sheet-read-only');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('Ctrl+Z in a sheet field undoes one\'s own typing only, never the other\'s words nor the board', { timeout: 90_000 }, async () => {
    const session = await createSession(server, { title: 'Concertation de suivi — annuler', keyIdeaLimit: 2 });
    const maelle = await openAs(browser, groupLink(server, session), 'Maëlle');
    const noe = await openAs(browser, groupLink(server, session), 'Noé');
    contexts.push(maelle.context, noe.context);
    await addNote(maelle.page, 'Un guichet unique itinérant');
    await note(maelle.page, 'Un guichet unique itinérant').getByRole('button', { name: 'Options de la note' }).click();
    await maelle.page.getByRole('button', { name: 'Marquer comme idée clé' }).click();
    await maelle.page.getByRole('button', { name: 'Créer la fiche action de l’idée clé 1' }).click();
    await expect.poll(() => maelle.page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('stakes');
    await noe.page.getByRole('button', { name: 'Ouvrir la fiche action de l’idée clé 1' }).click();
    const stakes = (page: Page) => field(page, 'Synthèse des enjeux');
    const both = async (value: string) => {
      await expect.poll(() => stakes(maelle.page).inputValue(), { timeout: 3000 }).toBe(value);
      await expect.poll(() => stakes(noe.page).inputValue(), { timeout: 3000 }).toBe(value);
    };

    await maelle.page.keyboard.type('Premier jet.');
    await both('Premier jet.');
    await stakes(noe.page).focus();
    await noe.page.keyboard.press('Control+End');
    await noe.page.keyboard.type(' Noé.');
    await both('Premier jet. Noé.');
    // Typing within 600 ms is one undo step (as for notes): Maëlle's second burst comes later.
    await maelle.page.waitForTimeout(700);
    await maelle.page.keyboard.press('Control+End');
    await maelle.page.keyboard.type(' Second jet.');
    await both('Premier jet. Noé. Second jet.');

    // Maëlle undoes her last burst, then her first: Noé's words stay.
    await maelle.page.keyboard.press('Control+z');
    await both('Premier jet. Noé.');
    await maelle.page.keyboard.press('Control+z');
    await both(' Noé.');
    await maelle.page.keyboard.press('Control+Shift+z');
    await both('Premier jet. Noé.');
    // Noé's undo is his own.
    await noe.page.keyboard.press('Control+z');
    await both('Premier jet.');
    await screenshot(maelle.page, 'sheet-field-undo');

    // The board's undo was not touched: the key idea (the last board change) is still there.
    await maelle.page.keyboard.press('Escape');
    await sheet(maelle.page).waitFor({ state: 'detached' });
    await maelle.page.getByRole('button', { name: 'Ouvrir la fiche action de l’idée clé 1' }).waitFor();
    await note(maelle.page, 'Un guichet unique itinérant').waitFor();
  });
});
