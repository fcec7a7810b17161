/**
 * What earlier concertations of the programme identified (issue 11 §3), right after the cover:
 * each axis this session took over, with its votes by territory and the themes it came from.
 */
import type { Report } from '../model.js';
import { carriedOverSource, carriedOverVotes, NBSP, WORDS } from '../wording.js';
import type { Flow, Struct } from './flow.js';
import { COLORS } from './style.js';

export function writeCarriedOver(flow: Flow, root: Struct, report: Report): void {
  if (report.carriedOver.length === 0) return;
  const { section, outline } = flow.openSection(root, WORDS.carriedOver);
  flow.paragraph(section, WORDS.carriedOverLead, { color: COLORS.muted, after: 6 });
  for (const item of report.carriedOver) {
    const title = item.title || WORDS.untitled;
    flow.heading(section, 3, title);
    outline.addItem(title);
    flow.paragraph(section, carriedOverVotes(item), { bold: true, after: 4 });
    if (item.sources.length > 0) {
      flow.paragraph(section, `${WORDS.carriedOverSources}${NBSP}:`, { color: COLORS.muted, after: 2 });
      flow.list(section, item.sources.map((source) => ({ label: '•', text: carriedOverSource(source) })));
    }
  }
  section.end();
}
