import type { MouseEvent } from 'react';

import { navigate } from '../app/router.js';
import { useT } from '../i18n/index.js';

/**
 * The way from a group's canvas to the plenary, in the same tab so the group's link (kept for
 * the tab) opens it: participants follow the synthesis and vote there. While a vote is open it
 * becomes a banner, since a participant may not be looking at the header.
 */
export function PlenaryLink({ sessionId, voteOpen }: { sessionId: string; voteOpen: boolean }) {
  const t = useT();
  const href = `/s/${encodeURIComponent(sessionId)}/plenary`;
  const go = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  if (voteOpen) {
    return (
      <p className="vote-banner" role="status">
        {t('canvas.voteOpen')}{' '}
        <a href={href} onClick={go} className="vote-banner-link">{t('canvas.voteGo')}</a>
      </p>
    );
  }
  return <a href={href} onClick={go} className="header-link">{t('canvas.plenaryLink')}</a>;
}
