import * as Y from 'yjs';

import { newId } from './ids.js';
import { getClustersMap, getNotesMap, isNoteColor } from './schema.js';
import { spliceTextField, writeTextField } from './text.js';
import { DEFAULT_NOTE_COLOR } from './types.js';
import type { NoteColor } from './types.js';
import { asMap, asText, finiteOr, isFiniteNumber, setIfChanged } from './values.js';
import { isWritableZone, listZones } from './zones.js';

export interface NewNote {
  /** default: a random id */
  id?: string;
  text?: string;
  color?: NoteColor;
  x: number;
  y: number;
  author: string;
  /** ms since epoch; default Date.now() */
  createdAt?: number;
  /** an existing cluster key; an unknown one is ignored */
  cluster?: string | null;
  /** rotating groups: the round (1-based) the note was written in (SPEC R30) */
  round?: number | null;
  /** rotating groups: the participant group that wrote it */
  group?: string | null;
  /** the zone it is written in; an unknown or read-only one is ignored (SPEC R26) */
  zone?: string | null;
}

/** Internal: the Y.Map of a note, or null when the entry is missing or unreadable (SPEC R2). */
export function findNote(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  return asMap(getNotesMap(doc).get(id));
}

/**
 * Creates a note and returns its id. An explicit id that already exists is overwritten, as a
 * concurrent creation with that id would be (last writer wins).
 */
export function createNote(doc: Y.Doc, note: NewNote, origin?: unknown): string {
  const id = note.id ?? newId();
  doc.transact(() => {
    const cluster = note.cluster ?? null;
    const map = new Y.Map<unknown>();
    getNotesMap(doc).set(id, map);
    map.set('text', new Y.Text(note.text ?? ''));
    map.set('color', isNoteColor(note.color) ? note.color : DEFAULT_NOTE_COLOR);
    map.set('x', finiteOr(note.x, 0));
    map.set('y', finiteOr(note.y, 0));
    map.set('cluster', cluster !== null && asMap(getClustersMap(doc).get(cluster)) !== null ? cluster : null);
    const zone = note.zone ?? null;
    if (zone !== null && isWritableZone(listZones(doc), zone)) map.set('zone', zone);
    map.set('author', note.author);
    map.set('createdAt', finiteOr(note.createdAt ?? Date.now(), 0));
    // Optional fields, only written when known: documents of sessions by group stay as they were.
    if (isFiniteNumber(note.round) && Number.isInteger(note.round) && note.round >= 1) map.set('round', note.round);
    if (typeof note.group === 'string' && note.group !== '') map.set('group', note.group);
  }, origin);
  return id;
}

/** Replaces the whole text with a minimal splice, so concurrent edits elsewhere in it merge (SPEC R4). */
export function setNoteText(doc: Y.Doc, id: string, text: string, origin?: unknown): boolean {
  const map = findNote(doc, id);
  if (map === null) return false;
  doc.transact(() => writeTextField(map, 'text', text), origin);
  return true;
}

/** One splice of the note text; out-of-range arguments are clamped to the text. */
export function editNoteText(
  doc: Y.Doc,
  id: string,
  index: number,
  deleteCount: number,
  insert: string,
  origin?: unknown,
): boolean {
  const map = findNote(doc, id);
  if (map === null) return false;
  doc.transact(() => spliceTextField(map, 'text', index, deleteCount, insert), origin);
  return true;
}

/** The shared text of a note, for binding an editor; null when missing or not a Y.Text. */
export function getNoteText(doc: Y.Doc, id: string): Y.Text | null {
  return asText(findNote(doc, id)?.get('text'));
}

export function recolorNote(doc: Y.Doc, id: string, color: NoteColor, origin?: unknown): boolean {
  const map = findNote(doc, id);
  if (map === null || !isNoteColor(color)) return false;
  doc.transact(() => setIfChanged(map, 'color', color), origin);
  return true;
}

/**
 * Moves a note: one write per gesture, on drop (drags travel through awareness). Only the
 * coordinates that changed are written, since every write is kept by the CRDT (SPEC R14).
 */
export function moveNote(doc: Y.Doc, id: string, x: number, y: number, origin?: unknown): boolean {
  const map = findNote(doc, id);
  if (map === null || !isFiniteNumber(x) || !isFiniteNumber(y)) return false;
  doc.transact(() => {
    setIfChanged(map, 'x', x);
    setIfChanged(map, 'y', y);
  }, origin);
  return true;
}

/** Deletes a note. Key ideas marked from it keep their own text (SPEC R10). */
export function deleteNote(doc: Y.Doc, id: string, origin?: unknown): boolean {
  if (findNote(doc, id) === null) return false;
  doc.transact(() => getNotesMap(doc).delete(id), origin);
  return true;
}
