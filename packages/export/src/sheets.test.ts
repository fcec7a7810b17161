/**
 * Action sheets in the archive (issue 11 §4): after each group's key ideas, in the PDF (read
 * back with pdftotext, accents intact), the Markdown and the JSON archive.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADDED_FIELD, buildFollowUpSession, RENAMED_INDICATORS, SHEET_TEXTS } from './fixtures/actionSheets.js';
import { buildArchive, buildReport, parseArchive, renderJson, renderMarkdown, renderPdf } from './index.js';
import { pdfOutline, pdfText, renderPages, requirePoppler, savePdf } from '../test/pdfTools.js';

const squash = (s: string) => s.replace(/\s+/g, ' ');
const lines = (text: string) => text.split('\n');

describe('action sheets in the compte-rendu', () => {
  const content = buildFollowUpSession();

  it('the report lists each group\'s sheets after its key ideas, with every field of the template', () => {
    const report = buildReport(content);
    const [axis1, axis2] = report.groups;
    expect(axis2!.sheets).toEqual([]);
    const sheet = axis1!.sheets[0]!;
    expect(sheet.title).toBe(SHEET_TEXTS.action);
    expect(sheet.sources.map((s) => s.author)).toEqual(['Maëlle', 'Noé']);
    expect(sheet.fields.map((f) => f.id)).toEqual([
      'stakes', 'description', 'inThreeYears', 'partners', 'drivers', 'conditions', 'indicators', 'feasibility', 'impact', 'budget',
    ]);
    const field = (id: string) => sheet.fields.find((f) => f.id === id)!;
    expect(field('partners').items).toEqual(['Conseil départemental', 'CAF et CPAM', 'Médiathèque de Saint-Céré']);
    expect(field('feasibility').scale).toBe(3);
    expect(field('impact').scale).toBeNull();
    expect(field('indicators').label).toBe(RENAMED_INDICATORS);
    expect(field('budget')).toMatchObject({ label: ADDED_FIELD, text: SHEET_TEXTS.budget });
  });

  it('Markdown: a section per sheet after the key ideas, lists as bullets, scales or « Non traité »', () => {
    const md = renderMarkdown(content);
    const keyIdeas = md.indexOf('### Idées clés');
    const sheets = md.indexOf('### Fiches actions');
    expect(keyIdeas).toBeGreaterThan(0);
    expect(sheets).toBeGreaterThan(keyIdeas);
    // Only the first axis has a sheet: the second axis's section starts after it.
    expect(md.indexOf('## Axe 2')).toBeGreaterThan(sheets);
    expect(md).toContain('#### Fiche action\u00a0: «\u202fCréer des permanences itinérantes « France services » dans les communes rurales\u202f»');
    expect(md).toContain('##### Synthèse des enjeux');
    expect(md).toContain('##### Qui est directement intéressé à faire avancer cela\u00a0?');
    expect(lines(md)).toContain('- Médiathèque de Saint-Céré');
    expect(md).toContain('**Faisabilité**\u00a0: 3 sur 4');
    expect(md).toContain('**Impact**\u00a0: Non traité');
    expect(md).toContain(`##### ${RENAMED_INDICATORS}`);
    expect(md).toContain(`##### ${ADDED_FIELD}`);
    expect(md).toContain('Environ 85 000 € par an');
    expect(lines(md)).toContain('- Pas de bus vers la sous-préfecture le samedi — *Maëlle*');
  });

  it('JSON archive: the readable snapshot carries the sheets and the session\'s template', () => {
    const archive = buildArchive(content, { exportedAt: 0 });
    const axis1 = archive.rooms['axe-1']!.snapshot as { sheets: { keyIdeaId: string; texts: Record<string, string>; scales: Record<string, number> }[] };
    expect(axis1.sheets[0]).toMatchObject({ keyIdeaId: 'k1', scales: { feasibility: 3 } });
    expect(axis1.sheets[0]!.texts['partners']).toBe(SHEET_TEXTS.partners);
    const plenary = archive.rooms['plenary']!.snapshot as { sheetTemplate: { id: string; label: string }[] };
    expect(plenary.sheetTemplate.at(-1)).toMatchObject({ id: 'budget', label: ADDED_FIELD });
  });

  it('JSON archive: imported back, the sheets and the template read the same', () => {
    const parsed = parseArchive(JSON.parse(renderJson(content, { exportedAt: 0 })));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const restored = buildReport({ session: { ...parsed.value.session, id: 'restored' }, rooms: parsed.value.rooms });
    expect(restored.groups.map((g) => g.sheets)).toEqual(buildReport(content).groups.map((g) => g.sheets));
    // The texts live in top-level types of the group's document (board SPEC S2): the state carries them.
    const fields = JSON.stringify(restored.groups[0]!.sheets[0]!.fields);
    for (const text of [SHEET_TEXTS.stakes, SHEET_TEXTS.budget]) expect(fields).toContain(JSON.stringify(text).slice(1, -1));
  });

  describe('PDF', () => {
    let file: string;
    let text: string;
    beforeAll(async () => {
      requirePoppler();
      file = savePdf('action-sheets.pdf', await renderPdf(content, { exportedAt: Date.UTC(2025, 2, 14, 17, 0) }));
      text = squash(pdfText(file));
    });

    it('reads back every field of the sheet, accents intact, after the key ideas', () => {
      const at = (s: string) => {
        const index = text.indexOf(squash(s));
        expect(index, s).toBeGreaterThan(-1);
        return index;
      };
      const start = at('Fiches actions');
      expect(start).toBeGreaterThan(at('Idées clés'));
      expect(at('Fiche action : « Créer des permanences itinérantes « France services » dans les communes rurales »')).toBeGreaterThan(start);
      for (const label of [
        'Synthèse des enjeux', 'Description de l’action et étapes de mise en œuvre', 'Dans 3 ans nous aurons réalisé / entre les mains',
        'Partenaires et acteurs concernés', 'Qui est directement intéressé à faire avancer cela ?', 'Conditions de réussite',
        RENAMED_INDICATORS, 'Faisabilité : 3 sur 4', 'Impact : Non traité', ADDED_FIELD, 'Notes d’origine',
      ]) {
        expect(at(label)).toBeGreaterThan(start);
      }
      for (const value of Object.values(SHEET_TEXTS)) {
        for (const line of value.split('\n')) at(line);
      }
      expect(at('Pas de bus vers la sous-préfecture le samedi')).toBeGreaterThan(0);
    });

    it('bookmarks each sheet under its group, and renders its page for people to look at', () => {
      const [axis1] = pdfOutline(file);
      expect(axis1!.children.map((c) => squash(c.title))).toContain(
        'Fiche action : « Créer des permanences itinérantes « France services » dans les communes rurales »',
      );
      expect(renderPages(file, 'action-sheets-page', 2, 3).length).toBe(2);
    });
  });
});
