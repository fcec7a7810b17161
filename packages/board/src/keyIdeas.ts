import * as Y from 'yjs';

import { planMove } from './arrays.js';
import { newId } from './ids.js';
import { countingEntries, readCluster, readNote, scanKeyIdeas } from './read.js';
import type { KeyIdeaEntry } from './read.js';
import { getClustersMap, getKeyIdeasArray, getNotesMap } from './schema.js';
import { writeTextField } from './text.js';
import { asText, normalizeLimit, readText } from './values.js';
import { listZones, resolveZone, zoneKeyIdeaLimit } from './zones.js';

/** What a key idea is marked from: a note, a cluster, or free text typed by the group. */
export type KeyIdeaSourceRef = { noteId: string } | { clusterId: string } | { text: string };

export type MarkKeyIdeaResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'limit' | 'unknown-source' | 'already-marked' };

function sourceKeyOf(source: { noteId: string } | { clusterId: string }): string {
  return 'noteId' in source ? `note:${source.noteId}` : `cluster:${source.clusterId}`;
}

function findValid(doc: Y.Doc, id: string): KeyIdeaEntry | null {
  return scanKeyIdeas(doc).find((entry) => entry.valid && entry.idea.id === id) ?? null;
}

/** The text and zone a new key idea starts from; null when the source does not exist. */
function initialContent(
  doc: Y.Doc,
  source: KeyIdeaSourceRef,
  zone: string | undefined,
): { text: string; zone: string | null } | null {
  if ('noteId' in source) {
    const note = readNote(source.noteId, getNotesMap(doc).get(source.noteId));
    return note && { text: note.text, zone: note.zone };
  }
  if ('clusterId' in source) {
    const cluster = readCluster(source.clusterId, getClustersMap(doc).get(source.clusterId));
    return cluster && { text: cluster.label, zone: cluster.zone };
  }
  return { text: source.text, zone: resolveZone(listZones(doc), zone) };
}

/**
 * Marks a key idea. Its text is copied from the source into its own Y.Text: reformulating it
 * never edits the note or cluster (SPEC R10). It records the zone it counts in: its source's,
 * or for free text `options.zone` (SPEC R27). Refuses an unknown source, a source already
 * marked, and marking past the limit of valid entries of its zone (SPEC R11, R27).
 */
export function markKeyIdea(
  doc: Y.Doc,
  source: KeyIdeaSourceRef,
  limit: number,
  options: { id?: string; zone?: string } = {},
  origin?: unknown,
): MarkKeyIdeaResult {
  const content = initialContent(doc, source, options.zone);
  if (content === null) return { ok: false, reason: 'unknown-source' };
  const valid = scanKeyIdeas(doc).filter((entry) => entry.valid);
  if (!('text' in source)) {
    const key = sourceKeyOf(source);
    if (valid.some((entry) => entry.sourceKey === key)) return { ok: false, reason: 'already-marked' };
  }
  const zoneLimit = zoneKeyIdeaLimit(listZones(doc), content.zone, limit);
  const inZone = valid.filter((entry) => entry.idea.zone === content.zone).length;
  if (inZone >= normalizeLimit(zoneLimit)) return { ok: false, reason: 'limit' };
  const id = options.id ?? newId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    getKeyIdeasArray(doc).push([map]);
    map.set('id', id);
    map.set('text', new Y.Text(content.text));
    if ('noteId' in source) map.set('noteId', source.noteId);
    if ('clusterId' in source) map.set('clusterId', source.clusterId);
    if (content.zone !== null) map.set('zone', content.zone);
  }, origin);
  return { ok: true, id };
}

/** Replaces the reformulated text with a minimal splice (SPEC R4). */
export function setKeyIdeaText(doc: Y.Doc, id: string, text: string, origin?: unknown): boolean {
  const entry = findValid(doc, id);
  if (entry === null) return false;
  doc.transact(() => writeTextField(entry.map, 'text', text), origin);
  return true;
}

/** The shared text of a key idea, for binding an editor; null when missing or not a Y.Text. */
export function getKeyIdeaText(doc: Y.Doc, id: string): Y.Text | null {
  return asText(findValid(doc, id)?.map.get('text'));
}

function copyKeyIdea(map: Y.Map<unknown>): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  copy.set('id', map.get('id'));
  copy.set('text', new Y.Text(readText(map.get('text'))));
  for (const key of ['noteId', 'clusterId', 'zone']) {
    const value = map.get(key);
    if (typeof value === 'string') copy.set(key, value);
  }
  return copy;
}

/**
 * Moves a key idea to position `toIndex` among the valid entries. Yjs arrays cannot move, so
 * the entry is deleted and a copy with the same id, text and source is inserted (SPEC R15).
 */
export function moveKeyIdea(doc: Y.Doc, id: string, toIndex: number, origin?: unknown): boolean {
  const entries = scanKeyIdeas(doc).filter((entry) => entry.valid);
  const entry = entries.find((candidate) => candidate.idea.id === id);
  if (entry === undefined) return false;
  const insertAt = planMove(
    entries.map((candidate) => candidate.index),
    entry.index,
    toIndex,
  );
  if (insertAt === null) return true;
  doc.transact(() => {
    const array = getKeyIdeasArray(doc);
    // Copy first: a deleted Y.Map no longer reads its content.
    const copy = copyKeyIdea(entry.map);
    array.delete(entry.index, 1);
    array.insert(insertAt, [copy]);
  }, origin);
  return true;
}

/** Removes a key idea, and every duplicate carrying its id that concurrent moves left behind. */
export function unmarkKeyIdea(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const entries = scanKeyIdeas(doc).filter((entry) => entry.idea.id === id);
  if (!entries.some((entry) => entry.valid)) return false;
  doc.transact(() => {
    const array = getKeyIdeasArray(doc);
    for (const entry of [...entries].reverse()) array.delete(entry.index, 1);
  }, origin);
  return true;
}

/** Whether a valid key idea is marked from this note or cluster. */
export function isKeyIdea(doc: Y.Doc, source: { noteId: string } | { clusterId: string }): boolean {
  const key = sourceKeyOf(source);
  return scanKeyIdeas(doc).some((entry) => entry.valid && entry.sourceKey === key);
}

/**
 * For the server, after merging concurrent marks: removes duplicates (same id or same source
 * as an earlier valid entry) and valid entries past the first `limit` (of their zone, on a
 * board with zones: SPEC R27). Entries readers skip anyway are left alone. Writes nothing when
 * there is nothing to remove (SPEC R12). Returns how many entries were removed.
 */
export function trimKeyIdeas(doc: Y.Doc, limit: number, origin?: unknown): number {
  const entries = scanKeyIdeas(doc);
  const counting = countingEntries(doc, entries, limit);
  const doomed = entries.filter((entry) => !counting.has(entry)).map((entry) => entry.index);
  if (doomed.length === 0) return 0;
  doc.transact(() => {
    const array = getKeyIdeasArray(doc);
    for (const index of doomed.reverse()) array.delete(index, 1);
  }, origin);
  return doomed.length;
}
