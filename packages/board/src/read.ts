import type * as Y from 'yjs';

import { getClustersMap, getKeyIdeasArray, getMetaMap, getNotesMap, isNoteColor } from './schema.js';
import { DEFAULT_NOTE_COLOR, LEGACY_SCHEMA_VERSION } from './types.js';
import type { BoardMeta, BoardSnapshot, Cluster, KeyIdea, KeyIdeaSource, Note, Zone } from './types.js';
import { asMap, finiteOr, idOrNull, isFiniteNumber, readText, stringOr } from './values.js';
import { countingKeyIdeas, listZones, resolveZone } from './zones.js';

/*
 * Tolerant readers (SPEC R5): whatever a client wrote, they skip or default, never throw.
 * The top-level getters can only throw when this process itself asked for the same name
 * under another type; readers then report an empty board instead of crashing a render.
 */

function tryGet<T>(get: () => T): T | null {
  try {
    return get();
  } catch {
    return null;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clusterExists(clusters: Y.Map<unknown> | null, id: string): boolean {
  return clusters !== null && asMap(clusters.get(id)) !== null;
}

function zonesOf(map: Y.Map<unknown>): Zone[] {
  const owner = map.doc;
  return owner === null ? [] : listZones(owner);
}

/**
 * Reads one note. Its cluster is checked against the clusters of `clusters` (default: the
 * document the note belongs to): a key that names no cluster reads as null (SPEC R6). Its zone
 * is its cluster's, else its own, resolved against `zones` (default: the document's) (SPEC R26).
 */
/** A note's round and group (rotating groups); anything malformed reads as absent (SPEC R30). */
function readNoteOrigin(map: Y.Map<unknown>): Pick<Note, 'round' | 'group'> {
  const round = map.get('round');
  const group = map.get('group');
  return {
    ...(isFiniteNumber(round) && Number.isInteger(round) && round >= 1 ? { round } : {}),
    ...(typeof group === 'string' && group !== '' ? { group } : {}),
  };
}

export function readNote(
  id: string,
  value: unknown,
  clusters?: Y.Map<unknown> | null,
  zones?: readonly Zone[],
): Note | null {
  const map = asMap(value);
  if (map === null) return null;
  const owner = map.doc;
  const known = clusters !== undefined ? clusters : owner && tryGet(() => getClustersMap(owner));
  const board = zones ?? zonesOf(map);
  const color = map.get('color');
  const rawCluster = map.get('cluster');
  const cluster = typeof rawCluster === 'string' && clusterExists(known, rawCluster) ? rawCluster : null;
  const rawZone = cluster !== null ? asMap(known?.get(cluster))?.get('zone') : map.get('zone');
  return {
    id,
    text: readText(map.get('text')),
    color: isNoteColor(color) ? color : DEFAULT_NOTE_COLOR,
    x: finiteOr(map.get('x'), 0),
    y: finiteOr(map.get('y'), 0),
    cluster,
    zone: resolveZone(board, rawZone),
    author: stringOr(map.get('author'), ''),
    createdAt: finiteOr(map.get('createdAt'), 0),
    ...readNoteOrigin(map),
  };
}

export function readCluster(id: string, value: unknown, zones?: readonly Zone[]): Cluster | null {
  const map = asMap(value);
  if (map === null) return null;
  return {
    id,
    label: readText(map.get('label')),
    x: finiteOr(map.get('x'), 0),
    y: finiteOr(map.get('y'), 0),
    zone: resolveZone(zones ?? zonesOf(map), map.get('zone')),
  };
}

function compareNotes(a: Note, b: Note): number {
  return a.createdAt - b.createdAt || compareIds(a.id, b.id);
}

/** Every readable note, sorted by createdAt then id so every replica lists them alike. */
export function listNotes(doc: Y.Doc): Note[] {
  const notes = tryGet(() => getNotesMap(doc));
  const clusters = tryGet(() => getClustersMap(doc));
  const zones = listZones(doc);
  const result: Note[] = [];
  notes?.forEach((value, id) => {
    const note = readNote(id, value, clusters, zones);
    if (note !== null) result.push(note);
  });
  return result.sort(compareNotes);
}

/** Every readable cluster, sorted by id. */
export function listClusters(doc: Y.Doc): Cluster[] {
  const clusters = tryGet(() => getClustersMap(doc));
  const zones = listZones(doc);
  const result: Cluster[] = [];
  clusters?.forEach((value, id) => {
    const cluster = readCluster(id, value, zones);
    if (cluster !== null) result.push(cluster);
  });
  return result.sort((a, b) => compareIds(a.id, b.id));
}

export function notesInCluster(doc: Y.Doc, clusterId: string): Note[] {
  return listNotes(doc).filter((note) => note.cluster === clusterId);
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = tryGet(() => getMetaMap(doc));
  return {
    schema: finiteOr(meta?.get('schema'), LEGACY_SCHEMA_VERSION),
    groupId: stringOr(meta?.get('groupId'), ''),
    name: stringOr(meta?.get('name'), ''),
    template: stringOr(meta?.get('template'), ''),
  };
}

/** One entry of `keyIdeas` that is a Y.Map with an id, with what the readers decided about it. */
export interface KeyIdeaEntry {
  /** index in the raw array, garbage entries included */
  index: number;
  map: Y.Map<unknown>;
  idea: KeyIdea;
  /** `note:<id>` or `cluster:<id>` from the raw fields, kept after the source is deleted */
  sourceKey: string | null;
  /** false when an earlier valid entry has the same id or the same source (SPEC R8) */
  valid: boolean;
}

/** The zone a key idea counts in: the one recorded when it was marked, resolved (SPEC R27). */
function keyIdeaZone(map: Y.Map<unknown>, zones: readonly Zone[]): string | null {
  return resolveZone(zones, map.get('zone'));
}

/** Source as recorded in the entry: a note id wins over a cluster id when both are present. */
function rawSourceKey(map: Y.Map<unknown>): string | null {
  const noteId = idOrNull(map.get('noteId'));
  if (noteId !== null) return `note:${noteId}`;
  const clusterId = idOrNull(map.get('clusterId'));
  if (clusterId !== null) return `cluster:${clusterId}`;
  return null;
}

function liveSource(
  map: Y.Map<unknown>,
  notes: Y.Map<unknown> | null,
  clusters: Y.Map<unknown> | null,
): KeyIdeaSource {
  const noteId = idOrNull(map.get('noteId'));
  if (noteId !== null) {
    return asMap(notes?.get(noteId)) !== null ? { kind: 'note', id: noteId } : { kind: 'none' };
  }
  const clusterId = idOrNull(map.get('clusterId'));
  if (clusterId !== null && clusterExists(clusters, clusterId)) return { kind: 'cluster', id: clusterId };
  return { kind: 'none' };
}

/** Internal: the addressable entries of `keyIdeas`, in document order, for readers and operations. */
export function scanKeyIdeas(doc: Y.Doc): KeyIdeaEntry[] {
  const array = tryGet(() => getKeyIdeasArray(doc));
  if (array === null) return [];
  const notes = tryGet(() => getNotesMap(doc));
  const clusters = tryGet(() => getClustersMap(doc));
  const zones = listZones(doc);
  const seenIds = new Set<string>();
  const seenSources = new Set<string>();
  const entries: KeyIdeaEntry[] = [];
  array.toArray().forEach((value, index) => {
    const map = asMap(value);
    const id = map === null ? null : idOrNull(map.get('id'));
    if (map === null || id === null) return;
    const sourceKey = rawSourceKey(map);
    const valid = !seenIds.has(id) && (sourceKey === null || !seenSources.has(sourceKey));
    if (valid) {
      seenIds.add(id);
      if (sourceKey !== null) seenSources.add(sourceKey);
    }
    const idea: KeyIdea = {
      id,
      text: readText(map.get('text')),
      source: liveSource(map, notes, clusters),
      zone: keyIdeaZone(map, zones),
    };
    entries.push({ index, map, idea, sourceKey, valid });
  });
  return entries;
}

/** Every valid key idea in document order, including those past the limit. */
export function readKeyIdeas(doc: Y.Doc): KeyIdea[] {
  return scanKeyIdeas(doc)
    .filter((entry) => entry.valid)
    .map((entry) => entry.idea);
}

/**
 * Internal: the valid entries that count: the first `limit` valid entries (SPEC R8), counted
 * per zone on a board with zones, each zone with its own limit or else `limit` (SPEC R27).
 */
export function countingEntries(doc: Y.Doc, entries: readonly KeyIdeaEntry[], limit: number): Set<KeyIdeaEntry> {
  const valid = entries.filter((entry) => entry.valid).map((entry) => ({ entry, zone: entry.idea.zone }));
  return new Set(countingKeyIdeas(valid, listZones(doc), limit).map((item) => item.entry));
}

/** The key ideas that count, in document order (SPEC R8, R27). */
export function effectiveKeyIdeas(doc: Y.Doc, limit: number): KeyIdea[] {
  const entries = scanKeyIdeas(doc);
  const counting = countingEntries(doc, entries, limit);
  return entries.filter((entry) => counting.has(entry)).map((entry) => entry.idea);
}

/** A JSON-safe, deterministic picture of the board (SPEC R7). */
export function snapshotBoard(doc: Y.Doc): BoardSnapshot {
  return {
    meta: readMeta(doc),
    zones: listZones(doc),
    notes: listNotes(doc),
    clusters: listClusters(doc),
    keyIdeas: readKeyIdeas(doc),
  };
}
