import { useEffect, useId, useRef, useState } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { ConsolidatedTheme } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { dragId, dropId } from './dndIds.js';
import { provenanceText } from './provenance.js';

interface ThemeCardProps {
  theme: ConsolidatedTheme;
  others: ConsolidatedTheme[];
  picked: boolean;
  onPick: () => void;
  onMerge: (targetId: string) => Promise<void>;
  onSplit: () => Promise<void>;
  onRename: (title: string) => Promise<void>;
}

/**
 * One consolidated theme: its title, « 12 votes : NORD 5, OUEST 4, SUD 3 », the themes it
 * came from. It can be dragged onto another theme, and is a drop place itself; « Fusionner
 * avec… » is the same merge without a drag (keyboard, screen reader, touch).
 */
export function ThemeCard({ theme, others, picked, onPick, onMerge, onSplit, onRename }: ThemeCardProps) {
  const t = useT();
  const titleId = useId();
  const menuId = useId();
  const renameId = useId();
  const [choosing, setChoosing] = useState(false);
  const [title, setTitle] = useState(theme.title);
  const drag = useDraggable({ id: dragId(theme.id) });
  const drop = useDroppable({ id: dropId(theme.id) });
  const firstChoice = useRef<HTMLButtonElement>(null);
  const provenance = provenanceText(t, theme.votes, theme.byTerritory);

  useEffect(() => setTitle(theme.title), [theme.title]);
  useEffect(() => {
    if (choosing) firstChoice.current?.focus();
  }, [choosing]);

  const classes = ['consolidated-theme', drop.isOver && !drag.isDragging ? 'consolidated-theme--over' : '', drag.isDragging ? 'consolidated-theme--dragging' : ''];
  return (
    <li ref={drop.setNodeRef} className={classes.filter(Boolean).join(' ')} data-theme={theme.id}>
      <div className="consolidated-head">
        <button type="button" ref={drag.setNodeRef} className="drag-handle" aria-label={t('programme.menu.mergeLabel', { name: theme.title })} {...drag.attributes} {...drag.listeners}>⠿</button>
        <h3 id={titleId}>{theme.title}</h3>
      </div>
      <p className="consolidated-votes">{provenance}</p>
      {theme.merged && (
        <details className="consolidated-sources">
          <summary>{t('programme.sources')} ({theme.sources.length})</summary>
          <ul>
            {theme.sources.map((s) => (
              <li key={`${s.sessionId}/${s.themeId}`}>{t('programme.source', { label: s.label, territory: s.territory, votes: s.votes })}</li>
            ))}
          </ul>
        </details>
      )}
      {!theme.merged && <p className="hint">{theme.sources.map((s) => s.territory).join(', ')}</p>}
      <div className="consolidated-actions">
        <label className="pick">
          <input type="checkbox" checked={picked} onChange={onPick} aria-label={t('programme.pickLabel', { name: theme.title })} />
          {t('programme.pick')}
        </label>
        {others.length > 0 && (
          <button type="button" aria-expanded={choosing} aria-controls={menuId} onClick={() => setChoosing((open) => !open)}>
            {t('programme.menu.merge')}
          </button>
        )}
        {theme.merged && <button type="button" aria-label={t('programme.splitLabel', { name: theme.title })} onClick={() => void onSplit()}>{t('programme.split')}</button>}
      </div>
      {choosing && (
        <div className="merge-menu" id={menuId}>
          <p className="popover-title">{t('programme.menu.choose', { name: theme.title })}</p>
          <ul className="menu-list">
            {others.map((other, index) => (
              <li key={other.id}>
                <button type="button" ref={index === 0 ? firstChoice : undefined} onClick={() => {
                  setChoosing(false);
                  void onMerge(other.id);
                }}>
                  {t('programme.menu.choice', { name: other.title, votes: t('programme.votes', { votes: other.votes }) })}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => setChoosing(false)}>{t('common.cancel')}</button>
        </div>
      )}
      {theme.merged && (
        <form className="rename-axis" onSubmit={(event) => {
          event.preventDefault();
          const next = title.trim();
          if (next !== '' && next !== theme.title) void onRename(next);
        }}>
          <label htmlFor={renameId}>{t('programme.rename')}</label>
          {/* A text area: an axis's title runs to a line and more (« Axe 1 – Équiper et accompagner
              les publics éloignés du numérique »), cut off in a one-line field of the card.
              One line all the same: Entrée renames, a line break pasted becomes a space. */}
          <textarea id={renameId} value={title} maxLength={200} rows={2}
            onChange={(event) => setTitle(event.target.value.replace(/\s*\n\s*/g, ' '))}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }} />
          <button type="submit">{t('programme.renameSave')}</button>
        </form>
      )}
    </li>
  );
}
