import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';

import { useLocale } from '../app/I18nProvider.js';
import { DragIcon, MoreIcon, StarIcon } from '../canvas/icons.js';
import { Popover } from '../canvas/Popover.js';
import { formatClock, useT } from '../i18n/index.js';
import { dragId, dropId } from './dndIds.js';
import { IdeaMenu } from './IdeaMenu.js';
import { excerpt, flagsOf, themeOfIdeas } from './ideas.js';
import type { IdeaInfo } from './ideas.js';
import { usePlenary } from './plenaryContext.js';
import { VoteRow } from './vote/VoteRow.js';

/** Where an idea is shown: in its group's list, or in a theme at a position. */
export type IdeaPlace = { kind: 'group' } | { kind: 'theme'; themeId: string; index: number; count: number };

/** One shared key idea: its words, where it comes from, its marks, and (during a vote on ideas) its votes. */
export function IdeaCard({ info, place }: { info: IdeaInfo; place: IdeaPlace }) {
  const { actions } = usePlenary();
  if (actions !== null) return <EditableIdea info={info} place={place} />;
  return <li className="idea-card"><IdeaBody info={info} place={place} /></li>;
}

function IdeaBody({ info, place, before, after }: { info: IdeaInfo; place: IdeaPlace; before?: ReactNode; after?: ReactNode }) {
  const t = useT();
  const { locale } = useLocale();
  const { view, actions } = usePlenary();
  const flags = flagsOf(view.flags, info.idea.id);
  const theme = place.kind === 'group' ? themeOfIdeas(view.plenary).get(info.idea.id) : undefined;
  const vote = view.control.vote;
  return (
    <div className={`idea-body${flags.highlighted ? ' idea-body--highlighted' : ''}${flags.hidden ? ' idea-body--hidden' : ''}`}>
      {before}
      <div className="idea-main">
        <p className="idea-text">{info.idea.text.trim() || t('plenary.idea.empty')}</p>
        <p className="idea-meta">
          {place.kind === 'theme' && info.group.pushedAt !== null && (
            <span>{t('plenary.idea.from', { group: info.group.name, time: formatClock(info.group.pushedAt, locale) })}</span>
          )}
          {theme !== undefined && <span className="tag">{t('plenary.idea.inTheme', { name: theme.label.trim() || t('plenary.theme.untitled') })}</span>}
          {flags.highlighted && <span className="tag tag--highlight"><StarIcon />{t('plenary.idea.highlighted')}</span>}
          {flags.hidden && actions !== null && <span className="tag tag--hidden">{t('plenary.idea.hidden')}</span>}
        </p>
        {vote !== null && vote.target === 'ideas' && !flags.hidden && <VoteRow itemId={info.idea.id} name={excerpt(info.idea.text)} />}
      </div>
      {after}
    </div>
  );
}

/** The facilitator's card: a drag handle, the body, and the options (every drag has a menu path). */
function EditableIdea({ info, place }: { info: IdeaInfo; place: IdeaPlace }) {
  const t = useT();
  const id = info.idea.id;
  const name = excerpt(info.idea.text) || t('plenary.idea.empty');
  const drag = useDraggable({
    id: dragId(place.kind, id),
    attributes: { roleDescription: t('plenary.dnd.roleDescription') },
  });
  const drop = useDroppable({
    id: place.kind === 'theme' ? dropId({ kind: 'slot', themeId: place.themeId, ideaId: id }) : `none|${dragId(place.kind, id)}`,
    disabled: place.kind !== 'theme',
  });
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const setRef = (node: HTMLLIElement | null) => {
    drag.setNodeRef(node);
    drop.setNodeRef(node);
  };
  return (
    <li ref={setRef} className={`idea-card${drag.isDragging ? ' idea-card--dragging' : ''}${drop.isOver ? ' drop-over' : ''}`}>
      <IdeaBody
        info={info}
        place={place}
        before={(
          <button
            type="button"
            ref={drag.setActivatorNodeRef}
            className="icon-button drag-handle"
            aria-label={t('plenary.idea.drag', { name })}
            {...drag.attributes}
            {...drag.listeners}
          >
            <DragIcon />
          </button>
        )}
        after={(
          <button
            ref={menuButton}
            type="button"
            className="icon-button"
            aria-label={t('plenary.idea.options', { name })}
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MoreIcon />
          </button>
        )}
      />
      {menuOpen && (
        <Popover anchor={menuButton} label={t('plenary.menu.title', { name })} autoFocus={false} onClose={() => setMenuOpen(false)}>
          <IdeaMenu ideaId={id} name={name} place={place} onDone={() => {
            setMenuOpen(false);
            menuButton.current?.focus({ preventScroll: true });
          }} />
        </Popover>
      )}
    </li>
  );
}
