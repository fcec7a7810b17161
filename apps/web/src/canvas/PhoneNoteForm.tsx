import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { DEFAULT_NOTE_COLOR, NOTE_COLORS } from '@concerto/board';
import type { NoteColor } from '@concerto/board';

import { colorMessage, useT } from '../i18n/index.js';
import { StorageBanner } from '../app/StorageBanner.js';
import { useBeforeLeavingBoard } from '../rotation/leaving.js';
import { LengthCounter } from './LengthCounter.js';
import { NOTE_MAX_LENGTH } from './NoteEditor.js';
import { useCanvas } from './roomContext.js';
import { useAddNote, useAddNoteInZone } from './useAddNote.js';

/**
 * « Écrire une note » on a small screen: a full-screen form with a big text field and the
 * colours, simpler than typing into a small note on the canvas. With `forSomeone` (the
 * facilitator's « Écrire pour quelqu’un »), it also asks whose idea it is: the note is signed
 * « Nom (saisi par l’animation) », for a person who cannot type it themselves.
 */
export function PhoneNoteForm({ onClose, forSomeone = false, zone }: { onClose: () => void; forSomeone?: boolean; zone?: string }) {
  const t = useT();
  const { room } = useCanvas();
  const zoneTitle = zone === undefined ? null : (room.store.getZones().find((z) => z.id === zone)?.title ?? null);
  const addNote = useAddNote();
  const addNoteInZone = useAddNoteInZone();
  const [person, setPerson] = useState('');
  const [text, setText] = useState('');
  const [color, setColor] = useState<NoteColor>(DEFAULT_NOTE_COLOR);
  const field = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const fieldId = useId();
  const personId = useId();
  const personField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (forSomeone ? personField.current : field.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose, forSomeone]);

  // Written for a zone (a phone's sections): a free place under its heading.
  const write = (written: string, author: string | undefined) => (zone === undefined ? addNote(undefined, written, color, author) : addNoteInZone(zone, written, color, author));

  // A round change is about to replace the canvas: what is written here becomes a note first.
  useBeforeLeavingBoard(() => {
    if (text.trim() === '' || (forSomeone && person.trim() === '')) return;
    write(text.trim(), forSomeone ? t('proxy.author', { name: person.trim() }) : undefined);
    setText('');
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || (forSomeone && person.trim() === '')) return;
    const author = forSomeone ? t('proxy.author', { name: person.trim() }) : undefined;
    write(text.trim(), author);
    onClose();
  };

  return (
    <div className="phone-form" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <StorageBanner />
      <form onSubmit={submit}>
        <h2 id={titleId}>{zoneTitle !== null ? t('zone.write', { name: zoneTitle }) : t(forSomeone ? 'proxy.title' : 'note.write')}</h2>
        {forSomeone && (
          <>
            <p className="hint">{t('proxy.hint')}</p>
            <label htmlFor={personId}>{t('proxy.person')}</label>
            <input id={personId} ref={personField} value={person} maxLength={60} autoComplete="off"
              onChange={(event) => setPerson(event.target.value)} />
          </>
        )}
        <label htmlFor={fieldId}>{t('note.textLabel')}</label>
        <textarea
          id={fieldId}
          ref={field}
          className={`phone-form-text note--${color}`}
          value={text}
          maxLength={NOTE_MAX_LENGTH}
          aria-describedby={`${fieldId}-count`}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('note.placeholder')}
        />
        <LengthCounter id={`${fieldId}-count`} length={text.length} max={NOTE_MAX_LENGTH} />
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
          <button type="submit" className="primary" disabled={text.trim() === '' || (forSomeone && person.trim() === '')}>{t('note.addWritten')}</button>
        </div>
      </form>
    </div>
  );
}
