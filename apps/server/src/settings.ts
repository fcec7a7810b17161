/**
 * A session's settings, typed. The record's `settings` is free-form JSON in storage (new
 * features add keys without a migration); it is parsed here, once per record read, and every
 * reader uses the typed form. The record is the one owner of locks and closing: the plenary
 * document's `control.lockedRooms` and `control.closed` only mirror them for clients.
 */
import { readRotation } from '@concerto/board';
import type { RotationState } from '@concerto/board';
import type { GroupDescription } from '@concerto/contract';
import { BOARD_TEMPLATE_KINDS } from '@concerto/board';
import type { BoardTemplate } from '@concerto/board';
import type { SessionRecord } from './storage/index.js';

/**
 * Organisation by theme: the session's `groups` are the axes' boards, and these participant
 * groups visit them in rounds. The record is the one owner of the round (rights depend on
 * it); the plenary's `control.rotation` mirrors it for clients.
 */
export interface RotationSettings extends RotationState {
  groups: readonly GroupDescription[];
  /**
   * The action-sheet phase (issue 11 §4): person id → the axis (board id) they chose. Present
   * while the phase is open: rights then follow each person's choice (rights.ts). The mirror
   * in the plenary only has the counts (`choosing`).
   */
  choices?: Readonly<Record<string, string>>;
}

export interface SessionSettings {
  /** the day the session takes place (YYYY-MM-DD), shown in exports; null when not given */
  date: string | null;
  /** groups whose canvas the facilitator opened to every participant (read-only for others) */
  openGroups: readonly string[];
  /** rooms read-only for everyone but the facilitator */
  lockedRooms: readonly string[];
  /** a closed session is frozen: readable and exportable, not changed */
  closed: boolean;
  /** when it was closed (ms since epoch); null while open */
  closedAt: number | null;
  /** null for a session organised by group */
  rotation: RotationSettings | null;
  /** the board its group rooms start from; null: « Libre » (sessions created before templates too) */
  template: BoardTemplate | null;
}

const parsed = new WeakMap<SessionRecord['settings'], SessionSettings>();

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A stored template, checked again: a record is JSON that an older or newer version may have written. */
function parseTemplate(value: unknown): BoardTemplate | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, zones } = value as { kind?: unknown; zones?: unknown };
  if (!(BOARD_TEMPLATE_KINDS as readonly unknown[]).includes(kind)) return null;
  if (kind !== 'custom') return { kind: kind as 'libre' | 'enjeux-objectifs-actions' };
  const readable = (Array.isArray(zones) ? zones : []).flatMap((zone: unknown) => {
    if (typeof zone !== 'object' || zone === null) return [];
    const { title, question, keyIdeaLimit } = zone as Record<string, unknown>;
    if (typeof title !== 'string') return [];
    return [{
      title,
      ...(typeof question === 'string' ? { question } : {}),
      ...(typeof keyIdeaLimit === 'number' ? { keyIdeaLimit } : {}),
    }];
  });
  return readable.length > 0 ? { kind: 'custom', zones: readable } : null;
}

/** The typed settings of a stored record; anything malformed reads as its default. */
export function parseSettings(raw: Readonly<Record<string, unknown>>): SessionSettings {
  const date = raw['date'];
  const closedAt = raw['closedAt'];
  return {
    date: typeof date === 'string' ? date : null,
    openGroups: strings(raw['openGroups']),
    lockedRooms: strings(raw['lockedRooms']),
    closed: raw['closed'] === true,
    closedAt: typeof closedAt === 'number' && Number.isFinite(closedAt) ? closedAt : null,
    rotation: parseRotation(raw['rotation']),
    template: parseTemplate(raw['template']),
  };
}

function parseRotation(value: unknown): RotationSettings | null {
  const state = readRotation(value);
  if (state === null) return null;
  const groups = (value as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) return null;
  const valid = groups.filter((g): g is GroupDescription =>
    typeof g === 'object' && g !== null && typeof (g as GroupDescription).id === 'string' && typeof (g as GroupDescription).name === 'string');
  if (valid.length === 0) return null;
  const { choosing: _mirror, ...rest } = state;
  const choices = parseChoices((value as { choices?: unknown }).choices);
  return { ...rest, groups: valid.map((g) => ({ id: g.id, name: g.name })), ...(choices === null ? {} : { choices }) };
}

function parseChoices(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const choices: Record<string, string> = {};
  for (const [person, axis] of Object.entries(value)) if (typeof axis === 'string') choices[person] = axis;
  return choices;
}

/** The settings of `record`, parsed on first use (records are never mutated, only replaced). */
export function settingsOf(record: SessionRecord): SessionSettings {
  let settings = parsed.get(record.settings);
  if (settings === undefined) {
    settings = parseSettings(record.settings);
    parsed.set(record.settings, settings);
  }
  return settings;
}

/** A copy of `record` with some settings changed; keys this version does not know are kept. */
export function withSettings(record: SessionRecord, change: Partial<SessionSettings>): SessionRecord {
  const next: Record<string, unknown> = { ...record.settings };
  for (const [key, value] of Object.entries(change) as [keyof SessionSettings, unknown][]) {
    if (value === null || value === undefined) delete next[key];
    else next[key] = Array.isArray(value) ? [...(value as unknown[])] : typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
  }
  return { ...record, settings: next };
}
