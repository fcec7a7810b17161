import * as Y from 'yjs';

import { asText, clampIndex, readText } from './values.js';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The smallest single splice turning `before` into `after`: the common prefix and suffix are
 * kept. Never cuts a surrogate pair, which would leave a lone half in the shared text.
 */
export function diffText(
  before: string,
  after: string,
): { index: number; deleteCount: number; insert: string } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/**
 * Replaces the whole text by a minimal splice, so an edit made concurrently in an untouched
 * part of the text survives the merge. Call inside a transaction.
 */
export function replaceText(text: Y.Text, next: string): void {
  const { index, deleteCount, insert } = diffText(text.toString(), next);
  if (deleteCount > 0) text.delete(index, deleteCount);
  if (insert.length > 0) text.insert(index, insert);
}

/** Splice with arguments clamped to the text, since callers may hold a stale length. */
export function spliceText(text: Y.Text, index: number, deleteCount: number, insert: string): void {
  const at = clampIndex(index, 0, text.length);
  const count = clampIndex(deleteCount, 0, text.length - at);
  if (count > 0) text.delete(at, count);
  if (insert.length > 0) text.insert(at, insert);
}

/**
 * Sets a text field of `map` to `next`. A field that another client wrote with the wrong type
 * is repaired with a fresh Y.Text rather than refused, so the entry becomes editable again.
 */
export function writeTextField(map: Y.Map<unknown>, key: string, next: string): void {
  const current = asText(map.get(key));
  if (current !== null) replaceText(current, next);
  else map.set(key, new Y.Text(next));
}

/** Like spliceText on a field, repairing a wrongly typed field from its tolerant reading. */
export function spliceTextField(
  map: Y.Map<unknown>,
  key: string,
  index: number,
  deleteCount: number,
  insert: string,
): void {
  const current = map.get(key);
  const text = asText(current);
  if (text !== null) {
    spliceText(text, index, deleteCount, insert);
    return;
  }
  const repaired = new Y.Text(readText(current));
  map.set(key, repaired);
  spliceText(repaired, index, deleteCount, insert);
}
