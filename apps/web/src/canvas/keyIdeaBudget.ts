import { countingKeyIdeas, keyIdeaCapacity, keyIdeasPerZone, PRIORITY_ACTIONS_ZONE, zoneKeyIdeaLimit } from '@concerto/board';
import type { KeyIdea, KeyIdeaSourceRef, Zone, ZoneKeyIdeaCount } from '@concerto/board';

import { useBoardStore, useKeyIdeas, useZones } from '../sync/hooks.js';
import { useCanvas } from './roomContext.js';

export interface KeyIdeaBudget {
  /** the key ideas that count, in order: per zone on a board with zones (packages/board R27) */
  counted: KeyIdea[];
  /** how many can count on the board: the session's limit, or the sum over zones */
  capacity: number;
  /**
   * On a zoned board, each zone people write in with its key ideas counted and its limit: what
   * people are told, instead of the sum of the limits (« 0/11 » read as one confusing figure).
   * Empty off zones.
   */
  perZone: ZoneKeyIdeaCount[];
  /** for a note or cluster about to be marked: its zone's title (null off zones), limit, count so far, and whether it is full */
  room: (source: KeyIdeaSourceRef) => { zone: string | null; limit: number; count: number; full: boolean };
  /** where a key idea typed by the group goes (freeKeyIdeaZone; undefined off zones) */
  freeZone: string | undefined;
}

/**
 * Where a key idea the group types (« Écrire une idée clé ») goes on a zoned board: « Actions
 * prioritaires » while it has room — on « Enjeux – Objectifs – Actions » a typed key idea is a
 * priority action reformulated, and only there does it get its action sheet —, else the first
 * zone people write in that has room. Undefined off zones, or when every zone is full.
 */
export function freeKeyIdeaZone(zones: readonly Zone[], counted: readonly KeyIdea[], limit: number): string | undefined {
  const hasRoom = (zone: Zone) => !zone.readOnly && counted.filter((idea) => idea.zone === zone.id).length < zoneKeyIdeaLimit(zones, zone.id, limit);
  const priority = zones.find((zone) => zone.id === PRIORITY_ACTIONS_ZONE);
  return (priority !== undefined && hasRoom(priority) ? priority : zones.find(hasRoom))?.id;
}

/** The key-idea limit as the server enforces it: the session's, per zone on a zoned board. */
export function useKeyIdeaBudget(): KeyIdeaBudget {
  const { session } = useCanvas();
  const store = useBoardStore();
  const ideas = useKeyIdeas();
  const zones = useZones();
  const limit = session.keyIdeaLimit;
  const counted = countingKeyIdeas(ideas, zones, limit);
  const inZone = (id: string) => counted.filter((idea) => idea.zone === id).length;
  return {
    freeZone: freeKeyIdeaZone(zones, counted, limit),
    counted,
    capacity: keyIdeaCapacity(zones, limit),
    perZone: keyIdeasPerZone(zones, counted, limit),
    room: (source) => {
      const zoneId = 'noteId' in source ? (store.getNote(source.noteId)?.zone ?? null)
        : 'clusterId' in source ? (store.getCluster(source.clusterId)?.zone ?? null)
        : (freeKeyIdeaZone(zones, counted, limit) ?? zones.find((z) => !z.readOnly)?.id ?? null);
      const zoneLimit = zoneKeyIdeaLimit(zones, zoneId, limit);
      const count = zoneId === null ? counted.length : inZone(zoneId);
      return { zone: zones.find((z) => z.id === zoneId)?.title ?? null, limit: zoneLimit, count, full: count >= zoneLimit };
    },
  };
}
