/**
 * What a session took over from earlier concertations (issue 11 §3) opens its compte-rendu: in
 * the report, the Markdown and the PDF (read back with pdftotext, accents intact), before the
 * first group; a session started on its own has no such section.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFollowUpSession } from './fixtures/actionSheets.js';
import { buildCarriedOverSession, CARRIED_OVER } from './fixtures/carriedOver.js';
import { buildFollowUpSession as buildZonedSession } from './fixtures/followUpSession.js';
import { buildReport, renderMarkdown, renderPdf } from './index.js';
import { pdfOutline, pdfText, renderPages, requirePoppler, savePdf } from '../test/pdfTools.js';

const squash = (s: string) => s.replace(/\s+/g, ' ');
const TITLE = 'Ce qui a été identifié en concertation précédente';
const AXE_1 = 'Axe 1 – Équiper et accompagner les publics éloignés du numérique';

describe('carried-over themes in the compte-rendu', () => {
  const content = buildCarriedOverSession();

  it('the report lists each axis with its votes by territory and its sources', () => {
    const report = buildReport(content);
    expect(report.carriedOver.map((c) => [c.title, c.votes, c.byTerritory.map((t) => `${t.territory} ${t.votes}`).join(', ')])).toEqual([
      [AXE_1, 12, 'NORD 5, OUEST 4, SUD 3'],
      ['Axe 2 – Former et outiller les aidants', 6, 'NORD 2, OUEST 0, SUD 4'],
    ]);
    expect(report.carriedOver[0]!.sources.map((s) => s.territory)).toEqual(['NORD', 'OUEST', 'SUD']);
    expect(buildReport(buildFollowUpSession()).carriedOver).toEqual([]);
  });

  it('Markdown: its own section before the first group, each axis with its votes and sources', () => {
    const md = renderMarkdown(content);
    const start = md.indexOf(`## ${TITLE}`);
    expect(start).toBeGreaterThan(0);
    expect(md.indexOf(`## ${AXE_1}`)).toBeGreaterThan(start);
    expect(md).toContain(`### ${AXE_1}\n\n**12\u00a0votes\u00a0: NORD\u00a05, OUEST\u00a04, SUD\u00a03**`);
    expect(md).toContain('*Thèmes d’origine\u00a0:*');
    expect(md).toContain('- «\u202fAccompagner les publics éloignés du numérique\u202f» (NORD, 5\u00a0votes)');
    expect(md).toContain('- «\u202fDes lieux de médiation « de proximité »\u202f» (SUD, 3\u00a0votes)');
    expect(renderMarkdown(buildFollowUpSession())).not.toContain(TITLE);
  });

  describe('PDF', () => {
    let file: string;
    let text: string;
    beforeAll(async () => {
      requirePoppler();
      file = savePdf('carried-over.pdf', await renderPdf(content, { exportedAt: Date.UTC(2025, 2, 14, 17, 0) }));
      text = squash(pdfText(file));
    });

    it('reads back every axis, vote and source, accents intact, on page 2 before the first group', () => {
      const page2 = squash(pdfText(file, { first: 2, last: 2 }));
      for (const s of [
        TITLE, AXE_1, '12 votes : NORD 5, OUEST 4, SUD 3', 'Axe 2 – Former et outiller les aidants', '6 votes : NORD 2, OUEST 0, SUD 4',
        'Thèmes d’origine :', '« Accompagner les publics éloignés du numérique » (NORD, 5 votes)',
        '« Équiper les foyers (matériel, connexion) » (OUEST, 4 votes)', '« Des lieux de médiation « de proximité » » (SUD, 3 votes)',
        '« Outiller les travailleurs sociaux » (SUD, 4 votes)',
      ]) {
        expect(page2, s).toContain(s);
      }
      expect(text.indexOf(TITLE)).toBeLessThan(text.indexOf('Pas de bus vers la sous-préfecture le samedi'));
    });

    it('bookmarks the section and its axes, and renders its page for people to look at', async () => {
      const outline = pdfOutline(file);
      expect(squash(outline[0]!.title)).toBe(TITLE);
      expect(outline[0]!.children.map((c) => squash(c.title))).toEqual([AXE_1, 'Axe 2 – Former et outiller les aidants']);
      expect(renderPages(file, 'carried-over-page', 2, 2).length).toBe(1);
      const plain = savePdf('carried-over-none.pdf', await renderPdf(buildFollowUpSession(), { exportedAt: 0 }));
      expect(squash(pdfText(plain))).not.toContain(TITLE);
    });
  });
});

describe('the carry-over zone of each axis in the compte-rendu', () => {
  // The zoned follow-up (« Enjeux – Objectifs – Actions »), each axis's board opened by the axis
  // the programme carried over to it, as the board shows it in its read-only zone.
  const zoned = buildZonedSession();
  const content = {
    ...zoned,
    session: { ...zoned.session, carriedOver: [{ ...CARRIED_OVER[0]!, groupId: 'axe-1' }, { ...CARRIED_OVER[1]!, groupId: 'axe-2' }] },
  };
  const zone = (text: string) => text.slice(text.indexOf(`### ${TITLE}`), text.indexOf('### Enjeux'));

  it('Markdown: the zone gives the axis with its votes by territory, not « Rien n’a été écrit dans cette zone. »', () => {
    const md = renderMarkdown(content);
    const axis1 = md.slice(md.indexOf('\n## Axe 1 – Équiper et accompagner les publics\n'), md.indexOf('\n## Axe 2 – Coordonner'));
    expect(zone(axis1)).toContain(`- ${AXE_1} — *12\u00a0votes\u00a0: NORD\u00a05, OUEST\u00a04, SUD\u00a03*`);
    expect(zone(axis1)).not.toContain('Rien n’a été écrit');
    const axis2 = md.slice(md.indexOf('\n## Axe 2 – Coordonner'));
    expect(zone(axis2)).toContain('- Axe 2 – Former et outiller les aidants — *6\u00a0votes\u00a0: NORD\u00a02, OUEST\u00a00, SUD\u00a04*');
    // A zone people leave empty still says so.
    expect(md).toContain('Rien n’a été écrit dans cette zone.');
  });

  it('PDF read back: the same, accents intact', async () => {
    requirePoppler();
    const text = squash(pdfText(savePdf('carried-over-zone.pdf', await renderPdf(content, { exportedAt: Date.UTC(2025, 2, 14, 17, 0) }))));
    // The first axis's carry-over zone: from its question to the next zone's.
    const axis1 = text.slice(text.indexOf('Ce que la concertation précédente a retenu'), text.indexOf('Quels enjeux'));
    expect(axis1.length).toBeGreaterThan(0);
    expect(axis1).toContain(`${AXE_1} — 12 votes : NORD 5, OUEST 4, SUD 3`);
    expect(axis1).not.toContain('Rien n’a été écrit');
  });
});
