/**
 * The roadmap as a PDF: the compte-rendu's document (tagged PDF/A-3a, fonts, flow, footers,
 * sheet layout) with the roadmap's structure: a cover listing the démarche's sessions and its
 * axes, then one section per axis — votes by territory, stakes, objectives, actions, priority
 * actions with their sheets and those proposed but not yet chosen (an axis made of plenary
 * themes: its ideas) — each item with where it came from.
 */
import { frenchDay, frenchTime, isoDayOf } from '../dates.js';
import { openCover } from '../pdf/cover.js';
import { bundledFonts, Glyphs } from '../pdf/fonts.js';
import { Flow } from '../pdf/flow.js';
import type { ListItem, Struct } from '../pdf/flow.js';
import { writeSheetBody } from '../pdf/group.js';
import { collect, createDocument, writeFooters } from '../pdf/render.js';
import type { PdfOptions } from '../pdf/render.js';
import { COLORS, TYPE } from '../pdf/style.js';
import { truncate } from '../text.js';
import { carriedOverSource, carriedOverVotes, exportedLine, NBSP, quoted, sheetTitle, WORDS } from '../wording.js';
import { buildRoadmap } from './model.js';
import type { ProgrammeContent, Roadmap, RoadmapAxis, RoadmapItem } from './model.js';
import { originLine, ROADMAP_WORDS, roadmapSummary, sessionLine } from './wording.js';

function axisTitle(axis: RoadmapAxis, index: number): string {
  return axis.title || `${ROADMAP_WORDS.untitledAxis} ${index + 1}`;
}

function writeCover(flow: Flow, root: Struct, roadmap: Roadmap, exportedLabel: string): void {
  const section = openCover(flow, root, ROADMAP_WORDS.kicker, roadmap.title);
  flow.paragraph(section, roadmapSummary(roadmap), { color: COLORS.muted, after: 14 });
  flow.rule();
  flow.heading(section, 2, ROADMAP_WORDS.sessions);
  flow.list(section, roadmap.sessions.map((s) => ({ label: '•', text: s.title, byline: sessionLine(s) })));
  flow.heading(section, 2, ROADMAP_WORDS.axes);
  if (roadmap.axes.length === 0) flow.paragraph(section, ROADMAP_WORDS.noAxes);
  else if (roadmap.axesFrom === 'themes') flow.paragraph(section, ROADMAP_WORDS.themeAxes, { after: 6 });
  flow.list(section, roadmap.axes.map((axis, i) => ({ label: `${i + 1}.`, text: axisTitle(axis, i), byline: carriedOverVotes(axis) })), { indent: 18 });
  flow.space(12);
  flow.paragraph(section, exportedLine(exportedLabel), { size: TYPE.small, color: COLORS.muted });
  section.end();
}

function itemListEntry(item: RoadmapItem): ListItem {
  return { label: '•', text: item.text || ROADMAP_WORDS.emptyItem, byline: [item.author, originLine(item.origin)].filter((p) => p !== '').join(', ') };
}

function writeItems(flow: Flow, section: Struct, items: readonly RoadmapItem[], empty: string): void {
  if (items.length === 0) {
    flow.paragraph(section, empty, { color: COLORS.muted });
    return;
  }
  for (const item of items) {
    if (item.kind === 'cluster') {
      flow.list(section, [{ label: '•', text: item.text || WORDS.untitled, bold: true, byline: originLine(item.origin) }]);
      flow.list(section, item.notes.map(itemListEntry), { indent: 30 });
    } else {
      flow.list(section, [itemListEntry(item)]);
    }
  }
}

