import { lazy, Suspense, useEffect, useRef } from 'react';

import { useT } from '../i18n/index.js';
import { CopyButton } from './CopyButton.js';
import { useLocale } from './I18nProvider.js';
import { absoluteUrl, allLinksText } from './linksText.js';
import { elision } from '../i18n/french.js';
import type { SavedSession } from './mySessions.js';
import type { SessionLinks as SessionLinksData } from '@concerto/contract';

// The QR encoder is only needed here: a chunk of its own, loaded with this page.
const QrCode = lazy(() => import('./QrCode.js'));

/**
 * The links of a session: the facilitator's (kept private), one per group to paste in each
 * breakout room's chat, and the projector's; each with « Copier » and a QR code, and
 * « Copier tous les liens » for one paste in the main chat.
 */
export function SessionLinks({ saved, justCreated, onBack }: { saved: SavedSession; justCreated: boolean; onBack: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const origin = window.location.origin;
  const facilitator = absoluteUrl(saved.links.facilitator, origin);
  const projector = absoluteUrl(saved.links.projector, origin);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section className="session-links" aria-labelledby="links-title">
      <h1 id="links-title" ref={heading} tabIndex={-1}>
        {t(justCreated ? 'create.done' : 'links.title', { title: saved.title })}
      </h1>

      <div className="private-link">
        <h2>{t('create.facilitatorLink')}</h2>
        <p className="private-warning"><strong>{t('links.keepPrivate')}</strong> {t('links.keepPrivateWhy')}</p>
        <p className="link-url"><a href={saved.links.facilitator}>{facilitator}</a></p>
        <div className="link-actions">
          <a className="button-link primary" href={saved.links.facilitator}>{t('links.openConsole')}</a>
          <CopyButton text={facilitator} label={t('links.copyFacilitator')} />
        </div>
      </div>

      <ParticipantLinks links={saved.links} />

      <h2>{t('create.projectorLink')}</h2>
      <p className="hint">{t('links.projectorHint')}</p>
      <ul className="links">
        <LinkItem name={t('create.projectorLink')} url={projector} />
      </ul>

      <p><button type="button" onClick={onBack}>{t('links.back')}</button></p>
    </section>
  );
}

function LinkItem({ name, url }: { name: string; url: string }) {
  const t = useT();
  return (
    <li className="link-item">
      <span className="link-name">{name}</span>
      <span className="link-url">{url}</span>
      <span className="link-actions">
        <CopyButton text={url} label={t('links.copy')} ariaLabel={t('links.copyNamed', { name, elide: elision(name) })} />
        <details className="qr-details">
          <summary>{t('links.qr')}<span className="sr-only"> {name}</span></summary>
          <Suspense fallback={<span>{t('common.loading')}</span>}>
            <QrCode value={url} label={t('links.qrLabel', { name, elide: elision(name) })} />
          </Suspense>
        </details>
      </span>
    </li>
  );
}

/**
 * The links participants need, to paste in each breakout room's chat: one per group, or on a
 * session by theme one per rotating group and one per axis for its host; « Copier tous les
 * liens » for one paste. The home page's links page and the démarche's confirmation show it.
 */
export function ParticipantLinks({ links, level = 2 }: { links: SessionLinksData; level?: 2 | 4 }) {
  const t = useT();
  const { locale } = useLocale();
  const Heading = level === 2 ? 'h2' : 'h4';
  const origin = window.location.origin;
  const groups = links.groups.map((group) => ({ name: group.name, url: absoluteUrl(group.url, origin) }));
  // A session by theme: one link per rotating group for the whole session; the axes' links are the board hosts'.
  const rotating = (Array.isArray(links.rotationGroups) ? links.rotationGroups : []).map((group) => ({ name: group.name, url: absoluteUrl(group.url, origin) }));
  return (
    <>
      {rotating.length > 0 && (
        <>
          <Heading>{t('links.rotationGroups')}</Heading>
          <p>{t('links.rotationGroupsHint')}</p>
          <ul className="links">
            {rotating.map((group) => (
              <LinkItem key={group.url} name={group.name} url={group.url} />
            ))}
          </ul>
        </>
      )}

      <Heading>{t(rotating.length > 0 ? 'links.hosts' : 'links.groupsTitle')}</Heading>
      {rotating.length === 0 && <p>{t('create.linksHint')}</p>}
      <CopyButton className="copy--all" text={allLinksText(rotating.length > 0 ? [...rotating, ...groups] : groups, locale)} label={t('links.copyAll')} />
      <ul className="links">
        {groups.map((group) => (
          <LinkItem key={group.url} name={group.name} url={group.url} />
        ))}
      </ul>

    </>
  );
}
