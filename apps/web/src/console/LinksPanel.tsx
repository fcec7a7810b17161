import { useId, useState } from 'react';

import { CopyButton } from '../app/CopyButton.js';
import { useLocale } from '../app/I18nProvider.js';
import { absoluteUrl, allLinksText } from '../app/linksText.js';
import { findSavedSession } from '../app/mySessions.js';
import { useT } from '../i18n/index.js';

/**
 * The groups' links again, when this device created the session (« Mes séances »): people
 * arrive late and ask for their link in the chat. Links cannot be issued twice, so on another
 * device the panel says where they are.
 */
export function LinksPanel({ sessionId }: { sessionId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const titleId = useId();
  const [saved] = useState(() => findSavedSession(sessionId));
  const origin = window.location.origin;
  return (
    <section className="console-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.links.title')}</h2>
      {saved === null ? (
        <p className="hint">{t('console.links.elsewhere')}</p>
      ) : (
        <>
          <CopyButton
            text={allLinksText(saved.links.groups.map((g) => ({ name: g.name, url: absoluteUrl(g.url, origin) })), locale)}
            label={t('links.copyAll')}
          />
          <CopyButton text={absoluteUrl(saved.links.projector, origin)} label={t('console.links.copyProjector')} />
        </>
      )}
    </section>
  );
}
