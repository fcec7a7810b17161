import { useEffect, useId, useState } from 'react';
import type { CreateSessionResponse } from '@concerto/contract';

import { fetchLinks } from '../api/client.js';
import { CopyButton } from '../app/CopyButton.js';
import { useLocale } from '../app/I18nProvider.js';
import { absoluteUrl, allLinksText } from '../app/linksText.js';
import { findSavedSession } from '../app/mySessions.js';
import { useT } from '../i18n/index.js';

/**
 * The groups' links again: people arrive late and ask for their link in the chat. The server
 * signs fresh links for the facilitator on any device; the copy saved on the device that created
 * the session (« Mes séances ») serves when the server cannot be reached.
 */
export function LinksPanel({ sessionId, token }: { sessionId: string; token: string }) {
  const t = useT();
  const { locale } = useLocale();
  const titleId = useId();
  const [links, setLinks] = useState<CreateSessionResponse['links'] | null>(() => findSavedSession(sessionId)?.links ?? null);
  useEffect(() => {
    let cancelled = false;
    fetchLinks(sessionId, token).then(
      (fresh) => {
        if (!cancelled) setLinks(fresh.links);
      },
      () => undefined, // keep the saved copy, if any
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, token]);
  const origin = window.location.origin;
  return (
    <section className="console-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.links.title')}</h2>
      {links === null ? (
        <p className="hint">{t('console.links.elsewhere')}</p>
      ) : (
        <>
          <CopyButton
            // a session by theme: the rotating groups' links first, then the board hosts'
            text={allLinksText([...(links.rotationGroups ?? []), ...links.groups].map((g) => ({ name: g.name, url: absoluteUrl(g.url, origin) })), locale)}
            label={t('links.copyAll')}
          />
          <CopyButton text={absoluteUrl(links.projector, origin)} label={t('console.links.copyProjector')} />
        </>
      )}
    </section>
  );
}
