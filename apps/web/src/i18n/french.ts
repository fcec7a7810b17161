/**
 * French grammar for messages built from a name or a number, where a translation string alone
 * cannot do it: the elision of « de » before a vowel or a mute h (« d’Odette », « de Marc »),
 * and plurals by the language's own rule (0 and 1 are singular in French, unlike English).
 */

/** Letters before which « de », « le », « que »… elide. H is taken as mute, as in most first names (Hélène, Hugo). */
const ELIDES = /^[aeiouyhàâäæéèêëîïôöœùûüÿ]/i;

/** Whether « de » becomes « d’ » before `word`. */
export function elides(word: string): boolean {
  return ELIDES.test(word.trimStart());
}

/** The value of an `{elide, select, yes {d’{name}} other {de {name}}}` message. */
export function elision(word: string): 'yes' | 'no' {
  return elides(word) ? 'yes' : 'no';
}

/** « d’Odette », « de Marc » (with the typographic apostrophe). */
export function deName(name: string): string {
  const trimmed = name.trim();
  return elides(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}

const rules = new Map<string, Intl.PluralRules>();

/** « 1 note », « 0 note », « 2 notes »: the number and the form `Intl.PluralRules` picks for `locale`. */
export function countOf(n: number, forms: { one: string; other: string }, locale = 'fr'): string {
  let rule = rules.get(locale);
  if (rule === undefined) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return `${n}\u00a0${rule.select(n) === 'one' ? forms.one : forms.other}`;
}
