/**
 * A board laid out in zones (packages/board R25) in every format: the Markdown and the PDF (read
 * back with pdftotext) print each zone as a section under its question, accents intact; the JSON
 * archive carries the zones; a schema-1 archive still imports and reads as a « Libre » board.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNote, getMetaMap, initBoard, snapshotBoard } from '@concerto/board';
import { buildFollowUpSession } from './fixtures/followUpSession.js';
import { buildArchive, buildReport, parseArchive, renderJson, renderMarkdown, renderPdf } from './index.js';
import type { ConcertoArchive } from './index.js';
import { pdfOutline, pdfText, requirePoppler, savePdf } from '../test/pdfTools.js';

const AT = Date.UTC(2025, 2, 12, 17, 0);
const squash = (s: string) => s.replace(/\s+/g, ' ');

const ZONES = [
  ['Ce qui a été identifié en concertation précédente', 'Ce que la concertation précédente a retenu, pour s’appuyer dessus.'],
  ['Enjeux', 'Quels enjeux sont pour nous les plus importants et comment les (re)formulons-nous ?'],
  ['Objectifs', 'À quoi serons-nous arrivés dans 3 ou 4 ans ?'],
  ['Actions', 'Quelles sont les actions à mettre en œuvre ?'],
  ['Actions prioritaires', 'Quelles sont les 3 ou 4 actions prioritaires, reformulées ?'],
] as const;
/**
 * What the compte-rendu shows: the fixture's boards were made with the read-only carry-over zone
 * but its session carried nothing over, so that zone has no section (an empty one said « Rien
 * n’a été écrit », as if an axis had been lost); the JSON archive keeps the document whole.
 */
const SHOWN = ZONES.slice(1);

/** Index of each needle in `text`, searching after the previous one: -1 once one is missing or out of order. */
function inOrder(text: string, needles: readonly string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = text.indexOf(needle, from);
    if (at >= 0) from = at + needle.length;
    return at;
  });
}

describe('zones in the compte-rendu', () => {
  const content = buildFollowUpSession();

  it('R25 the report lists each axis’s zones in board order with their notes and key ideas', () => {
    const report = buildReport(content);
    const axis = report.groups[0]!;
    expect(axis.zones.map((zone) => [zone.title, zone.question])).toEqual(SHOWN.map(([t, q]) => [t, q]));
    const actions = axis.zones[2]!;
    expect(actions.unclustered.map((note) => note.text)).toContain('Créer un réseau de prêt d’ordinateurs reconditionnés');
    expect(axis.zones[0]!.clusters.map((c) => c.label)).toEqual(['Accès et accompagnement']);
    // « Actions » counts 3 key ideas, « Enjeux » its one: 4 in all, past the session's limit of 2.
    expect(axis.keyIdeas.map((idea) => idea.zone)).toEqual(['Actions', 'Actions', 'Actions', 'Enjeux']);
    expect(axis.zones.filter((zone) => zone.readOnly)).toEqual([]);
  });

  it('R25 the Markdown prints each zone as a section with its question, in order, accents intact', () => {
    const md = renderMarkdown(content, { exportedAt: AT });
    const axis = md.slice(md.indexOf('## Axe 1'), md.indexOf('## Axe 2'));
    const headings = SHOWN.flatMap(([title, question]) => [`### ${title}`, `*${question}*`]);
    expect(axis).not.toContain(ZONES[0][0]);
    expect(inOrder(axis, headings).every((at) => at >= 0)).toBe(true);
    expect(axis).not.toContain('Rien n’a été écrit dans cette zone.');
    expect(axis).toContain('- ★ Ouvrir des permanences « sans rendez-vous » en médiathèque — *Anaïs*');
    expect(axis).toContain('Un lieu d’accueil numérique par bassin de vie, d’ici 2027');
    expect(axis).toMatch(/2\. Former les agents d’accueil des mairies à l’accompagnement — \*Actions\*/);
  });

  describe('PDF', () => {
    let file: string;
    let text: string;
    beforeAll(async () => {
      requirePoppler();
      file = savePdf('zones.pdf', await renderPdf(content, { exportedAt: AT }));
      text = squash(pdfText(file));
    });

    it('R25 prints each zone as a section under its question, in board order, accents intact', () => {
      const axis = text.slice(text.indexOf('Axe 1 – Équiper et accompagner les publics'), text.lastIndexOf('Axe 2 – Coordonner'));
      expect(axis).not.toContain(ZONES[0][0]);
      const order = inOrder(axis, SHOWN.flatMap(([title, question]) => [title, question]));
      expect(order.every((at) => at >= 0), JSON.stringify(order)).toBe(true);
      expect(text).toContain('Accompagner sans faire « à la place » des personnes');
      expect(text).toContain('Les aidants numériques s’épuisent : reconnaître leur rôle');
      expect(text).not.toContain('Repris de la concertation précédente.');
      expect(text).toContain('Les quatre idées clés partagées sont :');
    });

    it('R25 bookmarks each zone under its axis', () => {
      const outline = pdfOutline(file);
      const axis = outline.find((item) => item.title.startsWith('Axe 1'));
      expect(axis?.children?.map((child) => child.title)).toEqual(expect.arrayContaining(SHOWN.map(([title]) => title)));
    });
  });

  it('R25 the JSON archive carries the zones and every note’s zone, and round-trips', () => {
    const archive = JSON.parse(renderJson(content, { exportedAt: AT })) as ConcertoArchive;
    const snapshot = archive.rooms['axe-1']!.snapshot as ReturnType<typeof snapshotBoard>;
    expect(snapshot.zones.map((zone) => zone.question)).toEqual(ZONES.map(([, q]) => q));
    expect(snapshot.notes.every((note) => note.zone !== null)).toBe(true);
    expect(archive.session.settings['template']).toEqual({ kind: 'enjeux-objectifs-actions' });
    const parsed = parseArchive(archive);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const again = buildArchive({ session: { ...parsed.value.session, id: 'x' }, rooms: parsed.value.rooms }, { exportedAt: AT });
    expect(again.rooms['axe-1']!.snapshot).toEqual(snapshot);
  });
});

