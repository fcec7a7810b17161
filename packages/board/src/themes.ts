import * as Y from 'yjs';

import { planMove } from './arrays.js';
import { newId } from './ids.js';
import { plenaryIdeaExists, readIdeaIds, scanThemes } from './plenary.js';
import type { ThemeEntry } from './plenary.js';
import { getThemesArray } from './schema.js';
import { writeTextField } from './text.js';
import { asArray, asText, readText } from './values.js';

/* The facilitator's themes in the plenary: label, synthesis, and the ideas they gather. */

function findTheme(doc: Y.Doc, id: string): ThemeEntry | null {
  return scanThemes(doc).find((entry) => entry.valid && entry.id === id) ?? null;
}

function fillTheme(
  map: Y.Map<unknown>,
  id: string,
  label: string,
  ideaIds: readonly string[],
  synthesis: string,
): void {
  map.set('id', id);
  map.set('label', new Y.Text(label));
  map.set('ideaIds', Y.Array.from([...ideaIds]));
  map.set('synthesis', new Y.Text(synthesis));
}

/** Appends a theme and returns its id. */
export function createTheme(doc: Y.Doc, theme: { id?: string; label: string }, origin?: unknown): string {
  const id = theme.id ?? newId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    getThemesArray(doc).push([map]);
    fillTheme(map, id, theme.label, [], '');
  }, origin);
  return id;
}

export function renameTheme(doc: Y.Doc, id: string, label: string, origin?: unknown): boolean {
  const entry = findTheme(doc, id);
  if (entry === null) return false;
  doc.transact(() => writeTextField(entry.map, 'label', label), origin);
  return true;
}

export function setThemeSynthesis(doc: Y.Doc, id: string, synthesis: string, origin?: unknown): boolean {
  const entry = findTheme(doc, id);
  if (entry === null) return false;
  doc.transact(() => writeTextField(entry.map, 'synthesis', synthesis), origin);
  return true;
}

export function getThemeLabel(doc: Y.Doc, id: string): Y.Text | null {
  return asText(findTheme(doc, id)?.map.get('label'));
}

export function getThemeSynthesis(doc: Y.Doc, id: string): Y.Text | null {
  return asText(findTheme(doc, id)?.map.get('synthesis'));
}

/** Deletes every occurrence of `ideaId` from a theme's list. Call inside a transaction. */
function removeOccurrences(map: Y.Map<unknown>, ideaId: string, keepFirst: boolean): number {
  const list = asArray(map.get('ideaIds'));
  if (list === null) return 0;
  const indices: number[] = [];
  list.toArray().forEach((value, index) => {
    if (value === ideaId) indices.push(index);
  });
  if (keepFirst) indices.shift();
  for (const index of indices.reverse()) list.delete(index, 1);
  return indices.length;
}

/**
 * Puts an idea in a theme and takes it out of every other theme in the same transaction: an
 * idea belongs to at most one theme (SPEC R18). Refuses an unknown theme or idea.
 */
export function addIdeaToTheme(doc: Y.Doc, themeId: string, ideaId: string, origin?: unknown): boolean {
  const target = findTheme(doc, themeId);
  if (target === null || !plenaryIdeaExists(doc, ideaId)) return false;
  doc.transact(() => {
    for (const entry of scanThemes(doc)) {
      if (entry.map !== target.map) removeOccurrences(entry.map, ideaId, false);
    }
    const list = asArray(target.map.get('ideaIds'));
    if (list === null) {
      // Repair a list another client wrote with the wrong type, keeping its readable ids.
      target.map.set('ideaIds', Y.Array.from([...readIdeaIds(target.map), ideaId]));
    } else if (list.toArray().includes(ideaId)) {
      removeOccurrences(target.map, ideaId, true);
    } else {
      list.push([ideaId]);
    }
  }, origin);
  return true;
}

/** Takes an idea out of a theme; false when the theme is missing or does not hold it. */
export function removeIdeaFromTheme(doc: Y.Doc, themeId: string, ideaId: string, origin?: unknown): boolean {
  const entry = findTheme(doc, themeId);
  if (entry === null || !readIdeaIds(entry.map).includes(ideaId)) return false;
  doc.transact(() => removeOccurrences(entry.map, ideaId, false), origin);
  return true;
}

/** Deletes a theme, with any copy of it that concurrent moves left behind. Its ideas stay pushed. */
export function deleteTheme(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const entries = scanThemes(doc).filter((entry) => entry.id === id);
  if (entries.length === 0) return false;
  doc.transact(() => {
    const array = getThemesArray(doc);
    for (const entry of [...entries].reverse()) array.delete(entry.index, 1);
  }, origin);
  return true;
}

/**
 * Moves a theme to position `toIndex` among the readable themes, by deleting it and inserting
 * a copy with the same id, label, ideas and synthesis (SPEC R15).
 */
export function moveTheme(doc: Y.Doc, id: string, toIndex: number, origin?: unknown): boolean {
  const entries = scanThemes(doc).filter((entry) => entry.valid);
  const entry = entries.find((candidate) => candidate.id === id);
  if (entry === undefined) return false;
  const insertAt = planMove(
    entries.map((candidate) => candidate.index),
    entry.index,
    toIndex,
  );
  if (insertAt === null) return true;
  // Read before deleting: a deleted Y.Map no longer reads its content.
  const label = readText(entry.map.get('label'));
  const ideaIds = readIdeaIds(entry.map);
  const synthesis = readText(entry.map.get('synthesis'));
  doc.transact(() => {
    const array = getThemesArray(doc);
    array.delete(entry.index, 1);
    const copy = new Y.Map<unknown>();
    array.insert(insertAt, [copy]);
    fillTheme(copy, entry.id, label, ideaIds, synthesis);
  }, origin);
  return true;
}
