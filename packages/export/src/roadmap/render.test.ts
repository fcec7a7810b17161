/**
 * The roadmap's three formats (issue 11 §5) from the follow-up concertation fixture: the PDF
 * read back with pdftotext (every axis, action and sheet field, accents intact), tagged, its
 * pages rendered to look at; the Markdown; the JSON archive, whose sessions import back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRoadmapContent, ROADMAP_AXES, ROADMAP_SHEET } from '../fixtures/roadmap.js';
import { buildRoadmap, parseArchive, renderRoadmapJson, renderRoadmapMarkdown, renderRoadmapPdf } from '../index.js';
import type { RoadmapArchive } from '../index.js';
import { originLine } from './wording.js';
import { pdfInfo, pdfOutline, pdfStructure, pdfText, renderPages, requirePoppler, savePdf } from '../../test/pdfTools.js';

const squash = (s: string) => s.replace(/\s+/g, ' ');
const SHEET_LABELS = [
  'Synthèse des enjeux', 'Description de l’action et étapes de mise en œuvre', 'Dans 3 ans nous aurons réalisé / entre les mains',
  'Partenaires et acteurs concernés', 'Qui est directement intéressé à faire avancer cela ?', 'Conditions de réussite', 'Indicateurs de réussite',
  'Faisabilité : 3 sur 4', 'Impact : 4 sur 4',
];
const sheetLines = Object.values(ROADMAP_SHEET).flatMap((v) => (typeof v === 'string' ? v.split('\n') : []));

describe('an item’s origin', () => {
  it('names the territory once, even when the session’s title already ends with it', () => {
    const origin = { sessionId: 's', session: 'Concertation de suivi — SUD', territory: 'SUD', round: 2, group: 'Groupe B' };
    expect(originLine(origin)).toBe('Concertation de suivi — SUD · tour\u00a02 · Groupe B');
    expect(originLine({ ...origin, session: 'Atelier de Figeac', round: null, group: null })).toBe('Atelier de Figeac · SUD');
  });
});

describe('the roadmap', () => {
  const content = buildRoadmapContent();
  const exportedAt = Date.UTC(2025, 5, 18, 9, 0);

  describe('PDF', () => {
    let file: string;
    let text: string;
    beforeAll(async () => {
      requirePoppler();
      file = savePdf('roadmap.pdf', await renderRoadmapPdf(content, { exportedAt }));
      text = squash(pdfText(file));
    });

    const at = (s: string, from = 0) => {
      const index = text.indexOf(squash(s), from);
      expect(index, s).toBeGreaterThan(-1);
      return index;
    };

    it('reads back every axis with its votes, stakes, objectives, actions and every sheet field, in order, accents intact', () => {
      at('FEUILLE DE ROUTE');
      at('Feuille de route de l’inclusion numérique');
      at('Concertation de lancement — NORD');
      at('Concertation de suivi — SUD');
      let from = at('Les séances de la démarche');
      for (const axis of ROADMAP_AXES) {
        // The cover lists the axes (first occurrence); each axis's own section comes after the previous one.
        const cover = at(axis.title);
        const section = text.indexOf(squash(axis.title), Math.max(cover + 1, from));
        expect(section, axis.title).toBeGreaterThan(from);
        for (const stake of axis.enjeux) at(stake, section);
        for (const objective of axis.objectifs) at(objective, section);
        from = section;
      }
      at('9 votes : NORD 5, OUEST 4');
      at('« Accompagner les publics éloignés » (NORD, 5 votes)');
      at('Concertation de suivi — SUD · tour 1 · Groupe A');
      const action = at('1. Ouvrir un lieu d’accueil numérique par bassin de vie d’ici 2027');
      at('Concertation de suivi — SUD · tour 3 · Groupe B', action);
      for (const label of SHEET_LABELS) at(label, action);
      for (const line of sheetLines) at(line, action);
      at('2. Un prêt de matériel reconditionné géré par les CCAS', action);
      at('Pas de fiche action pour cette action.', action);
      at('1. Un parcours « Aidant numérique » reconnu par le département');
      at('Aucune action prioritaire n’a été retenue.');
      expect(text).not.toMatch(/\uFFFD/);
    });

    it('is a tagged PDF with a bookmark per axis and its actions, and its pages render for people to look at', () => {
      expect(pdfInfo(file)['Tagged']).toBe('yes');
      expect(pdfStructure(file)).toContain('H2');
      const outline = pdfOutline(file);
      expect(outline.map((o) => squash(o.title))).toEqual(ROADMAP_AXES.map((a) => a.title));
      expect(outline[0]!.children.map((c) => squash(c.title))).toContain('1. Ouvrir un lieu d’accueil numérique par bassin de vie d’ici 2027');
      expect(renderPages(file, 'roadmap-page', 1, 3, 70).length).toBe(3);
    });
  });

  it('Markdown: the same structure, typed words escaped', () => {
    const md = renderRoadmapMarkdown(content, { exportedAt });
    expect(md.startsWith('# Feuille de route — Feuille de route de l’inclusion numérique')).toBe(true);
    const axis1 = md.indexOf(`## ${ROADMAP_AXES[0].title}`);
    const axis2 = md.indexOf(`## ${ROADMAP_AXES[1].title}`);
    expect(axis1).toBeGreaterThan(0);
    expect(axis2).toBeGreaterThan(axis1);
    const first = md.slice(axis1, axis2);
    expect(first).toContain('**9\u00a0votes\u00a0: NORD\u00a05, OUEST\u00a04**');
    expect(first).toContain('### Enjeux');
    expect(first).toContain('- Chaque commune a un lieu d’accueil numérique repéré — *');
    expect(first).toContain('#### 1. Ouvrir un lieu d’accueil numérique par bassin de vie d’ici 2027');
    expect(first).toContain('##### Synthèse des enjeux');
    expect(first).toContain('- Médiathèque de Saint-Céré');
    expect(first).toContain('**Impact**\u00a0: 4 sur 4');
    expect(first).toContain('tour\u00a03 · Groupe B');
  });

  it('JSON: the model beside every session as a full archive that imports back', () => {
    const archive = JSON.parse(renderRoadmapJson(content, { exportedAt })) as RoadmapArchive;
    expect(archive.format).toBe('concerto-roadmap');
    expect(archive.exportedAt).toBe('2025-06-18T09:00:00.000Z');
    expect(archive.programme.sessions.map((s) => s.territory)).toEqual(['NORD', 'OUEST', 'SUD']);
    expect(archive.roadmap).toEqual(JSON.parse(JSON.stringify(buildRoadmap(content))));
    const followUp = parseArchive(archive.sessions[2]);
    if (!followUp.ok) throw new Error(followUp.error.message);
    expect(followUp.value.session.carriedOver).toHaveLength(3);
    const rebuilt = buildRoadmap({
      ...content,
      sessions: archive.sessions.map((s, i) => {
        const parsed = parseArchive(s);
        if (!parsed.ok) throw new Error(parsed.error.message);
        return { territory: content.sessions[i]!.territory, date: content.sessions[i]!.date, content: { session: { ...parsed.value.session, id: s.session.id }, rooms: parsed.value.rooms } };
      }),
    });
    expect(rebuilt).toEqual(buildRoadmap(content));
  });
});
