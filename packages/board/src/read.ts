import type * as Y from 'yjs';

import { getClustersMap, getKeyIdeasArray, getMetaMap, getNotesMap, isNoteColor } from './schema.js';
import { DEFAULT_NOTE_COLOR, SCHEMA_VERSION } from './types.js';
import type { BoardMeta, BoardSnapshot, Cluster, KeyIdea, KeyIdeaSource, Note } from './types.js';
import { asMap, finiteOr, idOrNull, isFiniteNumber, normalizeLimit, readText, stringOr } from './values.js';

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

/**
 * Reads one note. Its cluster is checked against the clusters of `clusters` (default: the
 * document the note belongs to): a key that names no cluster reads as null (SPEC R6).
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

export function readNote(id: string, value: unknown, clusters?: Y.Map<unknown> | null): Note | null {
  const map = asMap(value);
  if (map === null) return null;
  const owner = map.doc;
  const known = clusters !== undefined ? clusters : owner && tryGet(() => getClustersMap(owner));
  const color = map.get('color');
  const cluster = map.get('cluster');
  return {
    id,
    text: readText(map.get('text')),
    color: isNoteColor(color) ? color : DEFAULT_NOTE_COLOR,
    x: finiteOr(map.get('x'), 0),
    y: finiteOr(map.get('y'), 0),
    cluster: typeof cluster === 'string' && clusterExists(known, cluster) ? cluster : null,
    author: stringOr(map.get('author'), ''),
    createdAt: finiteOr(map.get('createdAt'), 0),
    ...readNoteOrigin(map),
  };
}

export function readCluster(id: string, value: unknown): Cluster | null {
  const map = asMap(value);
  if (map === null) return null;
  return {
    id,
    label: readText(map.get('label')),
    x: finiteOr(map.get('x'), 0),
    y: finiteOr(map.get('y'), 0),
  };
}

function compareNotes(a: Note, b: Note): number {
  return a.createdAt - b.createdAt || compareIds(a.id, b.id);
}

/** Every readable note, sorted by createdAt then id so every replica lists them alike. */
export function listNotes(doc: Y.Doc): Note[] {
  const notes = tryGet(() => getNotesMap(doc));
  const clusters = tryGet(() => getClustersMap(doc));
  const result: Note[] = [];
  notes?.forEach((value, id) => {
    const note = readNote(id, value, clusters);
    if (note !== null) result.push(note);
  });
  return result.sort(compareNotes);
}

/** Every readable cluster, sorted by id. */
export function listClusters(doc: Y.Doc): Cluster[] {
  const clusters = tryGet(() => getClustersMap(doc));
  const result: Cluster[] = [];
  clusters?.forEach((value, id) => {
    const cluster = readCluster(id, value);
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
    schema: finiteOr(meta?.get('schema'), SCHEMA_VERSION),
    groupId: stringOr(meta?.get('groupId'), ''),
    name: stringOr(meta?.get('name'), ''),
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
    const idea: KeyIdea = { id, text: readText(map.get('text')), source: liveSource(map, notes, clusters) };
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

/** The key ideas that count: the first `limit` valid entries (SPEC R8). */
export function effectiveKeyIdeas(doc: Y.Doc, limit: number): KeyIdea[] {
  return readKeyIdeas(doc).slice(0, normalizeLimit(limit));
}

/** A JSON-safe, deterministic picture of the board (SPEC R7). */
export function snapshotBoard(doc: Y.Doc): BoardSnapshot {
  return {
    meta: readMeta(doc),
    notes: listNotes(doc),
    clusters: listClusters(doc),
    keyIdeas: readKeyIdeas(doc),
  };
}
