/** The first page: what the session was, when, what was asked, who took part. */
import type { Report } from '../model.js';
import { exportedLine, groupSummary, sessionSummary, WORDS } from '../wording.js';
import type { Flow, Struct } from './flow.js';
import { COLORS, TYPE } from './style.js';

/** A cover's tagged section, its coloured band, kicker and title (the compte-rendu's and the roadmap's). */
export function openCover(flow: Flow, root: Struct, kicker: string, title: string): Struct {
  const { doc } = flow;
  const section = doc.struct('Sect');
  root.add(section);
  // A coloured band across the top: decoration only.
  flow.artifact(() => {
    doc.rect(0, 0, doc.page.width, 10).fill(COLORS.accent);
  });
  doc.y = doc.page.margins.top + 24;
  flow.paragraph(section, kicker.toUpperCase(), { size: TYPE.small + 1, color: COLORS.accent, bold: true, after: 8 });
  flow.heading(section, 1, title);
  return section;
}

export function writeCover(flow: Flow, root: Struct, report: Report, exportedLabel: string): void {
  const section = openCover(flow, root, WORDS.kicker, report.title);
  flow.paragraph(section, report.dayLabel, { size: 13, color: COLORS.muted, after: 4 });
  flow.paragraph(section, sessionSummary(report), { color: COLORS.muted, after: 14 });
  flow.rule();

  if (report.questions.length > 0) {
    flow.heading(section, 2, WORDS.questions);
    flow.list(section, report.questions.map((text, i) => ({ label: `${i + 1}.`, text })));
  }

  flow.heading(section, 2, WORDS.groups);
  flow.list(section, report.groups.map((group) => ({ label: '•', text: group.name, byline: groupSummary(group) })));

  flow.space(12);
  flow.paragraph(section, exportedLine(exportedLabel), { size: TYPE.small, color: COLORS.muted });
  section.end();
}
