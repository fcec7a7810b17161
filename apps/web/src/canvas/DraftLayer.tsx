import { memo, useEffect, useId, useMemo, useRef, useSyncExternalStore } from 'react';
import type { KeyboardEvent } from 'react';
import { getNoteText, noteRect } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { bindTextField } from '../sync/yTextBinding.js';
import type { Drafts } from './drafts.js';
import { LengthCounter, useSharedLength } from './LengthCounter.js';
import { NOTE_MAX_LENGTH } from './NoteEditor.js';
import { useCanvas } from './roomContext.js';

/**
 * This person's drafts, on the canvas among the shared notes but unmistakably apart: dashed
 * border, a « brouillon » badge, and said to screen readers. A draft is always editable in
 * place (no one else can be typing in it) and cannot be moved or grouped before it is revealed.
 */
export const DraftLayer = memo(function DraftLayer({ drafts }: { drafts: Drafts }) {
  const ids = useSyncExternalStore(drafts.store.subscribeNoteIds, drafts.store.getNoteIds);
  if (ids.length === 0) return null;
  return (
    <div className="draft-layer">
      {ids.map((id) => <DraftCard key={id} id={id} drafts={drafts} />)}
    </div>
  );
});

function DraftCard({ id, drafts }: { id: string; drafts: Drafts }) {
  const { pendingEdit, announce, viewport } = useCanvas();
  const t = useT();
  const field = useRef<HTMLTextAreaElement>(null);
  const labelId = useId();
  const counterId = useId();
  const length = useSharedLength(useMemo(() => getNoteText(drafts.doc, id), [drafts, id]));
  const note = useSyncExternalStore(
    (listener) => drafts.store.subscribeNote(id, listener),
    () => drafts.store.getNote(id),
  );

  useEffect(() => {
    const element = field.current;
    const text = getNoteText(drafts.doc, id);
    if (element === null || text === null) return;
    const unbind = bindTextField(element, text, { origin: 'draft' });
    if (pendingEdit.current === id) {
      pendingEdit.current = null;
      element.focus({ preventScroll: true });
    }
    return unbind;
  }, [drafts, id, pendingEdit]);

  if (note === undefined) return null;

  const remove = () => {
    drafts.delete(id);
    announce(t('draft.deleted'));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') field.current?.blur();
  };

  return (
    <article
      className={`note note--draft note--${note.color}`}
      style={{ transform: `translate(${note.x}px, ${note.y}px)` }}
      aria-labelledby={labelId}
      onFocus={(event) => {
        if (event.target instanceof HTMLElement && event.target.matches(':focus-visible')) {
          viewport.reveal(noteRect(note));
        }
      }}
    >
      <p id={labelId} className="note-badge note-badge--draft">{t('draft.badge')}</p>
      <textarea
        ref={field}
        className="note-input"
        aria-label={t('draft.textLabel')}
        aria-describedby={counterId}
        placeholder={t('note.placeholder')}
        maxLength={NOTE_MAX_LENGTH}
        onKeyDown={onKeyDown}
      />
      <LengthCounter id={counterId} length={length} max={NOTE_MAX_LENGTH} />
      <footer className="note-footer">
        <span className="note-meta">{note.author}</span>
        <button type="button" className="link-button draft-delete" onClick={remove}>{t('draft.delete')}</button>
      </footer>
    </article>
  );
}
