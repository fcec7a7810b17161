import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { NOTE_COLORS } from '@concerto/board';

import { colorMessage, useT } from '../i18n/index.js';
import type { NoteView } from '../sync/boardStore.js';
import { KeyIdeaToggle } from './KeyIdeaToggle.js';
import { noteExcerpt } from './labels.js';
import { MoveToMenu } from './MoveToMenu.js';
import { Popover } from './Popover.js';
import { useCanvas } from './roomContext.js';

/** The options of a note: colour, « Déplacer vers… », key idea, delete (with undo). */
export function NoteMenu({ note, anchor, onClose }: {
  note: NoteView;
  anchor: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const { room, toast } = useCanvas();
  const t = useT();
  const [view, setView] = useState<'main' | 'move'>('main');
  const moveButton = useRef<HTMLButtonElement>(null);
  const cameBack = useRef(false);
  // Back from « Déplacer vers… », the focus returns to the button that opened it.
  useEffect(() => {
    if (view === 'main' && cameBack.current) {
      cameBack.current = false;
      moveButton.current?.focus({ preventScroll: true });
    }
  }, [view]);
  const closeAndFocus = () => {
    onClose();
    anchor.current?.focus({ preventScroll: true });
  };

  return (
    <Popover anchor={anchor} label={t('note.options.title', { name: noteExcerpt(t, note.text) })} onClose={onClose}>
      {view === 'move' ? (
        <MoveToMenu noteId={note.id} onDone={closeAndFocus} onBack={() => {
          cameBack.current = true;
          setView('main');
        }} />
      ) : (
        <>
          <fieldset className="color-choice">
            <legend>{t('note.color')}</legend>
            {NOTE_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                className={`swatch swatch--${color}`}
                aria-pressed={note.color === color}
                onClick={() => room.actions.recolor(note.id, color)}
              >
                {t(colorMessage(color))}
              </button>
            ))}
          </fieldset>
          <ul className="menu-list">
            <li>
              <button ref={moveButton} type="button" onClick={() => setView('move')}>{t('move.open')}</button>
            </li>
            <li>
              <KeyIdeaToggle source={{ noteId: note.id }} keyIdeaId={note.keyIdeaId} onDone={closeAndFocus} />
            </li>
            <li>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  onClose();
                  if (room.actions.deleteNote(note.id)) toast(t('note.deleted'), true);
                }}
              >
                {t('note.delete')}
              </button>
            </li>
          </ul>
        </>
      )}
    </Popover>
  );
}
