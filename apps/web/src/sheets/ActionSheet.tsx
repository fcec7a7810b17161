import { useEffect, useId, useRef } from 'react';
import { SHEET_SCALE_MAX, listItems, noteRect, setSheetScale, sheetSourceNotes } from '@concerto/board';
import type { Sheet, SheetField } from '@concerto/board';

import { useCanvas } from '../canvas/roomContext.js';
import { fr } from '../i18n/fr.js';
import { useT } from '../i18n/index.js';
import type { MessageId } from '../i18n/index.js';
import { useKeyIdeas, useNoteIds } from '../sync/hooks.js';
import { useSheetFieldWriters } from '../sync/usePresence.js';
import { useSheets, useSheetText } from './useSheets.js';

export const SHEET_FIELD_MAX = 4000;

/** A field's name: the facilitator's, else the standard wording, else « Sans titre ». */
export function sheetFieldLabel(t: (id: MessageId) => string, field: Pick<SheetField, 'id' | 'label' | 'standard'>): string {
  if (field.label !== '') return field.label;
  const standard = `sheets.field.${field.id}`;
  return field.standard && standard in fr ? t(standard as MessageId) : t('sheets.untitledField');
}

/**
 * « Fiche action »: the sheet of one priority action (a key idea), written together live. A
 * dialog over the canvas, the whole screen on a phone: the action, the notes it came from,
 * (each one a way to it on the board), then every field of the session's template — texts, lists (one item a line) and scales
 * (1 to 4, or « Non traité »). Escape or « Fermer » gives the focus back to where it was.
 */
