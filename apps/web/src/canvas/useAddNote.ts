import { useCallback } from 'react';
import { newId, freeSpot, freeSpotInZone, NOTE_HEIGHT, NOTE_WIDTH, zoneFrames } from '@concerto/board';
import type { NoteColor } from '@concerto/board';

import { useT } from '../i18n/index.js';
import type { Point } from '@concerto/board';
import { occupiedRects } from './placement.js';
import { useCanvas } from './roomContext.js';

/**
 * Adds a note at `at` (canvas units), or at a free place in the middle of the view. A note
 * added without text opens its editor; one written in the phone form is complete already.
 * During individual reflection the note is a draft, kept on this device (canvas/drafts.ts).
 */
export function useAddNote(): (at?: Point, text?: string, color?: NoteColor, author?: string) => string | null {
  const { room, viewport, pendingEdit, announce, drafts, readOnly } = useCanvas();
  const t = useT();
  return useCallback((at?: Point, text = '', color?: NoteColor, author?: string) => {
    // A note written for someone else is never a draft: the facilitator enters it for the group.
    const drafting = drafts?.isActive() === true && !readOnly && author === undefined;
    const place = at ?? freeSpot(viewport.center(), [...occupiedRects(room.store), ...(drafts?.rects() ?? [])]);
    if (at === undefined) viewport.reveal({ ...place, width: NOTE_WIDTH, height: NOTE_HEIGHT });
    // Chosen before writing: the card mounts from the store notification and looks for it.
    const id = newId();
    pendingEdit.current = text === '' ? id : null;
    if (drafting && drafts !== null) {
      drafts.add(place, { id, text, color });
      announce(t('draft.added'));
      return id;
    }
    if (room.actions.addNote(place, { id, text, color, ...(author !== undefined ? { author } : {}) }) === null) return null;
    announce(t('note.added'));
    return id;
  }, [room, viewport, pendingEdit, announce, t, drafts, readOnly]);
}

/**
 * « Écrire une note dans … » a zone (a phone's sections, a desktop zone's heading): the note
 * goes to a free place under the zone's heading (packages/board R28), clear of this person's
 * drafts too, and the view pans to it, so that the editor it opens is in sight.
 */
export function useAddNoteInZone(): (zoneId: string, text?: string, color?: NoteColor, author?: string) => string | null {
  const { room, viewport, drafts } = useCanvas();
  const addNote = useAddNote();
  return useCallback((zoneId: string, text?: string, color?: NoteColor, author?: string) => {
    const frame = zoneFrames(room.store.getZones()).find((f) => f.id === zoneId);
    const place = frame === undefined ? undefined : freeSpotInZone(frame, [...occupiedRects(room.store), ...(drafts?.rects() ?? [])]);
    if (place !== undefined) viewport.reveal({ ...place, width: NOTE_WIDTH, height: NOTE_HEIGHT });
    return addNote(place, text, color, author);
  }, [room, viewport, drafts, addNote]);
}
