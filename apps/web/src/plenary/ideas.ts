import type { IdeaFlags, PlenaryGroup, PlenaryIdea, PlenarySnapshot, PlenaryTheme, VoteState } from '@concerto/board';

/*
 * Pure readings of the plenary snapshot shared by the plenary page and the projection: which
 * group an idea comes from, which theme holds it, what the audience may see, what a vote is on.
 */

export interface IdeaInfo {
  idea: PlenaryIdea;
  group: PlenaryGroup;
}

const NO_FLAGS: IdeaFlags = { hidden: false, highlighted: false };

export function flagsOf(flags: ReadonlyMap<string, IdeaFlags>, ideaId: string): IdeaFlags {
  return flags.get(ideaId) ?? NO_FLAGS;
}

/** Every pushed idea by id, with its group (its provenance). */
export function indexIdeas(plenary: PlenarySnapshot): Map<string, IdeaInfo> {
  const out = new Map<string, IdeaInfo>();
  for (const group of plenary.groups) for (const idea of group.keyIdeas) out.set(idea.id, { idea, group });
  return out;
}

/** The theme holding each idea (an idea belongs to one theme at most). */
export function themeOfIdeas(plenary: PlenarySnapshot): Map<string, PlenaryTheme> {
  const out = new Map<string, PlenaryTheme>();
  for (const theme of plenary.themes) for (const id of theme.ideaIds) out.set(id, theme);
  return out;
}

/** The groups that have shared at least once, in the session's order. */
export function pushedGroups(plenary: PlenarySnapshot): PlenaryGroup[] {
  return plenary.groups.filter((group) => group.pushedAt !== null);
}

/** What the audience (participants, projectors) sees of a list of ideas: hidden ones are left out. */
export function visibleIdeas<T extends { id: string }>(ideas: readonly T[], flags: ReadonlyMap<string, IdeaFlags>): T[] {
  return ideas.filter((idea) => !flagsOf(flags, idea.id).hidden);
}

export interface VoteItem {
  id: string;
  label: string;
  /** where it comes from: the group of an idea; nothing for a theme */
  from: string | null;
  count: number;
}

/**
 * The items of a vote, in the page's order: the visible ideas, group by group, or the themes.
 * A hidden idea is not offered (it is not projected either).
 */
export function voteItems(
  vote: Pick<VoteState, 'target'>,
  plenary: PlenarySnapshot,
  flags: ReadonlyMap<string, IdeaFlags>,
  tally: ReadonlyMap<string, number>,
): VoteItem[] {
  if (vote.target === 'themes') {
    return plenary.themes.map((theme) => ({ id: theme.id, label: theme.label, from: null, count: tally.get(theme.id) ?? 0 }));
  }
  return plenary.groups.flatMap((group) =>
    visibleIdeas(group.keyIdeas, flags).map((idea) => ({ id: idea.id, label: idea.text, from: group.name, count: tally.get(idea.id) ?? 0 })),
  );
}

/** Results: most votes first; equal counts keep the page's order. */
export function rankResults(items: readonly VoteItem[]): VoteItem[] {
  return items.map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.count - a.item.count || a.index - b.index)
    .map(({ item }) => item);
}

/** A short name for an item in labels and announcements. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