function writeAxis(flow: Flow, root: Struct, axis: RoadmapAxis, index: number, fromThemes: boolean): void {
  const title = axisTitle(axis, index);
  const { section, outline } = flow.openSection(root, title);
  flow.paragraph(section, carriedOverVotes(axis), { bold: true, after: 4 });
  if (axis.sources.length > 0) {
    flow.paragraph(section, `${ROADMAP_WORDS.sources}${NBSP}:`, { color: COLORS.muted, after: 2 });
    flow.list(section, axis.sources.map((source) => ({ label: '•', text: carriedOverSource(source), ...(source.session === '' ? {} : { byline: source.session }) })));
  }
  if (fromThemes) {
    flow.heading(section, 3, ROADMAP_WORDS.ideas);
    writeItems(flow, section, axis.ideas, ROADMAP_WORDS.noIdeas);
    flow.paragraph(section, ROADMAP_WORDS.themeAxis, { color: COLORS.muted });
    section.end();
    return;
  }
  flow.heading(section, 3, ROADMAP_WORDS.stakes);
  writeItems(flow, section, axis.stakes, ROADMAP_WORDS.noStakes);
  flow.heading(section, 3, ROADMAP_WORDS.objectives);
  writeItems(flow, section, axis.objectives, ROADMAP_WORDS.noObjectives);
  flow.heading(section, 3, ROADMAP_WORDS.actionIdeas);
  writeItems(flow, section, axis.actionIdeas, ROADMAP_WORDS.noActionIdeas);
  flow.heading(section, 3, ROADMAP_WORDS.actions);
  outline.addItem(ROADMAP_WORDS.actions);
  if (axis.actions.length === 0) flow.paragraph(section, axis.priorityProposals.length === 0 ? ROADMAP_WORDS.noActions : ROADMAP_WORDS.noActionsYet, { color: COLORS.muted });
  axis.actions.forEach((action, i) => {
    const heading = `${i + 1}. ${action.text || WORDS.untitled}`;
    flow.heading(section, 4, heading);
    outline.addItem(heading);
    flow.paragraph(section, originLine(action.origin), { size: TYPE.small, color: COLORS.muted, after: 4 });
    if (action.sheet === null) flow.paragraph(section, ROADMAP_WORDS.noSheet, { color: COLORS.muted });
    else writeSheetBody(flow, section, action.sheet, 5);
  });
  if (axis.priorityProposals.length > 0) {
    flow.heading(section, 4, ROADMAP_WORDS.priorityProposals);
    outline.addItem(ROADMAP_WORDS.priorityProposals);
    writeItems(flow, section, axis.priorityProposals, '');
  }
  if (axis.otherSheets.length > 0) {
    flow.heading(section, 3, ROADMAP_WORDS.otherSheets);
    for (const sheet of axis.otherSheets) {
      flow.heading(section, 4, sheetTitle(sheet));
      writeSheetBody(flow, section, sheet, 5);
    }
  }
  section.end();
}

/** Renders an already built roadmap (see `buildRoadmap`). */
export function renderRoadmapModelPdf(roadmap: Roadmap, options: PdfOptions = {}): Promise<Uint8Array> {
  const exportedAt = new Date(options.exportedAt ?? Date.now());
  const fonts = options.fonts ?? bundledFonts();
  const doc = createDocument({
    title: `${ROADMAP_WORDS.kicker} — ${truncate(roadmap.title, 180)}`,
    subject: `${ROADMAP_WORDS.kicker} de la démarche ${quoted(truncate(roadmap.title, 180))}`,
    keywords: ['feuille de route', 'démarche', 'axes', 'enjeux', 'objectifs', 'actions prioritaires', 'fiches actions'],
  }, exportedAt, fonts);
  const done = collect(doc);
  const flow = new Flow(doc, new Glyphs(fonts));
  const root = doc.struct('Document');
  doc.addStructure(root);
  writeCover(flow, root, roadmap, `${frenchDay(isoDayOf(exportedAt.getTime()))} à ${frenchTime(exportedAt.getTime())}`);
  roadmap.axes.forEach((axis, i) => writeAxis(flow, root, axis, i, roadmap.axesFrom === 'themes'));
  root.end();
  writeFooters(flow, `${ROADMAP_WORDS.kicker} — ${roadmap.title}`);
  doc.end();
  return done;
}

/** The roadmap of a démarche as PDF bytes. */
export function renderRoadmapPdf(content: ProgrammeContent, options: PdfOptions = {}): Promise<Uint8Array> {
  return renderRoadmapModelPdf(buildRoadmap(content), options);
}
