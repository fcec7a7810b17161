/**
 * The PDF, read back with poppler: its text, pages, bookmarks, metadata and structure, and its
 * pages rendered to PNG in test-results/export/ for people to look at.
 */
import { existsSync, statSync } from 'node:fs';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNote, getPlenaryGroupsMap, initBoard, pushKeyIdeas } from '@concerto/board';
import { buildSampleSession } from './fixtures/sampleSession.js';
import { renderPdf } from './index.js';
import { pdfInfo, pdfMeta, pdfOutline, pdfStrings, pdfStructure, pdfText, renderPages, requirePoppler, savePdf } from '../test/pdfTools.js';

const EXPORTED_AT = Date.UTC(2024, 8, 18, 16, 0);
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('PDF compte-rendu of a realistic session', () => {
  const content = buildSampleSession({ groups: 10, notesPerGroup: 24, votes: true });
  let bytes: Uint8Array;
  let file: string;
  let text: string;

  beforeAll(async () => {
    requirePoppler();
    bytes = await renderPdf(content, { exportedAt: EXPORTED_AT });
    file = savePdf('sample.pdf', bytes);
    text = squash(pdfText(file));
  });

  it('prints the cover: title, date, questions, groups, participants and notes', () => {
    const cover = squash(pdfText(file, { first: 1, last: 1 }));
    expect(cover).toContain('Feuille de route départementale pour l’inclusion numérique');
    expect(cover).toContain('18 septembre 2024');
    expect(cover).toContain('Qu’est-ce qui vous semble le plus important à prendre en compte');
    expect(cover).toContain('Salle principale');
    // 10 × 24 notes by the fixture's distinct authors (name + structure)
    expect(cover).toMatch(/240 notes écrites par \d+ personnes/);
  });

  it('prints every group with its regroupements, notes, accents and key ideas', () => {
    for (const label of ['autonomie des usagers', 'multiplicité des comptes / authentification', 'accès à du matériel (matériel obsolète)']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Faire « avec » la personne plutôt que « à sa place »');
    expect(text).toContain('Mettre en œuvre un accueil « sans rendez-vous » dans chaque commune');
    expect(text).toContain('Ça prend du temps');
    expect(text).toContain('François');
    expect(text).toContain('Les deux idées clés partagées sont :');
    expect(text).toContain('Proposer un accès qui ne soit pas uniquement numérique et travailler en transversalité avec d’autres partenaires');
    // Groupe 5 shared one idea only
    expect(text).toContain('L’idée clé partagée est :');
    expect(text).toContain('Notes sans regroupement');
  });

  it('prints the plenary: themes, syntheses, provenance and votes', () => {
    const last = pdfInfo(file)['Pages'];
    const plenary = squash(pdfText(file, { first: Number(last) - 2 }));
    expect(plenary).toContain('Plénière');
    expect(plenary).toContain('Garder un accès humain');
    expect(plenary).toContain('Les groupes demandent qu’une démarche ne soit jamais uniquement numérique');
    expect(plenary).toMatch(/Groupe 1 · \d+ votes?/);
    expect(plenary).toContain('1 groupe n’a rien partagé : Salle principale.');
    // both votes, the earlier themes vote included, with question, time, voters and counts
    expect(plenary).toContain('Vote 1 — Quels thèmes prioriser ?');
    expect(plenary).toMatch(/Sur les thèmes, de \d+ h \d+ à \d+ h \d+ : 4 personnes ont voté, 3 votes chacune\./);
    expect(plenary).toMatch(/Garder un accès humain 6 votes/);
    expect(plenary).toContain('Vote 2 sur les idées');
    expect(plenary).toMatch(/Sur les idées, de \d+ h \d+ à \d+ h \d+ : 30 personnes ont voté/);
  });

  it('has numbered pages, one section per group, and French metadata', () => {
    const info = pdfInfo(file);
    const pages = Number(info['Pages']);
    expect(pages).toBeGreaterThanOrEqual(1 + 10 + 1);
    expect(pages).toBeLessThan(60);
    expect(text).toContain(`Page 1 sur ${pages}`);
    expect(text).toContain(`Page ${pages} sur ${pages}`);
    expect(info['Title']).toBe('Compte-rendu de séance — Feuille de route départementale pour l’inclusion numérique — webinaire de lancement');
    expect(info['Author']).toBe('Concerto');
    expect(info['Subject']).toContain('18 septembre 2024');
    expect(info['Tagged']).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    expect(Buffer.from(bytes).includes('/Lang (fr-FR)')).toBe(true);
    expect(Buffer.from(bytes).includes('/DisplayDocTitle true')).toBe(true);
  });

  it('declares PDF/A-3a with an sRGB output intent and embeds its fonts', () => {
    const meta = pdfMeta(file);
    expect(meta).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
    expect(Buffer.from(bytes).includes('/OutputIntents')).toBe(true);
    expect(Buffer.from(bytes).includes('/Helvetica')).toBe(false);
  });

  it('has a bookmark per group (with its regroupements) and one for the plenary, in page order', () => {
    const outline = pdfOutline(file);
    expect(outline.map((item) => item.title)).toEqual([...content.session.groups.map((g) => g.name), 'Plénière']);
    expect(outline[0]!.children.map((c) => c.title)).toEqual(['autonomie des usagers', 'multiplicité des comptes / authentification', 'accès à du matériel (matériel obsolète)']);
    expect(outline[10]!.children.map((c) => c.title)).toContain('Garder un accès humain');
    const pages = outline.map((item) => item.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages[0]).toBe(2);
  });

  it('is tagged: headings, lists and a figure with an alternative text per group', () => {
    const structure = pdfStructure(file);
    for (const tag of ['Document', 'Sect', 'H1', 'H2', 'H3', 'H4', 'L', 'LI', 'Lbl', 'LBody', 'P', 'Figure']) {
      expect(structure, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }
    const alts = pdfStrings(bytes, 'Alt');
    expect(alts).toHaveLength(10);
    expect(alts[0]).toContain('Tableau du Groupe 1 : 24 notes');
    expect(alts[0]).toContain('« autonomie des usagers »');
    expect(alts[0]).toContain('étoile');
  });

  it('renders to PNG pages (cover, a group, the plenary) for people to look at', () => {
    const pages = Number(pdfInfo(file)['Pages']);
    const files = [...renderPages(file, 'sample-page', 1, 3), ...renderPages(file, 'sample-page', pages - 1, pages)];
    for (const png of files) {
      expect(existsSync(png), png).toBe(true);
      expect(statSync(png).size).toBeGreaterThan(5_000);
    }
  });
});

describe('PDF of large sessions', () => {
  it('renders 10 groups × 50 notes, a page or more per group', async () => {
    // Its speed is measured by the benchmark (npm run bench, scenario export), not here.
    const content = buildSampleSession({ groups: 10, notesPerGroup: 50 });
    const bytes = await renderPdf(content);
    savePdf('sample-10x50.pdf', bytes);
    const pages = (Buffer.from(bytes).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(10);
  });

  it('scales a huge board down to one figure and flows its text over many pages', async () => {
    requirePoppler();
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1' });
    for (let i = 0; i < 400; i++) {
      createNote(doc, { id: `n${i}`, text: `Note numéro ${i} : une idée parmi beaucoup d’autres`, x: (i % 25) * 240, y: Math.floor(i / 25) * 200, author: `Personne ${i % 40}`, createdAt: i });
    }
    const content = {
      session: { id: 'big', title: 'Très grand tableau', questions: [], keyIdeaLimit: 2, groups: [{ id: 'groupe-1', name: 'Groupe 1' }], createdAt: 0, settings: {} },
      rooms: { 'groupe-1': Y.encodeStateAsUpdate(doc) },
    };
    const bytes = await renderPdf(content, { exportedAt: EXPORTED_AT });
    const file = savePdf('huge-board.pdf', bytes);
    const info = pdfInfo(file);
    expect(Number(info['Pages'])).toBeGreaterThan(8);
    const text = squash(pdfText(file));
    expect(text).toContain('Note numéro 0 : une idée');
    expect(text).toContain('Note numéro 399 : une idée');
    // The figure's box lies within the page's text area.
    const bbox = /\/S \/Figure[\s\S]*?\/BBox \[([\d. -]+)\]/.exec(Buffer.from(bytes).toString('latin1'));
    const [x1, y1, x2, y2] = bbox![1]!.trim().split(/\s+/).map(Number) as [number, number, number, number];
    expect(x1).toBeGreaterThanOrEqual(56 - 0.01);
    expect(x2).toBeLessThanOrEqual(595.28 - 56 + 0.01);
    expect(y1).toBeGreaterThan(0);
    expect(y2).toBeLessThan(841.89);
    renderPages(file, 'huge-board', 1, 3);
  });
});

describe('PDF of a webinar where 6 groups of 10 shared nothing (issue 12, item 6)', () => {
  it('says who shared and who did not, and gives the empty groups one short line, not a page each', async () => {
    requirePoppler();
    const content = buildSampleSession({ groups: 10, notesPerGroup: 12, votes: true });
    const groups = content.session.groups;
    const rooms: Record<string, Uint8Array> = { ...content.rooms };
    const plenary = new Y.Doc();
    Y.applyUpdate(plenary, rooms['plenary']!);
    groups.slice(4).forEach((g, i) => {
      delete rooms[g.id];
      // four of them pressed « Partager » with nothing chosen; the last two never did
      if (i < 4) pushKeyIdeas(plenary, { groupId: g.id, name: g.name, pushedAt: EXPORTED_AT - 3_600_000, keyIdeas: [] });
      else getPlenaryGroupsMap(plenary).delete(g.id);
    });
    rooms['plenary'] = Y.encodeStateAsUpdate(plenary);
    const bytes = await renderPdf({ ...content, rooms }, { exportedAt: EXPORTED_AT });
    const file = savePdf('six-silent-groups.pdf', bytes);
    const text = squash(pdfText(file));
    expect(text).toContain('4 groupes sur 10 ont partagé leurs idées clés en plénière.');
    expect(text).not.toContain('10 groupes sur 10');
    expect(text).toContain(`6 groupes n’ont rien partagé : ${groups.slice(4).map((g) => g.name).join(', ')}.`);
    expect(text).toContain(`Ces 6 groupes n’ont écrit aucune note ni choisi d’idée clé : ${groups.slice(4).map((g) => g.name).join(', ')}.`);
    // a page or two for each of the four groups with notes, the cover and the plenary: no blank page per empty group
    const pages = Number(pdfInfo(file)['Pages']);
    expect(pages).toBeLessThanOrEqual(1 + 4 * 2 + 3);
    for (let page = 1; page <= pages; page++) {
      const words = squash(pdfText(file, { first: page, last: page })).replace(/Compte-rendu.*Page \d+ sur \d+/, '').trim();
      expect(words.length, `page ${page}`).toBeGreaterThan(120);
    }
    // every group keeps its bookmark
    const outline = pdfOutline(file);
    const titles = outline.flatMap((item) => [item.title, ...item.children.map((c) => c.title)]);
    for (const g of groups) expect(titles).toContain(g.name);
    renderPages(file, 'six-silent-page', pages - 2, pages);
  });
});

describe('emoji in the PDF (issue 12, minor list)', () => {
  it('prints emoji with the embedded emoji font, never as a box or « � »', async () => {
    requirePoppler();
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1' });
    createNote(doc, { id: 'e1', text: 'Super idée 👍🏽 pour les familles 👨‍👩‍👧 🦄', x: 0, y: 0, author: 'Odette', createdAt: 1 });
    const content = {
      session: { id: 'emoji', title: 'Séance 🎉', questions: [], keyIdeaLimit: 2, groups: [{ id: 'groupe-1', name: 'Groupe 1' }], createdAt: 0, settings: {} },
      rooms: { 'groupe-1': Y.encodeStateAsUpdate(doc) },
    };
    const bytes = await renderPdf(content, { exportedAt: EXPORTED_AT });
    const file = savePdf('emoji.pdf', bytes);
    const text = pdfText(file);
    expect(text).not.toContain('\ufffd');
    expect(text).toContain('👍');
    expect(text).toContain('🦄');
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/NotoEmoji/);
    renderPages(file, 'emoji-page', 2, 2);
  });
});
