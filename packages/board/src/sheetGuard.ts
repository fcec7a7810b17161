import * as Y from 'yjs';

import { scaleValue, SHEET_SCALES_MAP, SHEETS_MAP, sheetScaleKey, sheetTextName } from './sheets.js';
import { asMap, finiteOr, readText } from './values.js';

/**
 * What a hostile client cannot do to an action sheet (SPEC S7): hide its fields.
 *
 * The sheets' layout (S2) writes only plain `{ createdAt }` values in `sheets` and keeps each
 * field in a top-level `Y.Text`. Readers still honour the first layout (a `Y.Map` per sheet with
 * nested texts) for documents written before it, and there a nested text wins over the field's
 * top-level text: so a client that writes a `Y.Map` with empty nested texts under a sheet's key
 * (or an empty nested text into an old sheet) makes those fields read empty for everyone — the
 * page, the compte-rendu, the roadmap — while the words are still in the document. Writing some
 * other type or value under a sheet's key hides the whole sheet. No client of this layout
 * writes either, so the server, after applying a client's update, puts things back:
 * - a sheet entry that is not a plain object becomes the plain entry it replaced (or, for a new
 *   `Y.Map`, a plain one with its `createdAt`); any other value a client put under a key that
 *   had none is removed (it was never a sheet);
 * - a shared type added into an old sheet's nested `texts` is removed;
 * and whatever words such a type held go into the field's top-level text when that text is
 * empty, so nothing written is lost. (Writing another type under a field's top-level *name*
 * hides nothing: a top-level type takes the type its reader asks for, `Y.Text` here.)
 */

/** What clients changed in `sheets`, gathered from its deep events between two settlements. */
export interface SheetChanges {
  /** sheet key (key idea id) → the value it held before the first change seen */
  entries: Map<string, unknown>;
  /** old-layout nested texts set: `[keyIdeaId, fieldId]` */
  nestedTexts: [string, string][];
}

export function emptySheetChanges(): SheetChanges {
  return { entries: new Map(), nestedTexts: [] };
}

/** The top-level `sheets` map, for observing (the server's room). */
export function getSheetsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SHEETS_MAP);
}

/** Records what a deep event of `sheets` changed; call from its `observeDeep` for clients' transactions. */
export function noteSheetChanges(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], into: SheetChanges): void {
  for (const event of events) {
    const { path } = event;
    if (path.length === 0) {
      for (const [key, change] of event.changes.keys) if (!into.entries.has(key)) into.entries.set(key, change.oldValue);
    } else if (path.length === 2 && path[1] === 'texts' && typeof path[0] === 'string') {
      for (const [field, change] of event.changes.keys) if (change.action !== 'delete') into.nestedTexts.push([path[0], field]);
    }
  }
}

function isPlainEntry(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array);
}

/** Words of a nested text (a `Y.Text` or a string) go to the field's top-level text when it is empty. */
function keepWords(doc: Y.Doc, keyIdeaId: string, fieldId: string, value: unknown): void {
  const words = readText(value);
  if (words === '') return;
  let text: Y.Text;
  try {
    text = doc.getText(sheetTextName(keyIdeaId, fieldId));
  } catch {
    return; // this replica uses the name for another type: nothing to write into
  }
  if (text.length === 0) text.insert(0, words);
}

/** A first-layout sheet map's nested texts and scales, moved to this layout's places where those are empty. */
function keepSheetMap(doc: Y.Doc, keyIdeaId: string, map: Y.Map<unknown>): void {
  asMap(map.get('texts'))?.forEach((value, fieldId) => keepWords(doc, keyIdeaId, fieldId, value));
  const scales = doc.getMap<unknown>(SHEET_SCALES_MAP);
  asMap(map.get('scales'))?.forEach((value, fieldId) => {
    const key = sheetScaleKey(keyIdeaId, fieldId);
    if (scaleValue(value) !== null && scales.get(key) === undefined) scales.set(key, value);
  });
}

/**
 * Settles what clients wrote in `sheets` (S7); writes nothing when all is well. Returns how
 * many entries and nested texts it changed.
 */
export function settleSheets(doc: Y.Doc, changes: SheetChanges, origin?: unknown): number {
  const sheets = getSheetsMap(doc);
  let fixed = 0;
  doc.transact(() => {
    for (const [key, before] of changes.entries) {
      const value = sheets.get(key);
      if (value === undefined || isPlainEntry(value)) continue;
      const map = asMap(value);
      if (map !== null) keepSheetMap(doc, key, map);
      fixed++;
      if (isPlainEntry(before)) sheets.set(key, { ...before });
      else if (map !== null || before instanceof Y.AbstractType) sheets.set(key, { createdAt: finiteOr(map?.get('createdAt'), 0) });
      else sheets.delete(key);
    }
    for (const [keyIdeaId, fieldId] of changes.nestedTexts) {
      const texts = asMap(asMap(sheets.get(keyIdeaId))?.get('texts'));
      const value = texts?.get(fieldId);
      if (!(value instanceof Y.AbstractType)) continue;
      keepWords(doc, keyIdeaId, fieldId, value);
      texts!.delete(fieldId);
      fixed++;
    }
  }, origin);
  return fixed;
}
