/**
 * The compte-rendu as Markdown, shaped like the organisers' written reports: per group its
 * regroupements and notes, then « Les deux idées clés partagées sont : … », then the plenary.
 *
 * Everything people typed is escaped, so it stays literal text in any CommonMark or GitHub
 * renderer: no emphasis, heading, link, image, raw HTML, table or autolink can come from a
 * note, a label or a name.
 */
import { frenchDay, frenchTime, isoDayOf } from './dates.js';
import { buildReport } from './model.js';
import type { Report, ReportCluster, ReportIdea, ReportNote, ReportSheet, ReportZone } from './model.js';
import { oneLine } from './text.js';
import type { SessionContent } from './types.js';
import {
  carriedOverSource, carriedOverVotes, emptyGroupsLine, exportedLine, groupSummary, ideaByline, keyIdeasLead, NBSP, plenaryLead, scaleLine, sessionSummary, sheetFieldLabel,
  sheetTitle, silentGroups, unvotedLine, voteOption, votes, voteSummary, voteTitle, WORDS,
} from './wording.js';

/** Characters with a Markdown meaning anywhere in a line (CommonMark lets any ASCII punctuation be escaped). */
const INLINE = /[\\`*_[\]<>#|~&!$]/g;

function escapeLine(line: string): string {
  return line
    .trimStart() // leading spaces would make an indented code block
    .replace(INLINE, '\\$&')
    // what starts a block at the start of a line: list markers, setext underlines, ordered lists
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    // bare URLs and www. addresses that GitHub-flavoured renderers would turn into links
    .replace(/\b(https?|ftp|mailto|www)([:.])/gi, '$1\\$2')
    .replace(/@/g, '\\@');
}

/** Escapes text for Markdown; lines after the first are indented by `indent` spaces. */
export function escapeMarkdown(text: string, indent = 0): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line, i) => (line.trim() === '' ? '' : (i === 0 ? '' : pad) + escapeLine(line)))
    .join('\n');
}

/** One line of escaped text (headings, names). */
export function inline(text: string): string {
  return escapeMarkdown(oneLine(text));
}

/** A list item; continuation lines are indented under its text, so they stay in the item. */
export function bullet(text: string, byline?: string, marker = '-', prefix = ''): string {
  const body = escapeMarkdown(text, marker.length + 1) || '*(vide)*';
  const by = byline !== undefined && byline !== '' ? ` — *${inline(byline)}*` : '';
  return `${marker} ${prefix}${body}${by}`;
}

function noteLine(note: ReportNote): string {
  const byline = [note.author, note.origin ?? ''].filter((part) => part !== '').join(', ');
  return bullet(note.text, byline, '-', note.keyIdea ? '★ ' : '');
}

function ideaLine(idea: ReportIdea): string {
  return bullet(idea.text, ideaByline(idea));
}

/** Clusters and free notes, under headings one level below `level`. */
function writeNotes(out: string[], content: { clusters: ReportCluster[]; unclustered: ReportNote[] }, level: number): void {
  const h = (n: number) => '#'.repeat(Math.min(6, n));
  if (content.clusters.length > 0) {
    out.push(`${h(level)} ${WORDS.clusters}`, '');
    for (const cluster of content.clusters) {
      out.push(`${h(level + 1)} ${cluster.label === '' ? WORDS.untitled : inline(cluster.label)}${cluster.keyIdea ? ' ★' : ''}`, '');
      if (cluster.keyIdea) out.push(`*${WORDS.clusterIsKeyIdea}*`, '');
      for (const note of cluster.notes) out.push(noteLine(note));
      if (cluster.notes.length > 0) out.push('');
    }
  }
  if (content.unclustered.length > 0) {
    // On a zoned board the zone's heading says where the notes are: no « sans regroupement » heading when there is no cluster.
    if (level === 3 || content.clusters.length > 0) out.push(`${h(level)} ${WORDS.unclustered}`, '');
    for (const note of content.unclustered) out.push(noteLine(note));
    out.push('');
  }
}

/** A zone as a section: its title, its question, then its notes (packages/board R25). */
function writeZone(out: string[], zone: ReportZone): void {
  out.push(`### ${inline(zone.title)}`, '');
  if (zone.question !== '') out.push(`*${escapeMarkdown(oneLine(zone.question))}*`, '');
  if (zone.readOnly) out.push(WORDS.readOnlyZone, '');
  // The axis the board shows there, with its votes: « Rien n’a été écrit » read as if it were empty.
  for (const item of zone.carriedOver) out.push(bullet(item.title === '' ? WORDS.untitled : item.title, carriedOverVotes(item)));
  if (zone.carriedOver.length > 0) out.push('');
  else if (zone.clusters.length === 0 && zone.unclustered.length === 0) out.push(WORDS.emptyZone, '');
  writeNotes(out, zone, 4);
}

function writeGroup(out: string[], report: Report, index: number): void {
  const group = report.groups[index]!;
  out.push(`## ${inline(group.name)}`, '', `*${groupSummary(group)}*`, '');
  if (group.clusters.length === 0 && group.unclustered.length === 0) out.push(WORDS.noNotes, '');
  if (group.zones.length > 0) for (const zone of group.zones) writeZone(out, zone);
  else writeNotes(out, group, 3);
  out.push(`### ${WORDS.keyIdeas}`, '', keyIdeasLead(group.keyIdeas.length), '');
  group.keyIdeas.forEach((idea, i) => out.push(bullet(idea.text, idea.zone ?? undefined, `${i + 1}.`)));
  if (group.keyIdeas.length > 0) out.push('');
  writeSheets(out, group.sheets);
}

