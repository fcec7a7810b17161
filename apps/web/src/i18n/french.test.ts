import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import { en } from './en.js';
import { countOf, deName, elides, elision } from './french.js';
import { fr } from './fr.js';

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

describe('messages built from a number', () => {
  it('say « son idée clé » for a zone that takes one, « ses 3 idées clés » for three', () => {
    const say = (locale: 'fr' | 'en', limit: number) =>
      createIntl({ locale, messages: locale === 'fr' ? fr : en }).formatMessage({ id: 'zone.keyIdeasFull' }, { name: 'Actions', limit });
    expect(say('fr', 1)).toBe('La zone «\u202fActions\u202f» a déjà son idée clé. Pour en choisir une autre, retirez d’abord une idée clé de cette zone.');
    expect(say('fr', 3)).toBe('La zone «\u202fActions\u202f» a déjà ses 3 idées clés. Pour en choisir une autre, retirez d’abord une idée clé de cette zone.');
    expect(say('en', 1)).toBe('The zone “Actions” already has its key idea. To choose another one, first remove a key idea from this zone.');
  });
});
