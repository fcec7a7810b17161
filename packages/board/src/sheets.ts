import * as Y from 'yjs';

import { newId } from './ids.js';
import { listNotes, scanKeyIdeas } from './read.js';
import { writeTextField } from './text.js';
import type { Note } from './types.js';
import { asMap, asText, finiteOr, idOrNull, readText } from './values.js';

/*
 * Action sheets (« fiches actions », issue 11 §4), SPEC S1–S5.
 *
 * Where things live, and why:
 * - A sheet lives in its group's canvas document, in the additive top-level map `sheets`,
 *   keyed by the key idea it details: the group that wrote the idea writes its sheet, under the
 *   rights of that room (locks, closed sessions, read-only projection), and the sheet travels
 *   with the board in the archive. Older readers ignore the map, so the schema stays 1.
 * - The session's template (which fields a sheet has, what they are called) lives in the
 *   plenary document, in `sheetFields` (fields the facilitator added) and `sheetLabels` (their
 *   labels, and the new labels of renamed standard fields). Only the facilitator writes the
 *   plenary, so the server's room rights already say who may change the template; every group
 *   page already follows the plenary live (timer, phase), so a new field reaches the groups at
 *   once; and the archive carries it with the plenary. Storing it with the session record
 *   instead would take a new API, a storage migration and a way to push it to open pages.
 *   Two top-level types rather than one array of field maps: a rename is one map key (last
 *   writer wins) and adding a field is one array insert, so no shared type is ever created
 *   twice by two tabs of the facilitator at once.
 */

/*
 * A picked priority action is, today, one of the group's key ideas. When boards get zones
 * (issue 11 §1), the « Actions prioritaires » zone's key ideas keep the same ids, so sheets
 * stay keyed the same way.
 */

/** Group canvas document: key idea id → sheet (`Y.Map`). */
export const SHEETS_MAP = 'sheets';
/** Plenary document: the fields the facilitator added, `{ id, kind }` in order. */
export const SHEET_FIELDS_ARRAY = 'sheetFields';
/** Plenary document: field id → label, for added fields and renamed standard ones. */
export const SHEET_LABELS_MAP = 'sheetLabels';

/** `text`: free text; `list`: one item a line (one partner per line); `scale`: 1…SHEET_SCALE_MAX or « Non traité ». */
export const SHEET_FIELD_KINDS = ['text', 'list', 'scale'] as const;
export type SheetFieldKind = (typeof SHEET_FIELD_KINDS)[number];

/** The top of a scale field: 1 (faible) … 4 (fort). */
export const SHEET_SCALE_MAX = 4;

export interface SheetField {
  id: string;
  kind: SheetFieldKind;
  /** the facilitator's label; '' for a standard field not renamed (the UI and export word it) */
  label: string;
  /** one of DEFAULT_SHEET_FIELDS */
  standard: boolean;
}

/** The fields these workshops use, in the order of their paper sheet. Ids are the contract. */
export const DEFAULT_SHEET_FIELDS: readonly { id: string; kind: SheetFieldKind }[] = [
  { id: 'stakes', kind: 'text' },
  { id: 'description', kind: 'text' },
  { id: 'inThreeYears', kind: 'text' },
  { id: 'partners', kind: 'list' },
  { id: 'drivers', kind: 'list' },
  { id: 'conditions', kind: 'list' },
  { id: 'indicators', kind: 'list' },
  { id: 'feasibility', kind: 'scale' },
  { id: 'impact', kind: 'scale' },
];

export const SHEET_LABEL_MAX = 120;

export interface Sheet {
  keyIdeaId: string;
  /** the key idea's text; '' when the idea was removed since (`orphan`) */
  title: string;
  /** the key idea no longer exists: the sheet is kept, listed after the others */
  orphan: boolean;
  createdAt: number;
  /** field id → text, for every text or list field the sheet holds (sorted by id) */
  texts: Record<string, string>;
  /** field id → 1…SHEET_SCALE_MAX; a field absent here is « Non traité » (sorted by id) */
  scales: Record<string, number>;
}

function tryGet<T>(get: () => T): T | null {
  try {
    return get();
  } catch {
    return null;
  }
}

function sheetsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SHEETS_MAP);
}

function isKind(value: unknown): value is SheetFieldKind {
  return typeof value === 'string' && (SHEET_FIELD_KINDS as readonly string[]).includes(value);
}

function oneLineLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().slice(0, SHEET_LABEL_MAX);
}

// ---------------------------------------------------------------------------------------------
// Template (plenary document)

/**
 * The session's sheet fields: the standard ones, then those the facilitator added, each with
 * its label (S1). Entries of `sheetFields` that are not `{ id, kind }` with a new non-empty id
 * are skipped; a label that is not a string reads as '' (the standard wording, or « Sans
 * titre » for an added field).
 */
