import { useId } from 'react';
import type { ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import type { PlenaryGroup } from '@concerto/board';

import { useLocale } from '../app/I18nProvider.js';
import { formatClock, useT } from '../i18n/index.js';
import { dropId } from './dndIds.js';
import { FocusButton } from './FocusButton.js';
import { IdeaCard } from './IdeaCard.js';
import { indexIdeas, pushedGroups, visibleIdeas } from './ideas.js';
import { usePlenary } from './plenaryContext.js';

/**
 * Every group's shared key ideas, live as groups share, with when they shared. For the
 * facilitator it is also where an idea dropped goes back out of its theme.
 */
export function GroupsSection() {
  const t = useT();
  const { view, actions } = usePlenary();
  const headingId = useId();
  const pushed = pushedGroups(view.plenary);
  const waiting = view.plenary.groups.filter((group) => group.pushedAt === null);
  const body = (
    <>
      <h2 id={headingId}>{t('plenary.ideas.title')}</h2>
      {pushed.length === 0 && <p className="hint">{t('plenary.ideas.none')}</p>}
      {pushed.length > 0 && (
        <ul className="group-list">
          {pushed.map((group) => <GroupIdeas key={group.id} group={group} />)}
        </ul>
      )}
      {waiting.length > 0 && pushed.length > 0 && (
        <p className="hint">{t('plenary.waiting', { names: waiting.map((group) => group.name).join(', ') })}</p>
      )}
    </>
  );
  return actions !== null
    ? <PoolSection labelledBy={headingId}>{body}</PoolSection>
    : <section className="plenary-groups" aria-labelledby={headingId}>{body}</section>;
}

/** The facilitator's groups column is a drop place: an idea dropped there leaves its theme. */
function PoolSection({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: dropId({ kind: 'pool' }) });
  return (
    <section ref={setNodeRef} className={`plenary-groups${isOver ? ' drop-over' : ''}`} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}

function GroupIdeas({ group }: { group: PlenaryGroup }) {
  const t = useT();
  const { locale } = useLocale();
  const { view, actions } = usePlenary();
  const headingId = useId();
  const ideas = actions !== null ? group.keyIdeas : visibleIdeas(group.keyIdeas, view.flags);
  const index = indexIdeas(view.plenary);
  return (
    <li className="group-block">
      <div className="group-head">
        <h3 id={headingId}>{group.name}</h3>
        {group.pushedAt !== null && <p className="shared-at">{t('plenary.group.sharedAt', { time: formatClock(group.pushedAt, locale) })}</p>}
        <FocusButton focus={{ kind: 'group', id: group.id }} name={group.name} describedBy={headingId} />
      </div>
      {ideas.length === 0
        ? <p className="hint">{t('plenary.group.empty')}</p>
        : (
          <ul className="idea-list">
            {ideas.map((idea) => {
              const info = index.get(idea.id);
              return info === undefined ? null : <IdeaCard key={idea.id} info={info} place={{ kind: 'group' }} />;
            })}
          </ul>
        )}
    </li>
  );
}
