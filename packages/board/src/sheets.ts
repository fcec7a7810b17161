import * as Y from 'yjs';

import { newId } from './ids.js';
import { listNotes, scanKeyIdeas } from './read.js';
import { BOARD_TYPES } from './schema.js';
import { replaceText } from './text.js';
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

/*
 * Layout, and why (S2): no shared type is ever created under a map key, because two replicas
 * creating one under the same key at once keep only one of them and lose what was typed into
 * the other. So:
 * - `sheets` holds, per key idea, a plain `{ createdAt }` value: it says the sheet exists and
 *   orders the orphans; two people opening it at once both write it, last writer wins, harmless.
 * - each text or list field is the top-level `Y.Text` named `sheetTextName(keyIdeaId, fieldId)`.
 *   A top-level type's identity is its name: two replicas that first use it at once use the
 *   same text, and their words merge like any typing. Nothing is written to « create » it.
 * - scales are plain values in the top-level map `sheetScales`, keyed by
 *   `sheetScaleKey(keyIdeaId, fieldId)`: one key per field, last writer wins (S4).
 *
 * Documents written by the first layout (a `Y.Map` per sheet holding `createdAt` and nested
 * `texts` and `scales` maps) are read as they are, not migrated: their nested texts were
 * created once and are stable, so binding them loses nothing, while a migration run by every
 * client that loads the document would copy each text concurrently and double it. A field
 * such a sheet lacks is written at its top-level name like any other.
 */

/** Group canvas document: `sheetScaleKey(keyIdeaId, fieldId)` → 1…SHEET_SCALE_MAX. */
export const SHEET_SCALES_MAP = 'sheetScales';
/** Prefix of the top-level names of sheet texts. */
export const SHEET_TEXT_PREFIX = 'sheet/';

/* Ids are escaped so that an id holding `/` can never make two fields share one name. */
const sheetKeyPrefix = (keyIdeaId: string): string => `${encodeURIComponent(keyIdeaId)}/`;

/** The top-level name of a sheet field's text: `sheet/<keyIdeaId>/<fieldId>`, ids URI-escaped. */
export function sheetTextName(keyIdeaId: string, fieldId: string): string {
  return `${SHEET_TEXT_PREFIX}${sheetKeyPrefix(keyIdeaId)}${encodeURIComponent(fieldId)}`;
}

/** The key of a sheet field's scale in `sheetScales`: `<keyIdeaId>/<fieldId>`, ids URI-escaped. */
export function sheetScaleKey(keyIdeaId: string, fieldId: string): string {
  return `${sheetKeyPrefix(keyIdeaId)}${encodeURIComponent(fieldId)}`;
}

/** A sheet entry of `sheets`: a plain object (this layout) or a `Y.Map` (the first layout). */
type SheetEntry = { kind: 'plain'; createdAt: number } | { kind: 'legacy'; map: Y.Map<unknown> };

function asSheetEntry(value: unknown): SheetEntry | null {
  const map = asMap(value);
  if (map !== null) return { kind: 'legacy', map };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Y.AbstractType) return null;
  return { kind: 'plain', createdAt: finiteOr((value as Record<string, unknown>)['createdAt'], 0) };
}

function sheetEntry(doc: Y.Doc, keyIdeaId: string): SheetEntry | null {
  return asSheetEntry(tryGet(() => sheetsMap(doc))?.get(keyIdeaId));
}

function scalesMap(doc: Y.Doc): Y.Map<unknown> | null {
  return tryGet(() => doc.getMap<unknown>(SHEET_SCALES_MAP));
}

function legacyField(entry: SheetEntry | null, key: 'texts' | 'scales', fieldId: string): unknown {
  return entry?.kind === 'legacy' ? asMap(entry.map.get(key))?.get(fieldId) : undefined;
}

/** The top-level text by name; null when another client used the name for another type. */
function namedText(doc: Y.Doc, name: string): Y.Text | null {
  return tryGet(() => doc.getText(name));
}

/** The sheet's top-level texts present in this replica, field id → text. */
function namedTexts(doc: Y.Doc, keyIdeaId: string): Map<string, Y.Text> {
  const prefix = `${SHEET_TEXT_PREFIX}${sheetKeyPrefix(keyIdeaId)}`;
  const texts = new Map<string, Y.Text>();
  for (const name of [...doc.share.keys()]) {
    if (!name.startsWith(prefix)) continue;
    const fieldId = tryGet(() => decodeURIComponent(name.slice(prefix.length)));
    const text = namedText(doc, name);
    if (fieldId !== null && text !== null) texts.set(fieldId, text);
  }
  return texts;
}

