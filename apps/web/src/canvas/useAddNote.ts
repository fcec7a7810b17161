import { useCallback } from 'react';
import { newId } from '@concerto/board';
import type { NoteColor } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../sync/layout.js';
import type { Point } from '../sync/layout.js';
import { spotNear } from './placement.js';
import { useCanvas } from './roomContext.js';

/**
 * Adds a note at `at` (canvas units), or at a free place in the middle of the view. A note
 * added without text opens its editor; one written in the phone form is complete already.
 */
export function useAddNote(): (at?: Point, text?: string, color?: NoteColor) => string | null {
  const { room, viewport, pendingEdit, announce } = useCanvas();
  const t = useT();
  return useCallback((at?: Point, text = '', color?: NoteColor) => {
    const place = at ?? spotNear(room.store, viewport.center());
    if (at === undefined) viewport.reveal({ ...place, width: NOTE_WIDTH, height: NOTE_HEIGHT });
    // Chosen before writing: the card mounts from the store notification and looks for it.
    const id = newId();
    pendingEdit.current = text === '' ? id : null;
    if (room.actions.addNote(place, { id, text, color }) === null) return null;
    announce(t('note.added'));
    return id;
  }, [room, viewport, pendingEdit, announce, t]);
}