/** Each action sheet after the key ideas: its notes of origin, then every field of the template. */
function writeSheets(out: string[], sheets: readonly ReportSheet[]): void {
  if (sheets.length === 0) return;
  out.push(`### ${WORDS.sheets}`, '');
  for (const sheet of sheets) {
    out.push(`#### ${inline(sheetTitle(sheet))}`, '');
    writeSheetBody(out, sheet, 5);
  }
}

/** A sheet's notes of origin, then every field of the template, text fields under headings of `level` (the roadmap's too). */
export function writeSheetBody(out: string[], sheet: ReportSheet, level: number): void {
  if (sheet.sources.length > 0) {
    out.push(`*${WORDS.sheetSources}${NBSP}:*`, '');
    for (const note of sheet.sources) out.push(bullet(note.text, note.author));
    out.push('');
  }
  for (const field of sheet.fields) {
    const label = inline(sheetFieldLabel(field));
    if (field.kind === 'scale') {
      out.push(`**${label}**${NBSP}: ${scaleLine(field.scale)}`, '');
      continue;
    }
    out.push(`${'#'.repeat(Math.min(6, level))} ${label}`, '');
    if (field.kind === 'list' && field.items.length > 0) {
      for (const item of field.items) out.push(bullet(item));
      out.push('');
    } else if (field.kind === 'text' && field.text !== '') {
      out.push(escapeMarkdown(field.text), '');
    } else {
      out.push(`*${WORDS.sheetEmptyField}*`, '');
    }
  }
}

/** What earlier concertations identified, before this session's groups: each axis, its votes by territory, its sources. */
function writeCarriedOver(out: string[], report: Report): void {
  if (report.carriedOver.length === 0) return;
  out.push(`## ${WORDS.carriedOver}`, '', `*${WORDS.carriedOverLead}*`, '');
  for (const item of report.carriedOver) {
    out.push(`### ${item.title === '' ? WORDS.untitled : inline(item.title)}`, '', `**${inline(carriedOverVotes(item))}**`, '');
    if (item.sources.length > 0) {
      out.push(`*${WORDS.carriedOverSources}${NBSP}:*`, '');
      for (const source of item.sources) out.push(bullet(carriedOverSource(source)));
      out.push('');
    }
  }
}

function writePlenary(out: string[], report: Report): void {
  const { plenary } = report;
  out.push(`## ${WORDS.plenary}`, '', plenaryLead(report), '');
  const silent = silentGroups(report);
  if (silent !== null) out.push(escapeMarkdown(silent), '');
  for (const theme of plenary.themes) {
    const count = theme.votes === null ? '' : ` (${votes(theme.votes)})`;
    out.push(`### ${theme.label === '' ? WORDS.untitled : inline(theme.label)}${count}`, '');
    if (theme.synthesis !== '') out.push(escapeMarkdown(theme.synthesis), '');
    for (const idea of theme.ideas) out.push(ideaLine(idea));
    if (theme.ideas.length > 0) out.push('');
  }
  if (plenary.unthemed.length > 0) {
    out.push(`### ${plenary.themes.length > 0 ? WORDS.unthemed : WORDS.sharedIdeas}`, '');
    for (const idea of plenary.unthemed) out.push(ideaLine(idea));
    out.push('');
  }
  if (plenary.votes.length > 0) {
    out.push(`### ${WORDS.votes}`, '');
    plenary.votes.forEach((vote, i) => {
      out.push(`#### ${inline(voteTitle(vote, i, plenary.votes.length))}`, '', voteSummary(vote), '');
      const counted = vote.options.filter((o) => o.count > 0);
      for (const option of counted) {
        const { text, byline } = voteOption(vote, option);
        out.push(bullet(text, byline));
      }
      if (counted.length > 0) out.push('');
      const unvoted = unvotedLine(vote);
      if (unvoted !== null) out.push(unvoted, '');
    });
  }
}

export interface MarkdownOptions {
  /** when the export was made; default now */
  exportedAt?: Date | number;
}

/** Renders an already built report (see `buildReport`). */
export function renderReportMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const at = new Date(options.exportedAt ?? Date.now()).getTime();
  const out: string[] = [
    `# ${WORDS.kicker} — ${inline(report.title)}`,
    '',
    `**${report.dayLabel}** · ${sessionSummary(report)}`,
    '',
  ];
  if (report.questions.length > 0) {
    out.push(`## ${WORDS.questions}`, '');
    report.questions.forEach((q, i) => out.push(bullet(q, undefined, `${i + 1}.`)));
    out.push('');
  }
  writeCarriedOver(out, report);
  report.groups.forEach((group, i) => {
    if (!group.empty) writeGroup(out, report, i);
  });
  const empty = emptyGroupsLine(report.groups.filter((g) => g.empty));
  if (empty !== null) out.push(`## ${WORDS.emptyGroups}`, '', escapeMarkdown(empty), '');
  writePlenary(out, report);
  out.push('---', '', `*${exportedLine(`${frenchDay(isoDayOf(at))} à ${frenchTime(at)}`)}*`, '');
  return out.join('\n');
}

/** The compte-rendu of a session as Markdown text. */
export function renderMarkdown(content: SessionContent, options: MarkdownOptions = {}): string {
  return renderReportMarkdown(buildReport(content), options);
}
