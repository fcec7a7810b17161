import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { DEFAULT_NOTE_COLOR, NOTE_COLORS } from '@concerto/board';
import type { NoteColor } from '@concerto/board';

import { colorMessage, useT } from '../i18n/index.js';
import { NOTE_MAX_LENGTH } from './NoteEditor.js';
import { useAddNote } from './useAddNote.js';

/**
 * « Écrire une note » on a small screen: a full-screen form with a big text field and the
 * colours, simpler than typing into a small note on the canvas.
 */
export function PhoneNoteForm({ onClose }: { onClose: () => void }) {
  const t = useT();
  const addNote = useAddNote();
  const [text, setText] = useState('');
  const [color, setColor] = useState<NoteColor>(DEFAULT_NOTE_COLOR);
  const field = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => {
    field.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    addNote(undefined, text.trim(), color);
    onClose();
  };

  return (
    <div className="phone-form" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('note.write')}</h2>
        <label htmlFor={fieldId}>{t('note.textLabel')}</label>
        <textarea
          id={fieldId}
          ref={field}
          className={`phone-form-text note--${color}`}
          value={text}
          maxLength={NOTE_MAX_LENGTH}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('note.placeholder')}
        />
        <fieldset className="color-choice">
          <legend>{t('note.color')}</legend>
          {NOTE_COLORS.map((c) => (
            <button key={c} type="button" className={`swatch swatch--${c}`} aria-pressed={color === c} onClick={() => setColor(c)}>
              {t(colorMessage(c))}
            </button>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={text.trim() === ''}>{t('note.addWritten')}</button>
        </div>
      </form>
    </div>
  );
}