export function readSheetTemplate(plenary: Y.Doc): SheetField[] {
  const labels = tryGet(() => plenary.getMap<unknown>(SHEET_LABELS_MAP));
  const added = tryGet(() => plenary.getArray<unknown>(SHEET_FIELDS_ARRAY));
  const labelOf = (id: string): string => {
    const value = labels?.get(id);
    return typeof value === 'string' ? oneLineLabel(value) : '';
  };
  const fields: SheetField[] = DEFAULT_SHEET_FIELDS.map((f) => ({ ...f, label: labelOf(f.id), standard: true }));
  const seen = new Set(fields.map((f) => f.id));
  for (const entry of added?.toArray() ?? []) {
    if (typeof entry !== 'object' || entry === null || entry instanceof Y.AbstractType) continue;
    const raw = entry as Record<string, unknown>;
    const id = idOrNull(raw['id']);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    fields.push({ id, kind: isKind(raw['kind']) ? raw['kind'] : 'text', label: labelOf(id), standard: false });
  }
  return fields;
}

/** Adds a field to the session's template, after the others. Returns its id (S1). */
export function addSheetField(
  plenary: Y.Doc,
  field: { label: string; kind: SheetFieldKind },
  options: { id?: string } = {},
  origin?: unknown,
): string {
  const id = options.id ?? newId();
  plenary.transact(() => {
    plenary.getArray<unknown>(SHEET_FIELDS_ARRAY).push([{ id, kind: field.kind }]);
    plenary.getMap<unknown>(SHEET_LABELS_MAP).set(id, oneLineLabel(field.label));
  }, origin);
  return id;
}

/**
 * Renames a field of the template; '' gives a standard field its standard wording back.
 * Unknown field: false (R2). Same label: true, nothing written (R3).
 */
