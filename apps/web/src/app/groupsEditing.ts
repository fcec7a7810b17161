import { DEFAULT_GROUP_NAMES } from '@concerto/contract';

/*
 * The list of groups being prepared in the « Créer une séance » form, as pure functions so the
 * editing rules are tested without a page. Each row has a local `key` (names change, and two
 * rows may briefly have the same name while someone types).
 */

export interface GroupRow {
  key: string;
  name: string;
}

/** The server's limits (apps/server/src/validation.ts). */
export const MAX_GROUPS = 60;
export const MAX_GROUP_NAME = 80;

let counter = 0;
function newKey(): string {
  counter += 1;
  return `g${counter}`;
}

/** Groupe 1 … Groupe 9 and Salle principale, as in the sessions this tool was made for. */
export function defaultGroups(): GroupRow[] {
  return DEFAULT_GROUP_NAMES.map((name) => ({ key: newKey(), name }));
}

export function renameGroup(rows: readonly GroupRow[], key: string, name: string): GroupRow[] {
  return rows.map((row) => (row.key === key ? { ...row, name } : row));
}

/**
 * « Groupe 10 » after Groupe 1…9 (the first number not used by a « Groupe N »), in the word the
 * list already uses (the default names are French whatever the page language), else `word`.
 */
export function nextGroupName(rows: readonly GroupRow[], word = 'Groupe'): string {
  if (rows.some((row) => /^groupes?\s+\d/i.test(row.name.trim()))) word = 'Groupe';
  else if (rows.some((row) => /^groups?\s+\d/i.test(row.name.trim()))) word = 'Group';
  const used = new Set(rows.flatMap((row) => numbersOf(row.name) ?? []));
  let n = 1;
  while (used.has(n)) n++;
  return `${word} ${n}`;
}

/** Adds a group before « Salle principale » when it is last (it usually closes the list). */
export function addGroup(rows: readonly GroupRow[], name: string): GroupRow[] {
  if (rows.length >= MAX_GROUPS) return [...rows];
  const row = { key: newKey(), name };
  const last = rows[rows.length - 1];
  if (last !== undefined && /^salle principale$/i.test(last.name.trim())) return [...rows.slice(0, -1), row, last];
  return [...rows, row];
}

export function removeGroup(rows: readonly GroupRow[], key: string): GroupRow[] {
  return rows.length <= 1 ? [...rows] : rows.filter((row) => row.key !== key);
}

/** The numbers of « Groupe 6 », « Groupes 6 et 7 », « Groupes 6, 7 et 8 » (also « Group »); null otherwise. */
function numbersOf(name: string): number[] | null {
  const match = /^(?:groupes?|groups?)\s+(\d+(?:\s*(?:,|et|and|&|\+)\s*\d+)*)$/i.exec(name.trim());
  if (match?.[1] === undefined) return null;
  return match[1].split(/\s*(?:,|et|and|&|\+)\s*/i).map(Number);
}

/** « Groupes 6 et 7 » from « Groupe 6 » and « Groupe 7 »; « A et B » for other names. */
export function mergedName(a: string, b: string, locale: 'fr' | 'en' = 'fr'): string {
  const and = locale === 'fr' ? 'et' : 'and';
  const first = numbersOf(a);
  const second = numbersOf(b);
  if (first !== null && second !== null) {
    const all = [...new Set([...first, ...second])].sort((x, y) => x - y);
    const word = /^group\b|^groups\b/i.test(a.trim()) ? 'Groups' : 'Groupes';
    const list = all.length === 1 ? String(all[0]) : `${all.slice(0, -1).join(', ')} ${and} ${all[all.length - 1]}`;
    return `${all.length === 1 ? word.slice(0, -1) : word} ${list}`.slice(0, MAX_GROUP_NAME);
  }
  return `${a.trim()} ${and} ${b.trim()}`.slice(0, MAX_GROUP_NAME);
}

/**
 * Two breakout rooms that will share one canvas: one row in place of the first of the two,
 * named after both. Merging a group with itself changes nothing.
 */
export function mergeGroups(rows: readonly GroupRow[], keyA: string, keyB: string, locale: 'fr' | 'en' = 'fr'): GroupRow[] {
  const a = rows.find((row) => row.key === keyA);
  const b = rows.find((row) => row.key === keyB);
  if (a === undefined || b === undefined || keyA === keyB) return [...rows];
  const [first, second] = rows.indexOf(a) < rows.indexOf(b) ? [a, b] : [b, a];
  const merged = { key: first.key, name: mergedName(first.name, second.name, locale) };
  return rows.filter((row) => row !== second).map((row) => (row === first ? merged : row));
}

export type GroupsProblem = 'empty-name' | 'duplicate' | 'too-long' | 'none';

/** What would stop the session from being created, said before sending. */
export function groupsProblem(rows: readonly GroupRow[]): { problem: GroupsProblem; key: string | null } {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '') return { problem: 'empty-name', key: row.key };
    if (name.length > MAX_GROUP_NAME) return { problem: 'too-long', key: row.key };
    const folded = name.toLocaleLowerCase('fr');
    if (seen.has(folded)) return { problem: 'duplicate', key: row.key };
    seen.set(folded, row.key);
  }
  return { problem: 'none', key: null };
}
