import { describe, expect, it } from 'vitest';

import { countOf, deName, elides, elision } from './french.js';

describe('French elision', () => {
  it.each([
    ['Odette', 'd’Odette'], ['Étienne', 'd’Étienne'], ['Hélène', 'd’Hélène'], ['Yves', 'd’Yves'], ['Œdipe', 'd’Œdipe'],
    ['Marc', 'de Marc'], ['Groupe 3', 'de Groupe 3'], ['  Anne ', 'd’Anne'], ['Salle principale', 'de Salle principale'],
  ])('%s → %s', (name, expected) => {
    expect(deName(name)).toBe(expected);
  });
  it('gives the value of the messages’ elide select', () => {
    expect(elision('Odette')).toBe('yes');
    expect(elision('Groupe 1')).toBe('no');
  });
  it('does not elide before a digit or punctuation', () => {
    expect(elides('3e groupe')).toBe(false);
    expect(elides('« Atelier »')).toBe(false);
  });
});

describe('plurals by Intl.PluralRules', () => {
  it('makes 0 and 1 singular in French, only 1 in English', () => {
    const note = { one: 'note', other: 'notes' };
    expect([0, 1, 2, 10].map((n) => countOf(n, note))).toEqual(['0\u00a0note', '1\u00a0note', '2\u00a0notes', '10\u00a0notes']);
    expect(countOf(0, { one: 'note', other: 'notes' }, 'en')).toBe('0\u00a0notes');
  });
});
