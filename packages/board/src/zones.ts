import * as Y from 'yjs';

import { NOTE_HEIGHT, NOTE_WIDTH, noteRect, overlaps } from './geometry.js';
import type { Point, Rect } from './geometry.js';
import { BOARD_TYPES, getZonesArray } from './schema.js';
import type { Zone } from './types.js';
import { asMap, idOrNull, isFiniteNumber, normalizeLimit, readText } from './values.js';

/*
 * Zones (schema 2): a board may be divided into titled regions, each with its guiding question.
 * They are written once, when the room is first initialised from the session's template
 * (SPEC R25), and never edited afterwards, so readers only need to tolerate garbage and the
 * duplicates of concurrent initialisations.
 */

/** How many zones a facilitator may define. */
export const MAX_ZONES = 8;

/** What a zone is made from: a template's entry or the facilitator's own. */
export interface ZoneSpec {
  id: string;
  title: string;
  question: string;
  /** at most this many key ideas count in the zone; absent: the session's limit */
  keyIdeaLimit?: number;
  /** participants do not write in it (the carry-over from an earlier concertation) */
  readOnly?: boolean;
}

function readLimit(value: unknown): number | null {
  return isFiniteNumber(value) && Number.isInteger(value) && value >= 1 ? value : null;
}

/** Every readable zone in document order; a repeated id keeps its first entry (SPEC R25). */
export function listZones(doc: Y.Doc): Zone[] {
  // Asking Yjs for a type it does not hold yet creates it in a transaction: a reader must not.
  if (!doc.share.has(BOARD_TYPES.zones)) return [];
  let array: Y.Array<unknown>;
  try {
    array = getZonesArray(doc);
  } catch {
    return [];
  }
  const seen = new Set<string>();
  const zones: Zone[] = [];
  for (const value of array.toArray()) {
    const map = asMap(value);
    const id = map === null ? null : idOrNull(map.get('id'));
    if (map === null || id === null || seen.has(id)) continue;
    seen.add(id);
    zones.push({
      id,
      title: readText(map.get('title')),
      question: readText(map.get('question')),
      keyIdeaLimit: readLimit(map.get('keyIdeaLimit')),
      readOnly: map.get('readOnly') === true,
    });
  }
  return zones;
}

/**
 * The zone a note or cluster lives in, from its raw `zone` field: that zone when it exists,
 * else the board's default zone (the first one participants can write in, or the first one),
 * and null on a board without zones (SPEC R26).
 */
export function resolveZone(zones: readonly Zone[], raw: unknown): string | null {
  if (zones.length === 0) return null;
  if (typeof raw === 'string' && zones.some((zone) => zone.id === raw)) return raw;
  return (zones.find((zone) => !zone.readOnly) ?? zones[0]!).id;
}

/** Whether participants may put a note or cluster in this zone: it exists and is not read-only. */
export function isWritableZone(zones: readonly Zone[], id: string): boolean {
  return zones.some((zone) => zone.id === id && !zone.readOnly);
}

/**
 * Writes the template's zones when the document has none yet (SPEC R20, R25). Deterministic
 * ids make a concurrent initialisation on two replicas converge: readers keep the first entry
 * of each id.
 */
export function writeZones(doc: Y.Doc, specs: readonly ZoneSpec[]): void {
  if (specs.length === 0 || listZones(doc).length > 0) return;
  const array = getZonesArray(doc);
  for (const spec of specs.slice(0, MAX_ZONES)) {
    const map = new Y.Map<unknown>();
    array.push([map]);
    map.set('id', spec.id);
    map.set('title', spec.title);
    map.set('question', spec.question);
    if (spec.keyIdeaLimit !== undefined) map.set('keyIdeaLimit', spec.keyIdeaLimit);
    if (spec.readOnly === true) map.set('readOnly', true);
  }
}

/**
 * The key-idea limit of one zone: its own, else the session's; none in a read-only zone, whose
 * content is not the group's (SPEC R27, R33).
 */
export function zoneKeyIdeaLimit(zones: readonly Zone[], zoneId: string | null, sessionLimit: number): number {
  const zone = zones.find((z) => z.id === zoneId);
  if (zone?.readOnly === true) return 0;
  return zone?.keyIdeaLimit ?? sessionLimit;
}

/**
 * The key ideas that count, in their order: per zone (a zone id, or null off zones), the first
 * `limit` of that zone, its own limit or else the session's (SPEC R8, R27). Plain data, so the
 * web client's read model counts exactly as the server trims.
 */
