/**
 * Plain-data shapes of the board documents (schema 2 of docs/contract.md).
 * These are what readers return: never Yjs types, always validated and defaulted.
 */

/** Schema of a group canvas. 2 added zones; a schema-1 board is a board without zones (SPEC R25). */
export const SCHEMA_VERSION = 2;
/** What a board that never recorded its schema was written with. */
export const LEGACY_SCHEMA_VERSION = 1;
/** Schema of the plenary document, unchanged by zones. */
export const PLENARY_SCHEMA_VERSION = 1;

/** The six note colours. Each has a French and English name in the UI; colour is never the only signal. */
export const NOTE_COLORS = ['yellow', 'orange', 'pink', 'blue', 'green', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';

export const DEFAULT_KEY_IDEA_LIMIT = 2;

export interface Note {
  id: string;
  text: string;
  color: NoteColor;
  x: number;
  y: number;
  /** key of `clusters`, or null when the note is free on the canvas (a dangling key reads as null) */
  cluster: string | null;
  /** the zone it lives in (its cluster's when it has one); null on a board without zones (SPEC R26) */
  zone: string | null;
  author: string;
  createdAt: number;
  /**
   * Where the note came from in a session organised by theme (rotating groups): the round
   * (1-based) and the participant group's id. Absent when not recorded (SPEC R30), so notes
   * of sessions by group read exactly as before.
   */
  round?: number;
  group?: string;
}

export interface Cluster {
  id: string;
  label: string;
  x: number;
  y: number;
  /** null on a board without zones (SPEC R26) */
  zone: string | null;
}

/** A titled region of a board, with its guiding question (SPEC R25). */
export interface Zone {
  id: string;
  title: string;
  question: string;
  /** how many key ideas count in this zone; null: the session's limit (SPEC R27) */
  keyIdeaLimit: number | null;
  /** participants do not write in it */
  readOnly: boolean;
}

export type KeyIdeaSource =
  | { kind: 'note'; id: string }
  | { kind: 'cluster'; id: string }
  | { kind: 'none' };

export interface KeyIdea {
  id: string;
  text: string;
  source: KeyIdeaSource;
  /** the zone it counts in, recorded when it was marked; null on a board without zones (SPEC R27) */
  zone: string | null;
}

export interface BoardMeta {
  schema: number;
  groupId: string;
  name: string;
  /** the template the board was created from (`libre`, `enjeux-objectifs-actions`, `custom`); '' when unknown */
  template: string;
}

/** A readable, JSON-safe picture of a group canvas, for export and the HTTP API. */
export interface BoardSnapshot {
  meta: BoardMeta;
  /** in board order; empty on a « Libre » board */
  zones: Zone[];
  notes: Note[];
  clusters: Cluster[];
  /** every valid entry (duplicates and unreadable entries skipped), in document order, past the limit too */
  keyIdeas: KeyIdea[];
}

/** One group's entry in the plenary: what it shared last. */
export interface PlenaryGroup {
  id: string;
  name: string;
  /** ms since epoch of the last push, or null when it never pushed */
  pushedAt: number | null;
  keyIdeas: PlenaryIdea[];
}

export interface PlenaryIdea {
  /** stable id: `${groupId}:${keyIdeaId}` */
  id: string;
  text: string;
}

export interface PlenaryTheme {
  id: string;
  label: string;
  /** ids of PlenaryIdea that belong to this theme */
  ideaIds: string[];
  synthesis: string;
}

export interface PlenarySnapshot {
  groups: PlenaryGroup[];
  themes: PlenaryTheme[];
}
