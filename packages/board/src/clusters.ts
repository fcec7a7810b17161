import * as Y from 'yjs';

import { newId } from './ids.js';
import { findNote } from './notes.js';
import { readCluster, readNote } from './read.js';
import { getClustersMap, getNotesMap } from './schema.js';
import { writeTextField } from './text.js';
import { asMap, asText, finiteOr, isFiniteNumber, setIfChanged } from './values.js';
import { isWritableZone, listZones } from './zones.js';

export interface NewCluster {
  /** default: a random id */
  id?: string;
  label?: string;
  x: number;
  y: number;
  /** the zone it lives in; an unknown or read-only one is ignored (SPEC R26) */
  zone?: string | null;
}

/** Internal: the Y.Map of a cluster, or null when the entry is missing or unreadable (SPEC R2). */
export function findCluster(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  return asMap(getClustersMap(doc).get(id));
}

function insertCluster(doc: Y.Doc, id: string, label: string, x: number, y: number, zone: string | null): void {
  const map = new Y.Map<unknown>();
  getClustersMap(doc).set(id, map);
  map.set('label', new Y.Text(label));
  map.set('x', finiteOr(x, 0));
  map.set('y', finiteOr(y, 0));
  if (zone !== null && isWritableZone(listZones(doc), zone)) map.set('zone', zone);
}

/** Creates an empty cluster and returns its id. An existing id is overwritten (last writer wins). */
export function createCluster(doc: Y.Doc, cluster: NewCluster, origin?: unknown): string {
  const id = cluster.id ?? newId();
  doc.transact(() => insertCluster(doc, id, cluster.label ?? '', cluster.x, cluster.y, cluster.zone ?? null), origin);
  return id;
}

/** Replaces the label with a minimal splice (SPEC R4). */
export function renameCluster(doc: Y.Doc, id: string, label: string, origin?: unknown): boolean {
  const map = findCluster(doc, id);
  if (map === null) return false;
  doc.transact(() => writeTextField(map, 'label', label), origin);
  return true;
}

/** The shared label of a cluster, for binding an editor; null when missing or not a Y.Text. */
export function getClusterLabel(doc: Y.Doc, id: string): Y.Text | null {
  return asText(findCluster(doc, id)?.get('label'));
}

/**
 * Moves a cluster by its header. Member notes keep their place relative to it: each is shifted
 * by the same delta in the same transaction, unless `moveNotes` is false (SPEC R13).
 */
export function moveCluster(
  doc: Y.Doc,
  id: string,
  x: number,
  y: number,
  options: { moveNotes?: boolean } = {},
  origin?: unknown,
): boolean {
  const map = findCluster(doc, id);
  const current = readCluster(id, map);
  if (map === null || current === null || !isFiniteNumber(x) || !isFiniteNumber(y)) return false;
  const dx = x - current.x;
  const dy = y - current.y;
  doc.transact(() => {
    setIfChanged(map, 'x', x);
    setIfChanged(map, 'y', y);
    if (options.moveNotes === false || (dx === 0 && dy === 0)) return;
    const clusters = getClustersMap(doc);
    getNotesMap(doc).forEach((value, noteId) => {
      const note = readNote(noteId, value, clusters);
      const noteMap = asMap(value);
      if (note === null || noteMap === null || note.cluster !== id) return;
      setIfChanged(noteMap, 'x', note.x + dx);
      setIfChanged(noteMap, 'y', note.y + dy);
    });
  }, origin);
  return true;
}

/** Deletes a cluster and frees its notes where they stand; it never deletes notes (SPEC R9). */
export function deleteCluster(doc: Y.Doc, id: string, origin?: unknown): boolean {
  if (findCluster(doc, id) === null) return false;
  doc.transact(() => {
    getNotesMap(doc).forEach((value) => {
      const note = asMap(value);
      if (note !== null && note.get('cluster') === id) note.set('cluster', null);
    });
    getClustersMap(doc).delete(id);
  }, origin);
  return true;
}

