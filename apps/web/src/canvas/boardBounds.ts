import { useCallback } from 'react';
import type { Rect } from '@concerto/board';

import { carriedOverOf } from '../programme/CarriedOverBlock.js';
import { contentBounds, fitBoard } from './placement.js';
import { useCanvas } from './roomContext.js';

/**
 * The bounds the arrival view fits: with the read-only zone when it shows this board's
 * carried-over axis (issue 11 §3), which people should see when they arrive; in the action-sheet
 * phase, the zone it is about (`arrivalZone`, « Actions prioritaires »), where people pick the
 * priority actions and open their sheets.
 */
export function useBoardBounds(): () => Rect | null {
  const { room, session, groupId, arrivalZone } = useCanvas();
  const carried = carriedOverOf(session.carriedOver, groupId).length > 0;
  return useCallback(() => contentBounds(room.store, carried, arrivalZone), [room, carried, arrivalZone]);
}

/** « Tout afficher » (the toolbar's button, the canvas's 0 key): fitBoard with this board's carry-over. */
export function useFitBoard(): () => void {
  const { room, session, groupId, viewport } = useCanvas();
  const carried = carriedOverOf(session.carriedOver, groupId).length > 0;
  return useCallback(() => fitBoard(viewport, room.store, carried), [viewport, room, carried]);
}
