import { describe, expect, it } from 'vitest';
import type { PlenarySnapshot } from '@concerto/board';

import { rankResults, voteItems } from './ideas.js';

const plenary: PlenarySnapshot = {
  groups: [
    { id: 'g1', name: 'Groupe 1', pushedAt: 1, keyIdeas: [{ id: 'g1:a', text: 'A' }, { id: 'g1:b', text: 'B' }] },
    { id: 'g2', name: 'Groupe 2', pushedAt: 2, keyIdeas: [{ id: 'g2:c', text: 'C' }] },
  ],
  themes: [{ id: 't1', label: 'Accès', ideaIds: ['g1:a'], synthesis: '' }],
};

describe('vote items and results', () => {
  it('offer the visible ideas with their group, or the themes, with their counts', () => {
    const flags = new Map([['g1:b', { hidden: true, highlighted: false }]]);
    const tally = new Map([['g2:c', 3], ['t1', 2]]);
    expect(voteItems({ target: 'ideas' }, plenary, flags, tally)).toEqual([
      { id: 'g1:a', label: 'A', from: 'Groupe 1', count: 0 },
      { id: 'g2:c', label: 'C', from: 'Groupe 2', count: 3 },
    ]);
    expect(voteItems({ target: 'themes' }, plenary, flags, tally)).toEqual([{ id: 't1', label: 'Accès', from: null, count: 2 }]);
  });

  it('rank most votes first, ties in the page’s order', () => {
    const items = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, label: id, from: null, count: [1, 3, 1, 3][i] ?? 0 }));
    expect(rankResults(items).map((item) => item.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
