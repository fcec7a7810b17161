import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { archiveVote, voteRecord } from './voteArchive.js';
import { setControl } from './control.js';
import { carryOver, consolidate, mergeThemes, plenaryThemeVotes, renameMerge, splitTheme, themeRef } from './programme.js';
import type { TerritoryTheme } from './programme.js';
import { createTheme } from './themes.js';
import { castVote } from './votes.js';

const AXE_1 = 'Axe 1 – Équiper et accompagner les publics';

/** The first round's plenaries: three territories, themes worded differently in each. */
const THEMES: TerritoryTheme[] = [
  { sessionId: 'nord', territory: 'NORD', themeId: 'n1', label: 'Accompagner les publics', votes: 5 },
  { sessionId: 'nord', territory: 'NORD', themeId: 'n2', label: 'Former les aidants', votes: 2 },
  { sessionId: 'ouest', territory: 'OUEST', themeId: 'o1', label: 'Équiper les publics', votes: 4 },
  { sessionId: 'sud', territory: 'SUD', themeId: 's1', label: 'Médiation numérique', votes: 3 },
  { sessionId: 'sud', territory: 'SUD', themeId: 's2', label: 'Lieux de proximité', votes: 1 },
];

describe('programme consolidation', () => {
  it('lists every theme alone, most votes first, with its territory, when nothing is merged', () => {
    const result = consolidate(THEMES, []);
    expect(result.map((c) => [c.id, c.title, c.votes, c.merged])).toEqual([
      ['nord/n1', 'Accompagner les publics', 5, false],
      ['ouest/o1', 'Équiper les publics', 4, false],
      ['sud/s1', 'Médiation numérique', 3, false],
      ['nord/n2', 'Former les aidants', 2, false],
      ['sud/s2', 'Lieux de proximité', 1, false],
    ]);
    expect(result[0]!.byTerritory).toEqual([{ territory: 'NORD', votes: 5 }]);
  });

  it('merges across three territories: the votes summed per territory and overall, provenance kept', () => {
    let merges = mergeThemes([], consolidate(THEMES, []), 'nord/n1', 'ouest/o1', 'm1');
    merges = renameMerge(merges, 'm1', AXE_1);
    merges = mergeThemes(merges, consolidate(THEMES, merges), 'm1', 'sud/s1', 'unused');
    expect(merges).toEqual([{ id: 'm1', title: AXE_1, members: ['nord/n1', 'ouest/o1', 'sud/s1'] }]);
    const [axis] = consolidate(THEMES, merges);
    expect(axis).toMatchObject({ id: 'm1', title: AXE_1, votes: 12, merged: true });
    expect(axis!.byTerritory).toEqual([{ territory: 'NORD', votes: 5 }, { territory: 'OUEST', votes: 4 }, { territory: 'SUD', votes: 3 }]);
    expect(axis!.sources.map((s) => s.label)).toEqual(['Accompagner les publics', 'Équiper les publics', 'Médiation numérique']);
  });

  it('sums two sessions of one territory into that territory, in session order', () => {
    const themes = [...THEMES, { sessionId: 'nord-bis', territory: 'NORD', themeId: 'x', label: 'Accompagner', votes: 7 }];
    const merges = mergeThemes([], consolidate(themes, []), 'ouest/o1', 'nord-bis/x', 'm');
    const merged = consolidate(themes, merges).find((c) => c.id === 'm')!;
    expect(merged.byTerritory).toEqual([{ territory: 'NORD', votes: 7 }, { territory: 'OUEST', votes: 4 }]);
    expect(merged.votes).toBe(11);
  });

  it('merging a merge into a lone theme folds it in, and the source merge is gone', () => {
    let merges = mergeThemes([], consolidate(THEMES, []), 'nord/n2', 'sud/s2', 'a');
    merges = mergeThemes(merges, consolidate(THEMES, merges), 'ouest/o1', 'a', 'b');
    expect(merges).toEqual([{ id: 'b', title: 'Équiper les publics', members: ['ouest/o1', 'nord/n2', 'sud/s2'] }]);
  });

  it('ignores a merge of a theme with itself or with an unknown id', () => {
    const consolidated = consolidate(THEMES, []);
    expect(mergeThemes([], consolidated, 'nord/n1', 'nord/n1', 'm')).toEqual([]);
    expect(mergeThemes([], consolidated, 'nord/n1', 'nope', 'm')).toEqual([]);
  });

  it('splits a merge back into lone themes', () => {
    const merges = mergeThemes([], consolidate(THEMES, []), 'nord/n1', 'ouest/o1', 'm1');
    expect(consolidate(THEMES, splitTheme(merges, 'm1'))).toHaveLength(THEMES.length);
  });

  it('drops refs to themes that are gone, counts a theme in its first merge only, drops empty merges', () => {
    const merges = [
      { id: 'a', title: 'A', members: ['nord/n1', 'gone/x'] },
      { id: 'b', title: 'B', members: ['nord/n1', 'sud/s1'] },
      { id: 'c', title: 'C', members: ['gone/y'] },
    ];
    const result = consolidate(THEMES, merges);
    expect(result.find((c) => c.id === 'a')!.sources.map((s) => s.themeId)).toEqual(['n1']);
    expect(result.find((c) => c.id === 'b')!.sources.map((s) => s.themeId)).toEqual(['s1']);
    expect(result.some((c) => c.id === 'c')).toBe(false);
    expect(result.reduce((n, c) => n + c.votes, 0)).toBe(15);
  });

  it('carries a consolidated theme over with its votes by territory and its sources', () => {
    const merges = [{ id: 'm1', title: AXE_1, members: ['nord/n1', 'sud/s1'] }];
    const carried = carryOver(consolidate(THEMES, merges)[0]!, 'prog');
    expect(carried).toEqual({
      title: AXE_1,
      votes: 8,
      byTerritory: [{ territory: 'NORD', votes: 5 }, { territory: 'SUD', votes: 3 }],
      source: { programmeId: 'prog', themes: [THEMES[0], THEMES[3]] },
    });
    expect(themeRef('nord', 'n1')).toBe('nord/n1');
  });
});

describe('a plenary read for the programme', () => {
  const groups = [{ id: 'groupe-1', name: 'Groupe 1' }];

  function voteOnThemes(doc: Y.Doc, id: string, ballots: Record<string, string[]>, open = false): void {
    const vote = { id, question: '', target: 'themes' as const, votesPerParticipant: 3, openedAt: 1, closedAt: open ? null : 2, open };
    setControl(doc, 'vote', vote);
    for (const [participant, items] of Object.entries(ballots)) for (const item of items) castVote(doc, id, participant, item, 3);
    if (!open) archiveVote(doc, voteRecord(doc, vote, groups));
  }

  it('gives each theme the dots of the last closed themes vote, 0 before any', () => {
    const doc = new Y.Doc();
    const a = createTheme(doc, { label: 'Accompagner les publics' });
    const b = createTheme(doc, { label: 'Lieux de proximité' });
    expect(plenaryThemeVotes(doc, groups)).toEqual([
      { themeId: a, label: 'Accompagner les publics', votes: 0 },
      { themeId: b, label: 'Lieux de proximité', votes: 0 },
    ]);
    voteOnThemes(doc, 'v1', { ana: [a, a, b], bruno: [a] });
    expect(plenaryThemeVotes(doc, groups).map((t) => t.votes)).toEqual([3, 1]);
    // A vote still open is not a result yet: the last closed one stands.
    voteOnThemes(doc, 'v2', { ana: [b, b, b] }, true);
    expect(plenaryThemeVotes(doc, groups).map((t) => t.votes)).toEqual([3, 1]);
  });
});
