/**
 * One group's pages: its board pictured, then in words what the written reports list: its
 * regroupements with their notes, the notes left alone, and « les idées clés partagées ».
 */
import type { ReportCluster, ReportGroup, ReportNote, ReportSheet } from '../model.js';
import { carriedOverVotes, emptyGroupsLine, groupSummary, keyIdeasLead, NBSP, scaleLine, sheetFieldLabel, sheetTitle, WORDS } from '../wording.js';
import { drawBoard } from './board.js';
import type { Flow, ListItem, Struct } from './flow.js';
import { COLORS, STAR, TYPE } from './style.js';

/** The picture takes at most this much of a page, so the group's text starts beside it. */
const BOARD_MAX_HEIGHT = 430;

function noteItem(note: ReportNote): ListItem {
  const byline = [note.author, note.origin ?? ''].filter((part) => part !== '').join(', ');
  return { label: note.keyIdea ? STAR : '•', text: note.text || '(note vide)', byline };
}

export function writeGroup(flow: Flow, root: Struct, group: ReportGroup): void {
  const { doc } = flow;
  const { section, outline } = flow.openSection(root, group.name);
  flow.paragraph(section, groupSummary(group), { color: COLORS.muted, after: 10 });

  const room = Math.min(BOARD_MAX_HEIGHT, flow.bottom - doc.y - 40);
  if (drawBoard(flow, section, group, room)) {
    flow.paragraph(section, WORDS.boardCaption, { size: TYPE.small, color: COLORS.muted, after: 8 });
  } else {
    flow.paragraph(section, WORDS.noNotes);
  }

  if (group.zones.length > 0) {
    // A board laid out in zones reads zone by zone, each under its question (packages/board R25).
    for (const zone of group.zones) {
      flow.heading(section, 3, zone.title);
      outline.addItem(zone.title);
      if (zone.question !== '') flow.paragraph(section, zone.question, { color: COLORS.muted, after: 4 });
      if (zone.readOnly) flow.paragraph(section, WORDS.readOnlyZone, { size: TYPE.small, color: COLORS.muted, after: 3 });
      // The axis the board shows there, with its votes: « Rien n’a été écrit » read as if it were empty.
      if (zone.carriedOver.length > 0) flow.list(section, zone.carriedOver.map((item) => ({ label: '•', text: `${item.title || WORDS.untitled} — ${carriedOverVotes(item)}` })));
      else if (zone.clusters.length === 0 && zone.unclustered.length === 0) flow.paragraph(section, WORDS.emptyZone, { size: TYPE.small, after: 6 });
      writeNotes(flow, section, zone, 4, null);
    }
  } else {
    writeNotes(flow, section, group, 3, outline);
  }

  flow.heading(section, 3, WORDS.keyIdeas);
  flow.paragraph(section, keyIdeasLead(group.keyIdeas.length), { after: 4 });
  flow.list(section, group.keyIdeas.map((idea, i) => ({
    label: `${i + 1}.`,
    text: idea.text || '(idée sans texte)',
    bold: true,
    ...(idea.zone !== null ? { byline: idea.zone } : {}),
  })), { indent: 18 });
  writeSheets(flow, section, outline, group.sheets);
  section.end();
}

/** Each action sheet after the key ideas (a bookmark each): its notes of origin, then every field. */
function writeSheets(flow: Flow, section: Struct, outline: PDFKit.PDFOutline, sheets: readonly ReportSheet[]): void {
  if (sheets.length === 0) return;
  flow.heading(section, 3, WORDS.sheets);
  for (const sheet of sheets) {
    const title = sheetTitle(sheet);
    flow.heading(section, 4, title);
    outline.addItem(title);
    writeSheetBody(flow, section, sheet, 5);
  }
}

/** A sheet's notes of origin, then every field of the template, text fields under headings of `level` (the roadmap's too). */
export function writeSheetBody(flow: Flow, section: Struct, sheet: ReportSheet, level: 4 | 5): void {
  if (sheet.sources.length > 0) {
    flow.paragraph(section, `${WORDS.sheetSources}${NBSP}:`, { size: TYPE.small, color: COLORS.muted, after: 2 });
    flow.list(section, sheet.sources.map((note) => ({ label: '•', text: note.text || '(note vide)', byline: note.author })));
  }
  for (const field of sheet.fields) {
    const label = sheetFieldLabel(field);
    if (field.kind === 'scale') {
      flow.paragraph(section, `${label}${NBSP}: ${scaleLine(field.scale)}`, { bold: true, after: 4 });
      continue;
    }
    flow.heading(section, level, label);
    if (field.kind === 'list' && field.items.length > 0) flow.list(section, field.items.map((item) => ({ label: '•', text: item })));
    else if (field.kind === 'text' && field.text !== '') flow.paragraph(section, field.text);
    else flow.paragraph(section, WORDS.sheetEmptyField, { color: COLORS.muted });
  }
}

/** Clusters and free notes; on a zoned board (`level` 4) clusters are not in the outline and free notes need no heading. */
function writeNotes(
  flow: Flow,
  section: Struct,
  content: { clusters: ReportCluster[]; unclustered: ReportNote[] },
  level: 3 | 4,
  outline: { addItem(title: string): unknown } | null,
): void {
  if (content.clusters.length > 0) {
    if (level === 3) flow.heading(section, 3, WORDS.clusters);
    for (const cluster of content.clusters) {
      const label = cluster.label || WORDS.untitled;
      flow.heading(section, 4, label);
      outline?.addItem(label);
      if (cluster.keyIdea) flow.paragraph(section, `${STAR} ${WORDS.clusterIsKeyIdea}`, { size: TYPE.small, color: COLORS.keyIdea, after: 3 });
      flow.list(section, cluster.notes.map(noteItem));
    }
  }
  if (content.unclustered.length > 0) {
    if (level === 3 || content.clusters.length > 0) flow.heading(section, level, WORDS.unclustered);
    flow.list(section, content.unclustered.map(noteItem));
  }
}

/**
 * The groups with no note and no key idea: one short line under the last group, not a blank
 * page each. Each still gets a bookmark, so the outline lists every group.
 */
export function writeEmptyGroups(flow: Flow, root: Struct, groups: readonly ReportGroup[]): void {
  const line = emptyGroupsLine(groups);
  if (line === null) return;
  const { section, outline } = flow.openSection(root, WORDS.emptyGroups, { newPage: false });
  for (const group of groups) outline.addItem(group.name);
  flow.paragraph(section, line);
  section.end();
}
