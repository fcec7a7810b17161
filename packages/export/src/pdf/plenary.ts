/** The plenary: the themes the facilitators drew from the groups' key ideas, with where each came from. */
import type { Report, ReportIdea } from '../model.js';
import { ideaByline, plenaryLead, silentGroups, voteLine, votes, WORDS } from '../wording.js';
import type { Flow, ListItem, Struct } from './flow.js';
import { COLORS } from './style.js';

function ideaItem(idea: ReportIdea): ListItem {
  return { label: '•', text: idea.text || '(idée sans texte)', byline: ideaByline(idea) };
}

export function writePlenary(flow: Flow, root: Struct, report: Report): void {
  const { plenary } = report;
  const { section, outline } = flow.openSection(root, WORDS.plenary);
  flow.paragraph(section, plenaryLead(report), { color: COLORS.muted, after: 4 });
  const silent = silentGroups(report);
  if (silent !== null) flow.paragraph(section, silent, { color: COLORS.muted, after: 4 });
  const vote = voteLine(report);
  if (vote !== null) flow.paragraph(section, vote, { color: COLORS.muted, after: 4 });
  flow.space(4);

  for (const theme of plenary.themes) {
    const label = theme.label || WORDS.untitled;
    flow.heading(section, 3, theme.votes === null ? label : `${label} (${votes(theme.votes)})`);
    outline.addItem(label);
    if (theme.synthesis !== '') flow.paragraph(section, theme.synthesis, { after: 6 });
    flow.list(section, theme.ideas.map(ideaItem));
  }
  if (plenary.unthemed.length > 0) {
    flow.heading(section, 3, plenary.themes.length > 0 ? WORDS.unthemed : WORDS.sharedIdeas);
    flow.list(section, plenary.unthemed.map(ideaItem));
  }
  section.end();
}
