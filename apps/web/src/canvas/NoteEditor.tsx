import { useEffect, useId, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { getNoteText } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { bindTextField } from '../sync/yTextBinding.js';
import { LengthCounter, useSharedLength } from './LengthCounter.js';
import { useCanvas } from './roomContext.js';

export const NOTE_MAX_LENGTH = 600;

/**
 * The note's text, edited in place: the textarea is bound to the note's shared text, so two
 * people typing in the same note both keep their words. Escape or Ctrl+Enter ends editing.
 */
export function NoteEditor({ noteId, labelId, onDone }: {
  noteId: string;
  labelId: string;
  onDone: (keepFocus: boolean) => void;
}) {
  const { room } = useCanvas();
  const t = useT();
  const field = useRef<HTMLTextAreaElement>(null);
  const counterId = useId();
  const length = useSharedLength(useMemo(() => getNoteText(room.doc, noteId), [room, noteId]));

  useEffect(() => {
    const element = field.current;
    const text = getNoteText(room.doc, noteId);
    if (element === null || text === null) return;
    const unbind = bindTextField(element, text, { origin: room.actions.origin, undo: room.undo });
    element.focus({ preventScroll: true });
    element.setSelectionRange(element.value.length, element.value.length);
    room.presence.setLocal('editing', noteId);
    return () => {
      unbind();
      room.undo.stopCapturing();
      room.presence.setLocal('editing', null);
    };
  }, [room, noteId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      event.stopPropagation();
      onDone(true);
    }
  };

  return (
    <>
      <span id={labelId} className="sr-only">{t('note.textLabel')}</span>
      <textarea
        ref={field}
        className="note-input"
        aria-labelledby={labelId}
        aria-describedby={counterId}
        placeholder={t('note.placeholder')}
        maxLength={NOTE_MAX_LENGTH}
        onKeyDown={onKeyDown}
        onBlur={() => onDone(false)}
      />
      <LengthCounter id={counterId} length={length} max={NOTE_MAX_LENGTH} />
    </>
  );
}
