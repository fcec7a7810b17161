import { useEffect, useId } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { formatDay } from '../app/MySessions.js';
import { useLocale } from '../app/I18nProvider.js';
import { StorageBanner } from '../app/StorageBanner.js';
import { ConnectionStatus } from '../canvas/ConnectionStatus.js';
import { TimerDisplay } from '../control/TimerDisplay.js';
import { useSessionControl } from '../control/useSessionControl.js';
import { useT } from '../i18n/index.js';
import { ForgetLink } from '../session/ForgetLink.js';
import { FacilitatorNav } from '../session/SessionNav.js';
import { ArchivePanel } from './ArchivePanel.js';
import { GroupCard } from './GroupCard.js';
import { GroupsToolbar } from './GroupsToolbar.js';
import { LinksPanel } from './LinksPanel.js';
import { PhaseControls } from './PhaseControls.js';
import { SheetTemplatePanel } from './SheetTemplatePanel.js';
import { RoundsPanel } from '../rotation/RoundsPanel.js';
import { TimerControls } from './TimerControls.js';
import { useGroupWatches } from './useGroupWatches.js';
import { CarriedOverBlock } from '../programme/CarriedOverBlock.js';
import { VotePanel } from './VotePanel.js';

/**
 * The console: the session's controls on the left (steps, timer, vote, links, compte-rendu),
 * every group at a glance on the right. Everything the facilitator does goes through the
 * server, which writes it into the plenary room; this page, like every canvas, reads it back
 * from there, so what it shows is what participants see.
 */
export function Console({ session, token, offsetMs }: { session: SessionDescription; token: string; offsetMs: number }) {
  const t = useT();
  const { locale } = useLocale();
  const groupsTitle = useId();
  const { connection, view, synced } = useSessionControl(session.id, token, session.groups);
  const watches = useGroupWatches(session.id, token, session.groups, session.keyIdeaLimit);
  const { control } = view;
  const lockedRooms = synced ? control.lockedRooms : session.lockedRooms;
  const closed = session.closed || control.closed;
  const sharedById = new Map(view.plenary.groups.map((g) => [g.id, g]));

  useEffect(() => {
    document.title = `${t('console.title')} · ${session.title} · Concerto`;
  }, [session.title, t]);

  return (
    <div className="console">
      <header className="console-header">
        <div>
          <p className="eyebrow">{t('console.title')}</p>
          <h1>{session.title}</h1>
          {session.date !== null && <p className="hint">{formatDay(session.date, locale)}</p>}
        </div>
        <div className="console-header-side">
          <TimerDisplay timer={control.timer} offsetMs={offsetMs} className="timer--header" />
          <FacilitatorNav session={session} token={token} current="console" />
          <ConnectionStatus state={connection.connection} />
          <LanguageSwitch />
        </div>
      </header>
      <StorageBanner />
      {closed && <p className="readonly-banner" role="status">{t('console.closedBanner')}</p>}
      <div className="console-body">
        <aside className="console-controls" aria-label={t('console.controls')}>
          <PhaseControls sessionId={session.id} token={token} phase={control.phase} disabled={closed} byTheme={session.rotation !== null} />
          {session.rotation !== null && <RoundsPanel session={session} token={token} live={control.rotation} synced={synced} disabled={closed} watches={watches} />}
          <TimerControls sessionId={session.id} token={token} timer={control.timer} offsetMs={offsetMs} disabled={closed} />
          <VotePanel sessionId={session.id} token={token} vote={control.vote} voters={view.voters} disabled={closed} />
          <SheetTemplatePanel doc={connection.store?.doc ?? null} template={view.sheetTemplate} disabled={closed} />
          <LinksPanel sessionId={session.id} token={token} />
          <ArchivePanel sessionId={session.id} token={token} closed={closed} />
          <ForgetLink sessionId={session.id} />
        </aside>
        <main className="console-groups" aria-labelledby={groupsTitle}>
          <CarriedOverBlock items={session.carriedOver} />
          <h2 id={groupsTitle}>{t('console.groups.title', { count: session.groups.length })}</h2>
          <GroupsToolbar sessionId={session.id} token={token} lockedCount={lockedRooms.length}
            groups={session.groups} disabled={closed} />
          <div className="group-grid">
            {session.groups.map((group) => (
              <GroupCard
                key={group.id}
                sessionId={session.id}
                token={token}
                group={group}
                watch={watches.get(group.id)}
                keyIdeaLimit={session.keyIdeaLimit}
                locked={lockedRooms.includes(group.id)}
                closed={closed}
                shared={sharedById.get(group.id)}
                offsetMs={offsetMs}
              />
            ))}
          </div>
        </main>
      </div>
    </div>
  );
}