function validKeyIdea(doc: Y.Doc, keyIdeaId: string) {
  return scanKeyIdeas(doc).find((entry) => entry.valid && entry.idea.id === keyIdeaId) ?? null;
}

/**
 * Opens the action sheet of a valid key idea (S2): one plain entry in `sheets`, nothing else;
 * its fields' texts exist by name. An existing sheet is kept as it is (true, nothing written);
 * an unknown key idea gives false. `_fields` (the template) is no longer needed and is kept so
 * callers need not change.
 */
export function openSheet(
  doc: Y.Doc,
  keyIdeaId: string,
  _fields: readonly { id: string; kind: SheetFieldKind }[],
  options: { createdAt?: number } = {},
  origin?: unknown,
): boolean {
  if (sheetEntry(doc, keyIdeaId) !== null) return true;
  if (validKeyIdea(doc, keyIdeaId) === null) return false;
  const map = tryGet(() => sheetsMap(doc));
  if (map === null) return false;
  doc.transact(() => map.set(keyIdeaId, { createdAt: options.createdAt ?? Date.now() }), origin);
  return true;
}

/**
 * Removes a sheet and empties what was written in it, so reopening it starts blank. Words
 * typed concurrently with the removal stay in the field's text and show if it is reopened.
 * Unknown: false.
 */
export function removeSheet(doc: Y.Doc, keyIdeaId: string, origin?: unknown): boolean {
  if (sheetEntry(doc, keyIdeaId) === null) return false;
  doc.transact(() => {
    sheetsMap(doc).delete(keyIdeaId);
    for (const text of namedTexts(doc, keyIdeaId).values()) if (text.length > 0) text.delete(0, text.length);
    const scales = scalesMap(doc);
    const prefix = sheetKeyPrefix(keyIdeaId);
    for (const key of [...(scales?.keys() ?? [])]) if (key.startsWith(prefix)) scales!.delete(key);
  }, origin);
  return true;
}

/**
 * The shared text of a sheet field, for binding an editor: the field's top-level text (or, in
 * a sheet of the first layout, the nested text it already holds). Null when there is no sheet,
 * or when the name was used by another client for another type.
 */
export function getSheetText(doc: Y.Doc, keyIdeaId: string, fieldId: string): Y.Text | null {
  const entry = sheetEntry(doc, keyIdeaId);
  if (entry === null) return null;
  return asText(legacyField(entry, 'texts', fieldId)) ?? namedText(doc, sheetTextName(keyIdeaId, fieldId));
}

/**
 * The same as `getSheetText`: a field's text exists by name, so first use creates nothing and
 * two first uses at once cannot race (S2). Kept for callers of the first layout.
 */
export function ensureSheetText(doc: Y.Doc, keyIdeaId: string, fieldId: string, _origin?: unknown): Y.Text | null {
  return getSheetText(doc, keyIdeaId, fieldId);
}

/** Replaces a field's text by a minimal splice (R4, S3). No sheet: false. */
export function setSheetText(doc: Y.Doc, keyIdeaId: string, fieldId: string, text: string, origin?: unknown): boolean {
  const entry = sheetEntry(doc, keyIdeaId);
  if (entry === null) return false;
  const target = getSheetText(doc, keyIdeaId, fieldId);
  if (target === null) return false;
  const stale = legacyField(entry, 'texts', fieldId);
  // A first-layout field written as a plain string by another client: its top-level text replaces it (R4).
  const repair = entry.kind === 'legacy' && stale !== undefined && asText(stale) === null;
  if (target.toString() === text && !repair) return true;
  doc.transact(() => {
    replaceText(target, text);
    if (repair) asMap(entry.map.get('texts'))?.delete(fieldId);
  }, origin);
  return true;
}

/** A scale value as stored: an integer in 1…SHEET_SCALE_MAX, else null (« Non traité »). */
export function scaleValue(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SHEET_SCALE_MAX ? value : null;
}

function readScale(doc: Y.Doc, entry: SheetEntry | null, keyIdeaId: string, fieldId: string): number | null {
  const value = scalesMap(doc)?.get(sheetScaleKey(keyIdeaId, fieldId));
  return value !== undefined ? scaleValue(value) : scaleValue(legacyField(entry, 'scales', fieldId));
}

/**
 * Sets a scale field to 1…SHEET_SCALE_MAX, or null for « Non traité » (S4). A value out of the
 * scale, or no sheet: false. The same value: true, nothing written.
 */