describe('R25 an archive of schema-1 boards', () => {
  /** A room as Concerto wrote it before zones: `schema = 1`, no `zones`, no `template`. */
  function schemaOneRoom(): Uint8Array {
    const doc = new Y.Doc();
    const meta = getMetaMap(doc);
    meta.set('schema', 1);
    meta.set('groupId', 'groupe-1');
    meta.set('name', 'Groupe 1');
    createNote(doc, { id: 'n1', text: 'Garder un accueil humain à côté du numérique', x: 40, y: 60, author: 'Hélène', createdAt: 1 });
    return Y.encodeStateAsUpdate(doc);
  }

  const archive = {
    format: 'concerto-archive',
    version: 1,
    exportedAt: '2024-09-18T16:00:00.000Z',
    session: { id: 'old', title: 'Webinaire de lancement', questions: [], keyIdeaLimit: 2, groups: [{ id: 'groupe-1', name: 'Groupe 1' }], createdAt: 1, settings: {} },
    rooms: { 'groupe-1': { state: Buffer.from(schemaOneRoom()).toString('base64') } },
  };

  it('R25 imports, reads as a « Libre » board, and exports as before: no zone sections', () => {
    const parsed = parseArchive(archive);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const content = { session: { ...parsed.value.session, id: 'restored' }, rooms: parsed.value.rooms };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, parsed.value.rooms['groupe-1']!);
    expect(snapshotBoard(doc)).toMatchObject({ meta: { schema: 1 }, zones: [], notes: [{ text: 'Garder un accueil humain à côté du numérique', zone: null }] });
    // What the server does when it loads the restored room: the migration, idempotent.
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1', template: { kind: 'enjeux-objectifs-actions' } });
    expect(snapshotBoard(doc)).toMatchObject({ meta: { schema: 2, template: 'libre' }, zones: [] });
    const md = renderMarkdown(content, { exportedAt: AT });
    expect(md).toContain('### Notes sans regroupement');
    expect(md).toContain('Garder un accueil humain à côté du numérique');
    expect(buildReport(content).groups[0]!.zones).toEqual([]);
  });
});