export function countingKeyIdeas<T extends { zone: string | null }>(ideas: readonly T[], zones: readonly Zone[], sessionLimit: number): T[] {
  const kept = new Map<string | null, number>();
  return ideas.filter((idea) => {
    const count = kept.get(idea.zone) ?? 0;
    if (count >= normalizeLimit(zoneKeyIdeaLimit(zones, idea.zone, sessionLimit))) return false;
    kept.set(idea.zone, count + 1);
    return true;
  });
}

/**
 * How many key ideas a group can choose on the whole board: the session's limit, or the sum
 * over the zones it writes in (a read-only zone holds no note of theirs to mark).
 */
export function keyIdeaCapacity(zones: readonly Zone[], sessionLimit: number): number {
  if (zones.length === 0) return sessionLimit;
  return zones.reduce((sum, zone) => sum + (zone.readOnly ? 0 : (zone.keyIdeaLimit ?? sessionLimit)), 0);
}

/** One zone people write in, with its key ideas counted and its limit (SPEC R27). */
export interface ZoneKeyIdeaCount {
  id: string;
  title: string;
  count: number;
  limit: number;
}

/**
 * Per zone people write in, in zone order: how many of `counted` (the key ideas that count, as
 * countingKeyIdeas or effectiveKeyIdeas give them) are in it, and its limit. What a zoned board
 * says instead of the summed capacity — one owner for the board's panel and the console's cards
 * (SPEC R27). Empty off zones.
 */
export function keyIdeasPerZone(zones: readonly Zone[], counted: readonly { zone: string | null }[], sessionLimit: number): ZoneKeyIdeaCount[] {
  return zones.filter((zone) => !zone.readOnly).map((zone) => ({
    id: zone.id,
    title: zone.title,
    count: counted.filter((idea) => idea.zone === zone.id).length,
    limit: zoneKeyIdeaLimit(zones, zone.id, sessionLimit),
  }));
}

// Desktop layout: zones are columns side by side, each with its heading above the notes.
export const ZONE_WIDTH = 3 * NOTE_WIDTH + 4 * 24;
export const ZONE_HEIGHT = 6 * NOTE_HEIGHT + 7 * 24 + 140;
export const ZONE_GAP = 80;
export const ZONE_HEADER = 140;
const ZONE_MARGIN = 24;

/** The frame of every zone on the desktop canvas, in zone order (SPEC R28). */
export function zoneFrames(zones: readonly Zone[]): (Rect & { id: string })[] {
  return zones.map((zone, index) => ({
    id: zone.id,
    x: index * (ZONE_WIDTH + ZONE_GAP),
    y: 0,
    width: ZONE_WIDTH,
    height: ZONE_HEIGHT,
  }));
}

/**
 * The zone a note dropped with its top-left corner at `position` lands in: the column under the
 * note's centre, the nearest column when it falls between or beyond them (SPEC R28).
 */
export function zoneAt(zones: readonly Zone[], position: Point): string | null {
  const frames = zoneFrames(zones);
  if (frames.length === 0) return null;
  const centre = position.x + NOTE_WIDTH / 2;
  let best = frames[0]!;
  let bestDistance = Infinity;
  for (const frame of frames) {
    const distance = centre < frame.x ? frame.x - centre : centre > frame.x + frame.width ? centre - frame.x - frame.width : 0;
    if (distance < bestDistance) {
      best = frame;
      bestDistance = distance;
    }
  }
  return best.id;
}

/**
 * A place for a note inside a zone's frame that covers nothing in `occupied`: the first free
 * cell in reading order, or below the frame's grid when it is full (SPEC R28).
 */
export function freeSpotInZone(frame: Rect, occupied: readonly Rect[]): Point {
  const stepX = NOTE_WIDTH + ZONE_MARGIN;
  const stepY = NOTE_HEIGHT + ZONE_MARGIN;
  const columns = Math.max(1, Math.floor((frame.width - ZONE_MARGIN) / stepX));
  for (let row = 0; row < 200; row++) {
    for (let col = 0; col < columns; col++) {
      const candidate = { x: frame.x + ZONE_MARGIN + col * stepX, y: frame.y + ZONE_HEADER + row * stepY };
      if (!occupied.some((o) => overlaps(o, noteRect(candidate)))) return candidate;
    }
  }
  return { x: frame.x + ZONE_MARGIN, y: frame.y + ZONE_HEADER };
}
