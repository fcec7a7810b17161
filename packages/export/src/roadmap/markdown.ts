/**
 * The roadmap as Markdown: the démarche's sessions, then each axis with its votes by
 * territory, its stakes, objectives, actions and priority actions (each with its sheet, then
 * those proposed but not yet chosen); an axis made of plenary themes lists its ideas. Every
 * typed word goes through the compte-rendu's escaping (markdown.ts).
 */
import { frenchDay, frenchTime, isoDayOf } from '../dates.js';
import { bullet, escapeMarkdown, inline, writeSheetBody } from '../markdown.js';
import type { MarkdownOptions } from '../markdown.js';
import { carriedOverSource, carriedOverVotes, exportedLine, NBSP, sheetTitle, WORDS } from '../wording.js';
import { buildRoadmap } from './model.js';
import type { ProgrammeContent, Roadmap, RoadmapAxis, RoadmapItem } from './model.js';
import { originLine, ROADMAP_WORDS, roadmapSummary, sessionLine } from './wording.js';

function writeItems(out: string[], items: readonly RoadmapItem[], empty: string): void {
  if (items.length === 0) {
    out.push(`*${empty}*`, '');
    return;
  }
  for (const item of items) {
    if (item.kind === 'cluster') {
      out.push(bullet(item.text || WORDS.untitled, originLine(item.origin)));
      for (const note of item.notes) out.push(`  ${bullet(note.text || ROADMAP_WORDS.emptyItem, [note.author, originLine(note.origin)].filter((p) => p !== '').join(', '))}`);
    } else {
      out.push(bullet(item.text || ROADMAP_WORDS.emptyItem, [item.author, originLine(item.origin)].filter((p) => p !== '').join(', ')));
    }
  }
  out.push('');
}

function writeAxis(out: string[], axis: RoadmapAxis, index: number, fromThemes: boolean): void {
  out.push(`## ${inline(axis.title || `${ROADMAP_WORDS.untitledAxis} ${index + 1}`)}`, '', `**${inline(carriedOverVotes(axis))}**`, '');
  if (axis.sources.length > 0) {
    out.push(`*${ROADMAP_WORDS.sources}${NBSP}:*`, '');
    for (const source of axis.sources) out.push(bullet(carriedOverSource(source), source.session || undefined));
    out.push('');
  }
  if (fromThemes) {
    out.push(`### ${ROADMAP_WORDS.ideas}`, '');
    writeItems(out, axis.ideas, ROADMAP_WORDS.noIdeas);
    out.push(`*${escapeMarkdown(ROADMAP_WORDS.themeAxis)}*`, '');
    return;
  }
  out.push(`### ${ROADMAP_WORDS.stakes}`, '');
  writeItems(out, axis.stakes, ROADMAP_WORDS.noStakes);
  out.push(`### ${ROADMAP_WORDS.objectives}`, '');
  writeItems(out, axis.objectives, ROADMAP_WORDS.noObjectives);
  out.push(`### ${ROADMAP_WORDS.actionIdeas}`, '');
  writeItems(out, axis.actionIdeas, ROADMAP_WORDS.noActionIdeas);
  out.push(`### ${ROADMAP_WORDS.actions}`, '');
  if (axis.actions.length === 0) out.push(`*${axis.priorityProposals.length === 0 ? ROADMAP_WORDS.noActions : ROADMAP_WORDS.noActionsYet}*`, '');
  axis.actions.forEach((action, i) => {
    out.push(`#### ${i + 1}. ${inline(action.text || WORDS.untitled)}`, '', `*${inline(originLine(action.origin))}*`, '');
    if (action.sheet === null) out.push(`*${ROADMAP_WORDS.noSheet}*`, '');
    else writeSheetBody(out, action.sheet, 5);
  });
  if (axis.priorityProposals.length > 0) {
    out.push(`#### ${ROADMAP_WORDS.priorityProposals}`, '');
    writeItems(out, axis.priorityProposals, '');
  }
  if (axis.otherSheets.length > 0) {
    out.push(`### ${ROADMAP_WORDS.otherSheets}`, '');
    for (const sheet of axis.otherSheets) {
      out.push(`#### ${inline(sheetTitle(sheet))}`, '');
      writeSheetBody(out, sheet, 5);
    }
  }
}

/** Renders an already built roadmap (see `buildRoadmap`). */
export function renderRoadmapModelMarkdown(roadmap: Roadmap, options: MarkdownOptions = {}): string {
  const at = new Date(options.exportedAt ?? Date.now()).getTime();
  const out: string[] = [`# ${ROADMAP_WORDS.kicker} — ${inline(roadmap.title)}`, '', roadmapSummary(roadmap), ''];
  out.push(`## ${ROADMAP_WORDS.sessions}`, '');
  for (const session of roadmap.sessions) out.push(bullet(session.title, sessionLine(session)));
  if (roadmap.sessions.length > 0) out.push('');
  if (roadmap.axes.length === 0) out.push(escapeMarkdown(ROADMAP_WORDS.noAxes), '');
  else if (roadmap.axesFrom === 'themes') out.push(escapeMarkdown(ROADMAP_WORDS.themeAxes), '');
  roadmap.axes.forEach((axis, i) => writeAxis(out, axis, i, roadmap.axesFrom === 'themes'));
  out.push('---', '', `*${exportedLine(`${frenchDay(isoDayOf(at))} à ${frenchTime(at)}`)}*`, '');
  return out.join('\n');
}

/** The roadmap of a démarche as Markdown text. */
export function renderRoadmapMarkdown(content: ProgrammeContent, options: MarkdownOptions = {}): string {
  return renderRoadmapModelMarkdown(buildRoadmap(content), options);
}
