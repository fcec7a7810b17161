import type * as Y from 'yjs';

import { readPlenary } from './plenary.js';
import { voteHistory } from './voteArchive.js';

/*
 * A « démarche » (programme) consolidates the plenaries of several sessions, one per territory
 * (NORD, OUEST, SUD…): each session's themes with the dots of its last closed themes vote,
 * merged across sessions by the facilitator, with the votes summed per territory and overall and
 * the provenance of every vote kept (« 12 votes : NORD 5, OUEST 4, SUD 3 »). The merges are the
 * only thing stored; everything else is recomputed from the plenaries, so a theme renamed or a
 * vote recounted in a session shows up in the programme.
 */

/** One theme of one session's plenary, with the session's territory and its votes. */
export interface TerritoryTheme {
  sessionId: string;
  territory: string;
  themeId: string;
  label: string;
  votes: number;
}

/** A group of themes the facilitator merged; `members` are theme refs (see themeRef). */
export interface ThemeMerge {
  id: string;
  title: string;
  members: string[];
}

export interface TerritoryVotes {
  territory: string;
  votes: number;
}

export interface ConsolidatedTheme {
  /** the merge's id, or the theme ref of a theme merged with nothing */
  id: string;
  title: string;
  votes: number;
  /** territories in the order of the programme's sessions, each once */
  byTerritory: TerritoryVotes[];
  /** the themes it gathers, in the order they were merged */
  sources: TerritoryTheme[];
  merged: boolean;
}

/** What a new session keeps of a consolidated theme (its record's `carriedOver`). */
export interface CarriedOver {
  title: string;
  votes: number;
  byTerritory: TerritoryVotes[];
  source: { programmeId: string; themes: TerritoryTheme[] };
  /** the new session's group (axis) it opens, when it opens one */
  groupId?: string;
}

/** A theme's address across sessions. Session ids never hold '/', so the first '/' splits. */
export function themeRef(sessionId: string, themeId: string): string {
  return `${sessionId}/${themeId}`;
}

/**
 * A session's themes with the dots of its last closed vote on themes (0 for a theme nobody
 * voted on, or when no themes vote has closed yet: an open vote is not a result). Plenary order.
 */
export function plenaryThemeVotes(doc: Y.Doc, groups: readonly { id: string; name: string }[]): { themeId: string; label: string; votes: number }[] {
  const closed = voteHistory(doc, groups).filter((v) => v.target === 'themes' && !v.open);
  const last = closed.at(-1);
  const counts = new Map((last?.options ?? []).map((o) => [o.id, o.count]));
  return readPlenary(doc, groups).themes.map((t) => ({ themeId: t.id, label: t.label, votes: counts.get(t.id) ?? 0 }));
}

/** Sums votes per territory, territories in the order `order` gives, then first seen. */
function sumByTerritory(sources: readonly TerritoryTheme[], order: readonly string[]): TerritoryVotes[] {
  const sums = new Map<string, number>(order.map((t) => [t, 0]));
  for (const s of sources) sums.set(s.territory, (sums.get(s.territory) ?? 0) + s.votes);
  const present = new Set(sources.map((s) => s.territory));
  return [...sums].filter(([territory]) => present.has(territory)).map(([territory, votes]) => ({ territory, votes }));
}

/**
 * The consolidated themes: each merge with the themes it lists that still exist (a theme in
 * several merges counts in the first only; a merge left with none is dropped), then every
 * theme merged with nothing on its own. Most votes first; ties keep the input order.
 */
export function consolidate(themes: readonly TerritoryTheme[], merges: readonly ThemeMerge[]): ConsolidatedTheme[] {
  const byRef = new Map(themes.map((t) => [themeRef(t.sessionId, t.themeId), t]));
  const order = [...new Set(themes.map((t) => t.territory))];
  const used = new Set<string>();
  const result: ConsolidatedTheme[] = [];
  const add = (id: string, title: string, sources: TerritoryTheme[], merged: boolean) =>
    result.push({ id, title, votes: sources.reduce((n, s) => n + s.votes, 0), byTerritory: sumByTerritory(sources, order), sources, merged });
  for (const merge of merges) {
    const sources: TerritoryTheme[] = [];
    for (const ref of merge.members) {
      const theme = byRef.get(ref);
      if (theme === undefined || used.has(ref)) continue;
      used.add(ref);
      sources.push(theme);
    }
    if (sources.length > 0) add(merge.id, merge.title.trim() || (sources[0]?.label ?? ''), sources, true);
  }
  for (const [ref, theme] of byRef) {
    if (!used.has(ref)) add(ref, theme.label, [theme], false);
  }
  return result.sort((a, b) => b.votes - a.votes);
}

/**
 * Merges the consolidated theme `sourceId` into `targetId`: the target keeps its title (and its
 * merge id, or gets `newMergeId` when it was a lone theme). Returns the merges unchanged when
 * either is unknown or they are the same.
 */
export function mergeThemes(
  merges: readonly ThemeMerge[],
  consolidated: readonly ConsolidatedTheme[],
  targetId: string,
  sourceId: string,
  newMergeId: string,
): ThemeMerge[] {
  const target = consolidated.find((c) => c.id === targetId);
  const source = consolidated.find((c) => c.id === sourceId);
  if (target === undefined || source === undefined || target === source) return [...merges];
  const refs = (c: ConsolidatedTheme) => c.sources.map((s) => themeRef(s.sessionId, s.themeId));
  const merged: ThemeMerge = { id: target.merged ? target.id : newMergeId, title: target.title, members: [...refs(target), ...refs(source)] };
  const rest = merges.filter((m) => m.id !== source.id);
  return target.merged ? rest.map((m) => (m.id === target.id ? merged : m)) : [...rest, merged];
}

/** Undoes a merge: its themes stand alone again. */
export function splitTheme(merges: readonly ThemeMerge[], mergeId: string): ThemeMerge[] {
  return merges.filter((m) => m.id !== mergeId);
}

/** Renames a merge (a lone theme is renamed in its own session's plenary, not here). */
export function renameMerge(merges: readonly ThemeMerge[], mergeId: string, title: string): ThemeMerge[] {
  return merges.map((m) => (m.id === mergeId ? { ...m, title } : m));
}

/** What a new session carries over from a consolidated theme. */
export function carryOver(theme: ConsolidatedTheme, programmeId: string): CarriedOver {
  return {
    title: theme.title,
    votes: theme.votes,
    byTerritory: theme.byTerritory.map((t) => ({ ...t })),
    source: { programmeId, themes: theme.sources.map((s) => ({ ...s })) },
  };
}
