import * as Y from 'yjs';

/**
 * Tolerant field readers shared by every module. Any client may write anything into a
 * shared document, so a field is only trusted after its type is checked here.
 */

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function finiteOr(value: unknown, fallback: number): number {
  return isFiniteNumber(value) ? value : fallback;
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Non-empty string, else null: an empty id could not be addressed by the UI. */
export function idOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/*
 * A shared type not yet attached to a document has no readable content (Yjs warns on every
 * read), so it reads as missing.
 */

export function asMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map && value.doc !== null ? (value as Y.Map<unknown>) : null;
}

export function asArray(value: unknown): Y.Array<unknown> | null {
  return value instanceof Y.Array && value.doc !== null ? (value as Y.Array<unknown>) : null;
}

export function asText(value: unknown): Y.Text | null {
  return value instanceof Y.Text && value.doc !== null ? value : null;
}

/** The text of a field that should be a Y.Text; a plain string written by another client is accepted. */
export function readText(value: unknown): string {
  if (typeof value === 'string') return value;
  return asText(value)?.toString() ?? '';
}

/** Integer in [min, max]; NaN and other non-numbers fall to min. */
export function clampIndex(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return value === Infinity ? max : min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** A limit as given by a caller or a session: a non-negative integer. */
export function normalizeLimit(limit: number): number {
  return clampIndex(limit, 0, Number.MAX_SAFE_INTEGER);
}

/** Writes a map field only when it differs, so a no-op emits no update. */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value);
}
