import * as Y from 'yjs';

import { PLENARY_KIND, PLENARY_TYPES, getPlenaryGroupsMap, getThemesArray } from './schema.js';
import { PLENARY_SCHEMA_VERSION } from './types.js';
import type { PlenaryGroup, PlenaryIdea, PlenarySnapshot, PlenaryTheme } from './types.js';
import { asArray, asMap, idOrNull, isFiniteNumber, readText, setIfChanged } from './values.js';

/*
 * The plenary document: one room per session where groups' key ideas are gathered.
 * `groups` maps a group id to what it pushed last; `themes` orders the facilitator's themes.
 */

/** Stamps the plenary document. Idempotent: only differing fields are written (SPEC R20). */
export function initPlenary(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(PLENARY_TYPES.meta);
    setIfChanged(meta, 'schema', PLENARY_SCHEMA_VERSION);
    setIfChanged(meta, 'kind', PLENARY_KIND);
    getPlenaryGroupsMap(doc);
    getThemesArray(doc);
  }, origin);
}

/** The stable plenary id of a group's key idea, so themes survive a re-push (SPEC R17). */
export function plenaryIdeaId(groupId: string, keyIdeaId: string): string {
  return `${groupId}:${keyIdeaId}`;
}

export interface PushedKeyIdeas {
  groupId: string;
  name: string;
  /** ms since epoch */
  pushedAt: number;
  keyIdeas: readonly { id: string; text: string }[];
}

/** Replaces the group's entry with what it shares now (SPEC R17). Duplicate idea ids keep the first. */
export function pushKeyIdeas(doc: Y.Doc, push: PushedKeyIdeas, origin?: unknown): void {
  const byId = new Map<string, string>();
  for (const idea of push.keyIdeas) if (!byId.has(idea.id)) byId.set(idea.id, idea.text);
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    getPlenaryGroupsMap(doc).set(push.groupId, entry);
    entry.set('name', push.name);
    entry.set('pushedAt', push.pushedAt);
    const list = new Y.Array<Y.Map<unknown>>();
    entry.set('keyIdeas', list);
    list.push(
      [...byId].map(([id, text]) => {
        const map = new Y.Map<unknown>();
        map.set('id', plenaryIdeaId(push.groupId, id));
        map.set('text', text);
        return map;
      }),
    );
  }, origin);
}

/** Internal: whether any group entry holds an idea with this plenary id. */
export function plenaryIdeaExists(doc: Y.Doc, ideaId: string): boolean {
  let found = false;
  getPlenaryGroupsMap(doc).forEach((value) => {
    if (!found) found = readGroupIdeas(asMap(value)).some((idea) => idea.id === ideaId);
  });
  return found;
}

function readGroupIdeas(entry: Y.Map<unknown> | null): PlenaryIdea[] {
  const ideas: PlenaryIdea[] = [];
  const seen = new Set<string>();
  for (const value of asArray(entry?.get('keyIdeas'))?.toArray() ?? []) {
    const map = asMap(value);
    const id = map === null ? null : idOrNull(map.get('id'));
    if (map === null || id === null || seen.has(id)) continue;
    seen.add(id);
    ideas.push({ id, text: readText(map.get('text')) });
  }
  return ideas;
}

/** One entry of `themes` that is a Y.Map with an id; `valid` is false for a later copy of an id. */
export interface ThemeEntry {
  index: number;
  map: Y.Map<unknown>;
  id: string;
  valid: boolean;
}

/** Internal: the addressable theme entries in document order. */
export function scanThemes(doc: Y.Doc): ThemeEntry[] {
  const seen = new Set<string>();
  const entries: ThemeEntry[] = [];
  getThemesArray(doc)
    .toArray()
    .forEach((value, index) => {
      const map = asMap(value);
      const id = map === null ? null : idOrNull(map.get('id'));
      if (map === null || id === null) return;
      entries.push({ index, map, id, valid: !seen.has(id) });
      seen.add(id);
    });
  return entries;
}

/** Internal: the string ids of a theme's `ideaIds`, in order, whatever else the array holds. */
export function readIdeaIds(map: Y.Map<unknown>): string[] {
  const ids = asArray(map.get('ideaIds'))?.toArray() ?? [];
  return ids.filter((id): id is string => typeof id === 'string');
}

/**
 * Reads the plenary for the session's groups, in the order given (SPEC R19). A group that never
 * pushed reads with pushedAt null and no ideas. An idea appears in at most one theme, the first
 * listing it, and themes only list ideas that are currently pushed (SPEC R18). Never throws.
 */
export function readPlenary(doc: Y.Doc, groups: readonly { id: string; name: string }[]): PlenarySnapshot {
  let entries: Y.Map<unknown> | null = null;
  let themeEntries: ThemeEntry[] = [];
  try {
    entries = getPlenaryGroupsMap(doc);
    themeEntries = scanThemes(doc);
  } catch {
    // Only this process naming the type differently can throw here; read an empty plenary.
  }
  const present = new Set<string>();
  const plenaryGroups: PlenaryGroup[] = groups.map((group) => {
    const entry = asMap(entries?.get(group.id));
    const pushedAt = entry?.get('pushedAt');
    const keyIdeas = readGroupIdeas(entry).filter((idea) => !present.has(idea.id));
    for (const idea of keyIdeas) present.add(idea.id);
    return { id: group.id, name: group.name, pushedAt: isFiniteNumber(pushedAt) ? pushedAt : null, keyIdeas };
  });
  const placed = new Set<string>();
  const themes: PlenaryTheme[] = themeEntries
    .filter((entry) => entry.valid)
    .map((entry) => {
      const ideaIds: string[] = [];
      for (const id of readIdeaIds(entry.map)) {
        if (!present.has(id) || placed.has(id)) continue;
        placed.add(id);
        ideaIds.push(id);
      }
      return {
        id: entry.id,
        label: readText(entry.map.get('label')),
        ideaIds,
        synthesis: readText(entry.map.get('synthesis')),
      };
    });
  return { groups: plenaryGroups, themes };
}
