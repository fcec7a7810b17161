/** The plenary: the themes the facilitators drew from the groups' key ideas, with where each came from. */
import type { Report, ReportIdea } from '../model.js';
import { ideaByline, plenaryLead, silentGroups, unvotedLine, voteOption, votes, voteSummary, voteTitle, WORDS } from '../wording.js';
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
  if (plenary.votes.length > 0) {
    flow.heading(section, 3, WORDS.votes);
    const votesOutline = outline.addItem(WORDS.votes);
    plenary.votes.forEach((vote, i) => {
      const title = voteTitle(vote, i, plenary.votes.length);
      flow.heading(section, 4, title);
      votesOutline.addItem(title);
      flow.paragraph(section, voteSummary(vote), { color: COLORS.muted, after: 4 });
      flow.list(section, vote.options.filter((o) => o.count > 0).map((o) => ({ label: '•', ...voteOption(vote, o) })));
      const unvoted = unvotedLine(vote);
      if (unvoted !== null) flow.paragraph(section, unvoted, { color: COLORS.muted, after: 6 });
    });
  }
  section.end();
}
