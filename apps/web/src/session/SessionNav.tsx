import type { MouseEvent, ReactNode } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { navigate } from '../app/router.js';
import { useT } from '../i18n/index.js';

export type SessionPage = 'console' | 'plenary' | 'projection' | 'group';

/** A link to another page of the session in the same tab: the device keeps the token. */
function PageLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  const go = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={go} className={className}>{children}</a>;
}

function base(sessionId: string): string {
  return `/s/${encodeURIComponent(sessionId)}`;
}

/**
 * The facilitator's ways between the console, the plenary and the projection: one click each,
 * wherever they are. The projection opens in a new tab (it goes to the second screen), with
 * the token in its link so it can be moved to another browser.
 */
export function FacilitatorNav({ session, token, current }: { session: SessionDescription; token: string; current: SessionPage }) {
  const t = useT();
  if (session.you.role !== 'facilitator') return null;
  const root = base(session.id);
  const projection = `${root}/projection#token=${encodeURIComponent(token)}`;
  return (
    <nav className="session-nav" aria-label={t('nav.label')}>
      <ul>
        <li>{current === 'console' ? <span aria-current="page">{t('nav.console')}</span> : <PageLink href={`${root}/facilitate`}>{t('nav.console')}</PageLink>}</li>
        <li>{current === 'plenary' ? <span aria-current="page">{t('nav.plenary')}</span> : <PageLink href={`${root}/plenary`}>{t('nav.plenary')}</PageLink>}</li>
        <li>
          {current === 'projection'
            ? <span aria-current="page">{t('nav.projection')}</span>
            : <a href={projection} target="_blank" rel="noopener">{t('nav.projection')}<span className="sr-only"> {t('nav.newTab')}</span></a>}
        </li>
      </ul>
    </nav>
  );
}

/** From the plenary, a participant's way back to their own group's canvas. */
export function BackToGroup({ session }: { session: SessionDescription }) {
  const t = useT();
  const groupId = session.you.role === 'participant' ? session.you.groupId : null;
  if (groupId === null) return null;
  // a rotating group (a session by theme) goes back to its own page, which shows its round's board
  const group = (session.groups.find((g) => g.id === groupId) ?? session.rotation?.groups.find((g) => g.id === groupId))?.name ?? groupId;
  return <PageLink href={`${base(session.id)}/${encodeURIComponent(groupId)}`} className="header-link">{t('nav.backToGroup', { group })}</PageLink>;
}