export function renameSheetField(plenary: Y.Doc, fieldId: string, label: string, origin?: unknown): boolean {
  const field = readSheetTemplate(plenary).find((f) => f.id === fieldId);
  if (field === undefined) return false;
  const next = oneLineLabel(label);
  if (next === field.label) return true;
  plenary.transact(() => {
    const labels = plenary.getMap<unknown>(SHEET_LABELS_MAP);
    if (next === '' && field.standard) labels.delete(fieldId);
    else labels.set(fieldId, next);
  }, origin);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Sheets (group canvas document)

function sheetMap(doc: Y.Doc, keyIdeaId: string): Y.Map<unknown> | null {
  return asMap(tryGet(() => sheetsMap(doc))?.get(keyIdeaId));
}

function validKeyIdea(doc: Y.Doc, keyIdeaId: string) {
  return scanKeyIdeas(doc).find((entry) => entry.valid && entry.idea.id === keyIdeaId) ?? null;
}

/** The sheet's texts or scales map; a missing or wrongly typed one is (re)created in the transaction. */
function subMap(sheet: Y.Map<unknown>, key: 'texts' | 'scales'): Y.Map<unknown> {
  const current = asMap(sheet.get(key));
  if (current !== null) return current;
  const fresh = new Y.Map<unknown>();
  sheet.set(key, fresh);
  return fresh;
}

/**
 * Opens the action sheet of a valid key idea, with an empty shared text for each text or list
 * field of `fields` (S2). An existing sheet is kept as it is (true, nothing written); an
 * unknown key idea gives false.
 */
export function openSheet(
  doc: Y.Doc,
  keyIdeaId: string,
  fields: readonly { id: string; kind: SheetFieldKind }[],
  options: { createdAt?: number } = {},
  origin?: unknown,
): boolean {
  if (sheetMap(doc, keyIdeaId) !== null) return true;
  if (validKeyIdea(doc, keyIdeaId) === null) return false;
  doc.transact(() => {
    const sheet = new Y.Map<unknown>();
    sheetsMap(doc).set(keyIdeaId, sheet);
    sheet.set('createdAt', options.createdAt ?? Date.now());
    const texts = new Y.Map<unknown>();
    sheet.set('texts', texts);
    sheet.set('scales', new Y.Map<unknown>());
    for (const field of fields) if (field.kind !== 'scale') texts.set(field.id, new Y.Text());
  }, origin);
  return true;
}

/** Removes a sheet and what was written in it. Unknown: false. */
export function removeSheet(doc: Y.Doc, keyIdeaId: string, origin?: unknown): boolean {
  if (sheetMap(doc, keyIdeaId) === null) return false;
  doc.transact(() => sheetsMap(doc).delete(keyIdeaId), origin);
  return true;
}

/** The shared text of a sheet field, for binding an editor; null when the sheet or the text is missing. */
export function getSheetText(doc: Y.Doc, keyIdeaId: string, fieldId: string): Y.Text | null {
  const texts = asMap(sheetMap(doc, keyIdeaId)?.get('texts'));
  return asText(texts?.get(fieldId));
}

/**
 * The shared text of a field, created empty when the sheet lacks it (a field the facilitator
 * added after the sheet was opened, S2). Null when there is no sheet.
 */
export function ensureSheetText(doc: Y.Doc, keyIdeaId: string, fieldId: string, origin?: unknown): Y.Text | null {
  const existing = getSheetText(doc, keyIdeaId, fieldId);
  if (existing !== null) return existing;
  const sheet = sheetMap(doc, keyIdeaId);
  if (sheet === null) return null;
  doc.transact(() => writeTextField(subMap(sheet, 'texts'), fieldId, readText(asMap(sheet.get('texts'))?.get(fieldId))), origin);
  return getSheetText(doc, keyIdeaId, fieldId);
}

/** Replaces a field's text by a minimal splice (R4, S3). No sheet: false. */
export function setSheetText(doc: Y.Doc, keyIdeaId: string, fieldId: string, text: string, origin?: unknown): boolean {
  const sheet = sheetMap(doc, keyIdeaId);
  if (sheet === null) return false;
  if (getSheetText(doc, keyIdeaId, fieldId)?.toString() === text) return true;
  doc.transact(() => writeTextField(subMap(sheet, 'texts'), fieldId, text), origin);
  return true;
}

/** A scale value as stored: an integer in 1…SHEET_SCALE_MAX, else null (« Non traité »). */
export function scaleValue(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SHEET_SCALE_MAX ? value : null;
}

/**
 * Sets a scale field to 1…SHEET_SCALE_MAX, or null for « Non traité » (S4). A value out of the
 * scale, or no sheet: false. The same value: true, nothing written.
 */
export function setSheetScale(doc: Y.Doc, keyIdeaId: string, fieldId: string, value: number | null, origin?: unknown): boolean {
  const sheet = sheetMap(doc, keyIdeaId);
  if (sheet === null || (value !== null && scaleValue(value) === null)) return false;
  const current = scaleValue(asMap(sheet.get('scales'))?.get(fieldId));
  if (current === value) return true;
  doc.transact(() => {
    const scales = subMap(sheet, 'scales');
    if (value === null) scales.delete(fieldId);
    else scales.set(fieldId, value);
  }, origin);
  return true;
}

function readSheetMap(keyIdeaId: string, map: Y.Map<unknown>, title: string | null): Sheet {
  const texts: Record<string, string> = {};
  const textsMap = asMap(map.get('texts'));
  for (const id of [...(textsMap?.keys() ?? [])].sort()) {
    const value = textsMap!.get(id);
    if (typeof value === 'string' || asText(value) !== null) texts[id] = readText(value);
  }
  const scales: Record<string, number> = {};
  const scalesMap = asMap(map.get('scales'));
  for (const id of [...(scalesMap?.keys() ?? [])].sort()) {
    const value = scaleValue(scalesMap!.get(id));
    if (value !== null) scales[id] = value;
  }
  return { keyIdeaId, title: title ?? '', orphan: title === null, createdAt: finiteOr(map.get('createdAt'), 0), texts, scales };
}

/** One sheet, or null when there is none for this key idea. */
export function readSheet(doc: Y.Doc, keyIdeaId: string): Sheet | null {
  const map = sheetMap(doc, keyIdeaId);
  if (map === null) return null;
  return readSheetMap(keyIdeaId, map, validKeyIdea(doc, keyIdeaId)?.idea.text ?? null);
}

/**
 * Every sheet (S5): those of valid key ideas in key idea order, then those whose key idea was
 * removed, oldest first (then by id). Entries that are not a `Y.Map` are skipped (R5).
 */
export function readSheets(doc: Y.Doc): Sheet[] {
  const map = tryGet(() => sheetsMap(doc));
  if (map === null) return [];
  const ideas = scanKeyIdeas(doc).filter((entry) => entry.valid).map((entry) => entry.idea);
  const placed = new Set<string>();
  const sheets: Sheet[] = [];
  for (const idea of ideas) {
    const sheet = asMap(map.get(idea.id));
    if (sheet === null) continue;
    placed.add(idea.id);
    sheets.push(readSheetMap(idea.id, sheet, idea.text));
  }
  const orphans: Sheet[] = [];
  map.forEach((value, id) => {
    const sheet = asMap(value);
    if (sheet !== null && !placed.has(id)) orphans.push(readSheetMap(id, sheet, null));
  });
  orphans.sort((a, b) => a.createdAt - b.createdAt || (a.keyIdeaId < b.keyIdeaId ? -1 : a.keyIdeaId > b.keyIdeaId ? 1 : 0));
  return [...sheets, ...orphans];
}

/**
 * The notes a key idea came from, linked on its sheet: its note, or its cluster's notes in
 * board order. None for a free-text idea or a deleted source.
 */
export function sheetSourceNotes(doc: Y.Doc, keyIdeaId: string): Note[] {
  const source = validKeyIdea(doc, keyIdeaId)?.idea.source;
  if (source === undefined || source.kind === 'none') return [];
  const notes = listNotes(doc);
  return source.kind === 'note' ? notes.filter((n) => n.id === source.id) : notes.filter((n) => n.cluster === source.id);
}

/** Lines of a list field: one item a line, blank lines and surrounding spaces dropped. */
export function listItems(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '');
}

