import { countingKeyIdeas, keyIdeaCapacity, zoneKeyIdeaLimit } from '@concerto/board';
import type { KeyIdea, KeyIdeaSourceRef } from '@concerto/board';

import { useBoardStore, useKeyIdeas, useZones } from '../sync/hooks.js';
import { useCanvas } from './roomContext.js';

export interface KeyIdeaBudget {
  /** the key ideas that count, in order: per zone on a board with zones (packages/board R27) */
  counted: KeyIdea[];
  /** how many can count on the board: the session's limit, or the sum over zones */
  capacity: number;
  /** for a note or cluster about to be marked: its zone's title (null off zones), limit, and whether it is full */
  room: (source: KeyIdeaSourceRef) => { zone: string | null; limit: number; full: boolean };
  /** where a key idea typed by the group goes: the first zone people write in that has room (undefined off zones) */
  freeZone: string | undefined;
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
    freeZone: zones.find((z) => !z.readOnly && inZone(z.id) < zoneKeyIdeaLimit(zones, z.id, limit))?.id,
    counted,
    capacity: keyIdeaCapacity(zones, limit),
    room: (source) => {
      const zoneId = 'noteId' in source ? (store.getNote(source.noteId)?.zone ?? null)
        : 'clusterId' in source ? (store.getCluster(source.clusterId)?.zone ?? null)
        : (zones.find((z) => !z.readOnly)?.id ?? null);
      const zoneLimit = zoneKeyIdeaLimit(zones, zoneId, limit);
      return {
        zone: zones.find((z) => z.id === zoneId)?.title ?? null,
        limit: zoneLimit,
        full: (zoneId === null ? counted.length : inZone(zoneId)) >= zoneLimit,
      };
    },
  };
}