export function ActionSheet({ keyIdeaId, template, onClose }: { keyIdeaId: string; template: readonly SheetField[]; onClose: () => void }) {
  const { room, readOnly, viewport, localDrag } = useCanvas();
  const t = useT();
  const titleId = useId();
  const sheets = useSheets(room.doc);
  const sheet = sheets.find((s) => s.keyIdeaId === keyIdeaId);
  const ideas = useKeyIdeas();
  useNoteIds(); // the notes of origin follow edits of the board
  const position = ideas.findIndex((idea) => idea.id === keyIdeaId);
  const title = position >= 0 ? ideas[position]!.text : '';
  const sources = sheetSourceNotes(room.doc, keyIdeaId);
  const panel = useRef<HTMLDivElement>(null);
  // « Voir sur le tableau » gives the focus to the note instead of the opener.
  const restoreFocus = useRef(true);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    // The first thing to write, else (read-only) the way out.
    const first = panel.current?.querySelector<HTMLElement>('textarea') ?? panel.current?.querySelector<HTMLElement>('.sheet-close');
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      } else if (event.key === 'Tab' && panel.current !== null) {
        // A modal dialog: Tab goes round its own fields, not into the canvas behind.
        const inside = [...panel.current.querySelectorAll<HTMLElement>('button, textarea, input')].filter((el) => !el.hasAttribute('disabled'));
        const edge = event.shiftKey ? inside[0] : inside.at(-1);
        if (edge !== undefined && document.activeElement === edge) {
          event.preventDefault();
          (event.shiftKey ? inside.at(-1) : inside[0])?.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (restoreFocus.current && opener !== null && opener.isConnected) opener.focus();
    };
  }, [onClose]);

  // Closing the sheet ends this person's writing in it, for the others' « … écrit ».
  useEffect(() => () => room.presence.setLocal('sheetField', null), [room]);

  return (
    <div className="sheet-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="sheet-panel" ref={panel}>
        <header className="sheet-header">
          <h2 id={titleId} className="sheet-kicker">{position >= 0 ? t('sheets.titleOf', { position: position + 1 }) : t('sheets.title')}</h2>
          <button type="button" className="sheet-close" onClick={onClose}>{t('sheets.close')}</button>
          <p className="sheet-action">{title !== '' ? title : t('sheets.orphan')}</p>
        </header>
        {sources.length > 0 && (
          <section className="sheet-sources" aria-label={t('sheets.sources')}>
            <h3>{t('sheets.sources')}</h3>
            <ul>
              {sources.map((note) => (
                <li key={note.id}>
                  {note.text}{note.author !== '' && <span className="sheet-source-author"> — {note.author}</span>}
                  {' '}
                  <button type="button" className="link-button" aria-label={t('sheets.showNoteLabel', { text: note.text })}
                    onClick={() => {
                      restoreFocus.current = false;
                      onClose();
                      viewport.reveal(noteRect(note));
                      requestAnimationFrame(() => localDrag.getElement(note.id)?.focus());
                    }}>
                    {t('sheets.showNote')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {sheet === undefined ? (
          <p className="hint">{t('sheets.missing')}</p>
        ) : (
          <div className="sheet-fields">
            {template.map((field) => field.kind === 'scale'
              ? <ScaleField key={field.id} sheet={sheet} field={field} readOnly={readOnly} />
              : <TextField key={field.id} sheet={sheet} field={field} readOnly={readOnly} />)}
          </div>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>{t('sheets.close')}</button>
        </div>
      </div>
    </div>
  );
}

function TextField({ sheet, field, readOnly }: { sheet: Sheet; field: SheetField; readOnly: boolean }) {
  const { room } = useCanvas();
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const label = sheetFieldLabel(t, field);
  useSheetText(room.doc, sheet.keyIdeaId, field.id, ref, room.actions.origin, !readOnly);
  const writers = useSheetFieldWriters(room.presence, sheet.keyIdeaId, field.id);
  const value = sheet.texts[field.id] ?? '';
  if (readOnly) {
    const items = field.kind === 'list' ? listItems(value) : [];
    return (
      <div className="sheet-field">
        <h3 className="sheet-label">{label}</h3>
        {value.trim() === '' ? <p className="hint">{t('sheets.empty')}</p>
          : field.kind === 'list' ? <ul>{items.map((item, i) => <li key={i}>{item}</li>)}</ul>
            : <p className="sheet-text">{value}</p>}
      </div>
    );
  }
  return (
    <div className="sheet-field">
      <label htmlFor={id} className="sheet-label">{label}</label>
      {field.kind === 'list' && <p className="hint" id={`${id}-hint`}>{t('sheets.listHint')}</p>}
      <textarea id={id} ref={ref} rows={field.kind === 'list' ? 4 : 3} maxLength={SHEET_FIELD_MAX}
        aria-describedby={[field.kind === 'list' ? `${id}-hint` : '', writers.length > 0 ? `${id}-writers` : ''].join(' ').trim() || undefined}
        data-field={field.id}
        onFocus={() => room.presence.setLocal('sheetField', { keyIdeaId: sheet.keyIdeaId, fieldId: field.id })}
        onBlur={() => room.presence.setLocal('sheetField', null)} />
      {writers.length > 0 && <p className="sheet-writers" id={`${id}-writers`}>{t('note.editedBy', { names: writers.join(', ') })}</p>}
    </div>
  );
}

function ScaleField({ sheet, field, readOnly }: { sheet: Sheet; field: SheetField; readOnly: boolean }) {
  const { room } = useCanvas();
  const t = useT();
  const name = useId();
  const label = sheetFieldLabel(t, field);
  const value = sheet.scales[field.id] ?? null;
  if (readOnly) {
    return (
      <div className="sheet-field">
        <h3 className="sheet-label">{label}</h3>
        <p>{value === null ? t('sheets.scale.none') : t('sheets.scale.value', { value, max: SHEET_SCALE_MAX })}</p>
      </div>
    );
  }
  const choices: (number | null)[] = [null, ...Array.from({ length: SHEET_SCALE_MAX }, (_, i) => i + 1)];
  return (
    <fieldset className="sheet-field sheet-scale" data-field={field.id}>
      <legend className="sheet-label">{label}</legend>
      {choices.map((choice) => (
        <label key={choice ?? 'none'} className="sheet-scale-choice">
          <input type="radio" name={name} checked={value === choice}
            onChange={() => setSheetScale(room.doc, sheet.keyIdeaId, field.id, choice, room.actions.origin)} />
          {choice === null ? t('sheets.scale.none')
            : choice === 1 ? t('sheets.scale.low', { value: choice })
              : choice === SHEET_SCALE_MAX ? t('sheets.scale.high', { value: choice }) : String(choice)}
        </label>
      ))}
    </fieldset>
  );
}
