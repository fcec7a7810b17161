import type * as Y from 'yjs';

import { LIBRE_TEMPLATE, templateZones } from './templates.js';
import type { BoardTemplate } from './templates.js';
import { NOTE_COLORS, SCHEMA_VERSION } from './types.js';
import type { NoteColor } from './types.js';
import { setIfChanged } from './values.js';
import { writeZones } from './zones.js';

/** Names of the top-level shared types of a group canvas document. */
export const BOARD_TYPES = {
  meta: 'meta',
  notes: 'notes',
  clusters: 'clusters',
  keyIdeas: 'keyIdeas',
  zones: 'zones',
} as const;

/** Names of the top-level shared types of the plenary document. */
export const PLENARY_TYPES = {
  meta: 'meta',
  groups: 'groups',
  themes: 'themes',
} as const;

/** `meta.kind` of the plenary document; group canvases carry `groupId` instead. */
export const PLENARY_KIND = 'plenary';

/*
 * Values are typed `unknown` on purpose: whatever another client wrote may sit there, so
 * every read goes through the tolerant readers.
 */

export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BOARD_TYPES.meta);
}

export function getNotesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BOARD_TYPES.notes);
}

export function getClustersMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BOARD_TYPES.clusters);
}

export function getKeyIdeasArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(BOARD_TYPES.keyIdeas);
}

export function getZonesArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(BOARD_TYPES.zones);
}

export function getPlenaryGroupsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PLENARY_TYPES.groups);
}

export function getThemesArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(PLENARY_TYPES.themes);
}

export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === 'string' && (NOTE_COLORS as readonly string[]).includes(value);
}

/**
 * Stamps a group canvas with the current schema and its group, and gives a new board its
 * template's zones. Idempotent: only differing fields are written, so calling it on every room
 * load costs nothing once the room is initialised (SPEC R20). This is also the migration of a
 * schema-1 board: it becomes schema 2 with no zones, a « Libre » board, whatever the template
 * says, since its notes were never placed in zones (SPEC R25).
 */
export function initBoard(
  doc: Y.Doc,
  init: { groupId: string; name: string; template?: BoardTemplate | null; carriesOver?: boolean },
  origin?: unknown,
): void {
  doc.transact(() => {
    const meta = getMetaMap(doc);
    const legacy = meta.get('schema') === 1;
    setIfChanged(meta, 'schema', SCHEMA_VERSION);
    setIfChanged(meta, 'groupId', init.groupId);
    setIfChanged(meta, 'name', init.name);
    // A board gets its template once: a schema-1 board is recorded as « Libre », so that a
    // later load does not mistake it for a new board.
    if (legacy) meta.set('template', LIBRE_TEMPLATE.kind);
    else if (init.template !== undefined && init.template !== null && !meta.has('template')) {
      meta.set('template', init.template.kind);
      writeZones(doc, templateZones(init.template, { carriesOver: init.carriesOver }));
    }
    // Touch every top-level type so they exist under their intended kind in this replica.
    getNotesMap(doc);
    getClustersMap(doc);
    getKeyIdeasArray(doc);
    getZonesArray(doc);
  }, origin);
}