export function setSheetScale(doc: Y.Doc, keyIdeaId: string, fieldId: string, value: number | null, origin?: unknown): boolean {
  const entry = sheetEntry(doc, keyIdeaId);
  const scales = scalesMap(doc);
  if (entry === null || scales === null || (value !== null && scaleValue(value) === null)) return false;
  if (readScale(doc, entry, keyIdeaId, fieldId) === value) return true;
  doc.transact(() => {
    const key = sheetScaleKey(keyIdeaId, fieldId);
    if (value === null) scales.delete(key);
    else scales.set(key, value);
    // A first-layout value would show again under a deleted one: it goes too.
    if (entry.kind === 'legacy') asMap(entry.map.get('scales'))?.delete(fieldId);
  }, origin);
  return true;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readSheetEntry(doc: Y.Doc, keyIdeaId: string, entry: SheetEntry, title: string | null): Sheet {
  const texts: Record<string, string> = {};
  const legacyTexts = entry.kind === 'legacy' ? asMap(entry.map.get('texts')) : null;
  const found = new Map<string, string>();
  legacyTexts?.forEach((value, id) => {
    if (typeof value === 'string' || asText(value) !== null) found.set(id, readText(value));
  });
  // A field's top-level text, when written, wins over a first-layout value that is not a shared text.
  for (const [id, text] of namedTexts(doc, keyIdeaId)) {
    if (text.length > 0 && asText(legacyTexts?.get(id)) === null) found.set(id, text.toString());
  }
  for (const id of [...found.keys()].sort(byId)) texts[id] = found.get(id)!;

  const ids = new Set<string>();
  if (entry.kind === 'legacy') for (const id of asMap(entry.map.get('scales'))?.keys() ?? []) ids.add(id);
  const prefix = sheetKeyPrefix(keyIdeaId);
  for (const key of scalesMap(doc)?.keys() ?? []) {
    if (!key.startsWith(prefix)) continue;
    const id = tryGet(() => decodeURIComponent(key.slice(prefix.length)));
    if (id !== null) ids.add(id);
  }
  const scales: Record<string, number> = {};
  for (const id of [...ids].sort(byId)) {
    const value = readScale(doc, entry, keyIdeaId, id);
    if (value !== null) scales[id] = value;
  }
  const createdAt = entry.kind === 'legacy' ? finiteOr(entry.map.get('createdAt'), 0) : entry.createdAt;
  return { keyIdeaId, title: title ?? '', orphan: title === null, createdAt, texts, scales };
}

/** One sheet, or null when there is none for this key idea. */
export function readSheet(doc: Y.Doc, keyIdeaId: string): Sheet | null {
  const entry = sheetEntry(doc, keyIdeaId);
  if (entry === null) return null;
  return readSheetEntry(doc, keyIdeaId, entry, validKeyIdea(doc, keyIdeaId)?.idea.text ?? null);
}

/**
 * Every sheet (S5): those of valid key ideas in key idea order, then those whose key idea was
 * removed, oldest first (then by id). Entries that are neither a plain object nor a `Y.Map`
 * are skipped (R5).
 */
export function readSheets(doc: Y.Doc): Sheet[] {
  const map = tryGet(() => sheetsMap(doc));
  if (map === null) return [];
  const ideas = scanKeyIdeas(doc).filter((entry) => entry.valid).map((entry) => entry.idea);
  const placed = new Set<string>();
  const sheets: Sheet[] = [];
  for (const idea of ideas) {
    const entry = asSheetEntry(map.get(idea.id));
    if (entry === null) continue;
    placed.add(idea.id);
    sheets.push(readSheetEntry(doc, idea.id, entry, idea.text));
  }
  const orphans: Sheet[] = [];
  map.forEach((value, id) => {
    const entry = asSheetEntry(value);
    if (entry !== null && !placed.has(id)) orphans.push(readSheetEntry(doc, id, entry, null));
  });
  orphans.sort((a, b) => a.createdAt - b.createdAt || byId(a.keyIdeaId, b.keyIdeaId));
  return [...sheets, ...orphans];
}

/**
 * Whether a transaction touched the sheets, their texts, their scales or the key ideas (their
 * titles and order): what a live view of the sheets re-reads on. Call from `afterTransaction`.
 */
export function transactionTouchesSheets(transaction: Y.Transaction): boolean {
  // `changed` holds a top-level text this replica has not read yet (Yjs gives it no events), `changedParentTypes` the roots of nested changes.
  for (const type of [...transaction.changed.keys(), ...transaction.changedParentTypes.keys()]) {
    if (type._item !== null) continue;
    const name = tryGet(() => Y.findRootTypeKey(type));
    if (name === SHEETS_MAP || name === SHEET_SCALES_MAP || name === BOARD_TYPES.keyIdeas || (name?.startsWith(SHEET_TEXT_PREFIX) ?? false)) return true;
  }
  return false;
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