/**
 * Puts a note in a cluster, or frees it with null. Refuses a missing note or an unknown
 * cluster. A note joining a cluster takes the cluster's zone, and keeps it when it leaves
 * (SPEC R26).
 */
export function setNoteCluster(
  doc: Y.Doc,
  noteId: string,
  clusterId: string | null,
  origin?: unknown,
): boolean {
  const note = findNote(doc, noteId);
  if (note === null) return false;
  const cluster = clusterId === null ? null : readCluster(clusterId, findCluster(doc, clusterId));
  if (clusterId !== null && cluster === null) return false;
  doc.transact(() => {
    setIfChanged(note, 'cluster', clusterId);
    if (cluster?.zone != null) setIfChanged(note, 'zone', cluster.zone);
  }, origin);
  return true;
}

/**
 * Moves a note to a zone (a drop, or « Déplacer vers… »), at `position` when given. It leaves a
 * cluster of another zone. Refuses a missing note, an unknown zone and a read-only one (SPEC R26).
 */
export function setNoteZone(
  doc: Y.Doc,
  noteId: string,
  zoneId: string,
  position?: { x: number; y: number },
  origin?: unknown,
): boolean {
  const map = findNote(doc, noteId);
  const note = readNote(noteId, map);
  if (map === null || note === null || !isWritableZone(listZones(doc), zoneId)) return false;
  if (position !== undefined && (!isFiniteNumber(position.x) || !isFiniteNumber(position.y))) return false;
  doc.transact(() => {
    setIfChanged(map, 'zone', zoneId);
    if (note.cluster !== null && note.zone !== zoneId) setIfChanged(map, 'cluster', null);
    if (position !== undefined) {
      setIfChanged(map, 'x', position.x);
      setIfChanged(map, 'y', position.y);
    }
  }, origin);
  return true;
}

/**
 * Moves a cluster, with its notes, to another zone (SPEC R26). Positions are the caller's
 * (`moveCluster`). Refuses a missing cluster, an unknown zone and a read-only one.
 */
export function setClusterZone(doc: Y.Doc, clusterId: string, zoneId: string, origin?: unknown): boolean {
  const map = findCluster(doc, clusterId);
  if (map === null || !isWritableZone(listZones(doc), zoneId)) return false;
  doc.transact(() => {
    setIfChanged(map, 'zone', zoneId);
    const clusters = getClustersMap(doc);
    getNotesMap(doc).forEach((value, noteId) => {
      const noteMap = asMap(value);
      if (noteMap !== null && readNote(noteId, value, clusters)?.cluster === clusterId) setIfChanged(noteMap, 'zone', zoneId);
    });
  }, origin);
  return true;
}

/**
 * Groups notes into a new cluster (dropping a note on another makes a cluster of both). The
 * cluster sits at the top-left of its notes unless placed explicitly. Notes leave their
 * previous cluster. Returns the cluster id, or null when none of the notes exists.
 */
export function createClusterFromNotes(
  doc: Y.Doc,
  noteIds: readonly string[],
  options: { id?: string; label?: string; x?: number; y?: number; zone?: string } = {},
  origin?: unknown,
): string | null {
  const members = [...new Set(noteIds)].flatMap((noteId) => {
    const map = findNote(doc, noteId);
    const note = readNote(noteId, map);
    return map !== null && note !== null ? [{ map, note }] : [];
  });
  if (members.length === 0) return null;
  const id = options.id ?? newId();
  const x = options.x ?? Math.min(...members.map((member) => member.note.x));
  const y = options.y ?? Math.min(...members.map((member) => member.note.y));
  // The cluster lives in the zone of the note it was made from (the first), unless told.
  const zone = options.zone ?? members[0]!.note.zone;
  doc.transact(() => {
    insertCluster(doc, id, options.label ?? '', x, y, zone);
    for (const member of members) {
      setIfChanged(member.map, 'cluster', id);
      if (zone !== null) setIfChanged(member.map, 'zone', zone);
    }
  }, origin);
  return id;
}
