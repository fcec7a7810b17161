import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTheme, initPlenary, pushKeyIdeas, readPlenary } from '@concerto/board';

import { PlenaryStore } from '../sync/plenaryStore.js';
import { PlenaryActions } from './actions.js';
import { orderWith, planIdeaOrder } from './themeOrder.js';

describe('placing an idea at a position in a theme', () => {
  it('plans the fewest removals and appends', () => {
    expect(orderWith(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(orderWith(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'c', 'a']);
    expect(orderWith(['a', 'b'], 'x', 1)).toEqual(['a', 'x', 'b']);
    expect(orderWith(['a', 'b'], 'x', 99)).toEqual(['a', 'b', 'x']);
    expect(planIdeaOrder(['a', 'b', 'c'], ['a', 'c', 'b'])).toEqual({ remove: ['b', 'c'], append: ['c', 'b'] });
    expect(planIdeaOrder(['a', 'b'], ['a', 'b'])).toBeNull();
  });

  it('applies through board operations, in one transaction, taking the idea from its former theme', () => {
    const doc = new Y.Doc();
    initPlenary(doc);
    const groups = [{ id: 'g1', name: 'Groupe 1' }, { id: 'g2', name: 'Groupe 2' }];
    pushKeyIdeas(doc, { groupId: 'g1', name: 'Groupe 1', pushedAt: 1, keyIdeas: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] });
    pushKeyIdeas(doc, { groupId: 'g2', name: 'Groupe 2', pushedAt: 2, keyIdeas: [{ id: 'c', text: 'C' }] });
    const store = new PlenaryStore(doc, groups);
    const actions = new PlenaryActions(store, 's', 'token');
    const access = actions.createTheme('Accès', 'g1:a');
    const other = createTheme(doc, { label: 'Comptes' });
    actions.placeIdea('g2:c', access);
    actions.placeIdea('g1:b', other);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    actions.placeIdea('g1:b', access, 0);
    expect(transactions).toBe(1);
    actions.placeIdea('g1:a', access, 2);
    const themes = readPlenary(doc, groups).themes;
    expect(themes.map((theme) => [theme.label, theme.ideaIds])).toEqual([
      ['Accès', ['g1:b', 'g2:c', 'g1:a']],
      ['Comptes', []],
    ]);
    actions.takeOut('g2:c', access);
    expect(readPlenary(doc, groups).themes[0]?.ideaIds).toEqual(['g1:b', 'g1:a']);
    store.destroy();
  });
});
