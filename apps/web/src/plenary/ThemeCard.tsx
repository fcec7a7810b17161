import { useId, useRef, useState } from 'react';
import { useDroppable } from '@dnd-kit/core';
import type { PlenaryTheme } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { dropId } from './dndIds.js';
import { FocusButton } from './FocusButton.js';
import { IdeaCard } from './IdeaCard.js';
import { indexIdeas, visibleIdeas } from './ideas.js';
import type { PlenaryActions } from './actions.js';
import { usePlenary } from './plenaryContext.js';
import { useThemeText } from './useThemeText.js';
import { VoteRow } from './vote/VoteRow.js';

interface ThemeCardProps {
  theme: PlenaryTheme;
  index: number;
  count: number;
}

/** A theme: its title, the ideas it gathers (from any group), its synthesis; editable by the facilitator. */
export function ThemeCard(props: ThemeCardProps) {
  const { actions } = usePlenary();
  return actions !== null ? <EditableTheme {...props} actions={actions} /> : <ReadTheme {...props} />;
}

function ThemeIdeas({ theme }: { theme: PlenaryTheme }) {
  const t = useT();
  const { view, actions } = usePlenary();
  const index = indexIdeas(view.plenary);
  const ids = actions !== null ? theme.ideaIds : visibleIdeas(theme.ideaIds.map((id) => ({ id })), view.flags).map(({ id }) => id);
  if (ids.length === 0) return <p className="hint theme-empty">{t(actions !== null ? 'plenary.theme.dropHere' : 'plenary.theme.empty')}</p>;
  return (
    <ol className="idea-list">
      {ids.map((id, position) => {
        const info = index.get(id);
        return info === undefined ? null : (
          <IdeaCard key={id} info={info} place={{ kind: 'theme', themeId: theme.id, index: position, count: ids.length }} />
        );
      })}
    </ol>
  );
}

function ReadTheme({ theme }: ThemeCardProps) {
  const t = useT();
  const { view } = usePlenary();
  const headingId = useId();
  const name = theme.label.trim() || t('plenary.theme.untitled');
  const vote = view.control.vote;
  return (
    <li>
      <article className="theme-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{name}</h3>
        {vote !== null && vote.target === 'themes' && <VoteRow itemId={theme.id} name={name} />}
        <ThemeIdeas theme={theme} />
        {theme.synthesis.trim() !== '' && (
          <div className="theme-synthesis">
            <h4>{t('plenary.theme.synthesis')}</h4>
            <p>{theme.synthesis}</p>
          </div>
        )}
      </article>
    </li>
  );
}

function EditableTheme({ theme, index, count, actions }: ThemeCardProps & { actions: PlenaryActions }) {
  const t = useT();
  const { store, view, announce } = usePlenary();
  const headingId = useId();
  const titleId = useId();
  const synthesisId = useId();
  const title = useRef<HTMLInputElement>(null);
  const synthesis = useRef<HTMLTextAreaElement>(null);
  useThemeText(store.doc, theme.id, 'label', title, actions.origin);
  useThemeText(store.doc, theme.id, 'synthesis', synthesis, actions.origin);
  const { setNodeRef, isOver } = useDroppable({ id: dropId({ kind: 'theme', themeId: theme.id }) });
  const [confirming, setConfirming] = useState(false);
  const name = theme.label.trim() || t('plenary.theme.untitled');
  const vote = view.control.vote;

  const move = (to: number) => {
    actions.moveTheme(theme.id, to);
    announce(t('plenary.theme.movedTo', { name, position: to + 1 }));
  };

  return (
    <li>
      <article ref={setNodeRef} className={`theme-card theme-card--edit${isOver ? ' drop-over' : ''}`} aria-labelledby={headingId}>
        <h3 id={headingId} className="sr-only">{name}</h3>
        <label htmlFor={titleId} className="field-label">{t('plenary.theme.titleLabel', { position: index + 1 })}</label>
        <input id={titleId} ref={title} className="theme-title-input" maxLength={200} />
        <p className="theme-count">{t('plenary.theme.count', { count: theme.ideaIds.length })}</p>
        {vote !== null && vote.target === 'themes' && <VoteRow itemId={theme.id} name={name} />}
        <ThemeIdeas theme={theme} />
        <label htmlFor={synthesisId} className="field-label">{t('plenary.theme.synthesis')}</label>
        <textarea id={synthesisId} ref={synthesis} rows={3} placeholder={t('plenary.theme.synthesisPlaceholder')} />
        <div className="theme-actions">
          <FocusButton focus={{ kind: 'theme', id: theme.id }} name={name} describedBy={headingId} />
          {/* aria-disabled, not disabled: the button keeps the focus when the theme reaches an end. */}
          <button type="button" aria-disabled={index === 0} aria-label={t('plenary.theme.up', { name })}
            onClick={() => index > 0 && move(index - 1)}>↑</button>
          <button type="button" aria-disabled={index === count - 1} aria-label={t('plenary.theme.down', { name })}
            onClick={() => index < count - 1 && move(index + 1)}>↓</button>
          {!confirming && <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('plenary.theme.delete')}</button>}
        </div>
        {confirming && (
          <div className="theme-confirm" role="group" aria-label={t('plenary.theme.delete')}>
            <p>{t('plenary.theme.confirmDelete', { name })}</p>
            <button type="button" className="danger" autoFocus onClick={() => {
              actions.deleteTheme(theme.id);
              announce(t('plenary.theme.deleted', { name }));
            }}>
              {t('plenary.theme.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </div>
        )}
      </article>
    </li>
  );
}
