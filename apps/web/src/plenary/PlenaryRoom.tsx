import { useCallback, useMemo, useState } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { StorageBanner } from '../app/StorageBanner.js';
import { useT } from '../i18n/index.js';
import { ForgetLink } from '../session/ForgetLink.js';
import { BackToGroup, FacilitatorNav } from '../session/SessionNav.js';
import { usePlenaryRoom, usePlenaryView } from '../sync/usePlenary.js';
import type { PlenaryStore } from '../sync/plenaryStore.js';
import { AccessProblem } from './AccessProblem.js';
import { PlenaryActions } from './actions.js';
import { FacilitatorBar } from './FacilitatorBar.js';
import { GroupsSection } from './GroupsSection.js';
import { PlenaryContext } from './plenaryContext.js';
import type { PlenaryContextValue } from './plenaryContext.js';
import { RoomStatus } from './RoomStatus.js';
import { ThemeDnd } from './ThemeDnd.js';
import { ThemesSection } from './ThemesSection.js';
import { useSynced } from './useSynced.js';
import { useParticipantId } from './vote/participantId.js';
import { useBallot } from './vote/useBallot.js';
import { VotePanel } from './vote/VotePanel.js';

/** The plenary room once the link is known good: opens the room and lays the page out. */
export function PlenaryRoom({ session, token }: { session: SessionDescription; token: string }) {
  const t = useT();
  const { store, provider, connection, failure } = usePlenaryRoom(session.id, token, session.groups);
  const synced = useSynced(provider);
  if (failure !== null) return <AccessProblem title={t('plenary.title')} reason={failure} />;
  if (store === null) return <p className="loading" role="status">{t('common.loading')}</p>;
  return <PlenaryLayout session={session} token={token} store={store} connection={connection} synced={synced} />;
}

interface LayoutProps {
  session: SessionDescription;
  token: string;
  store: PlenaryStore;
  connection: 'connecting' | 'connected' | 'offline';
  synced: boolean;
}

function PlenaryLayout({ session, token, store, connection, synced }: LayoutProps) {
  const t = useT();
  const view = usePlenaryView(store);
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => {
    // A repeated message must still be heard: alternate a trailing no-break space.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);
  const role = session.you.role;
  const closed = session.closed || view.control.closed;
  const voterId = useParticipantId(session.id);
  const ballot = useBallot(store, view.control.vote, voterId, session.id, token);
  const actions = useMemo(
    () => (role === 'facilitator' && synced && !closed ? new PlenaryActions(store, session.id, token) : null),
    [role, synced, closed, store, session.id, token],
  );

  const context = useMemo<PlenaryContextValue>(() => ({
    session, token, store, view, actions, announce,
    // Participants vote from their own device; a closed session takes no more ballots.
    ballot: role === 'participant' && !closed ? ballot : null,
  }), [session, token, store, view, actions, announce, role, closed, ballot]);

  const content = (
    <>
      <GroupsSection />
      <ThemesSection />
    </>
  );
  return (
    <PlenaryContext.Provider value={context}>
      <div className="plenary-page">
        {/* One banner landmark for the title and what is said about the whole page, so a
            screen reader's landmark navigation reaches the notes under the title too (axe `region`). */}
        <header className="plenary-top">
          <div className="plenary-header">
            <div className="plenary-heading">
              <p className="plenary-session">{session.title}</p>
              <h1>{t('plenary.title')}</h1>
            </div>
            <FacilitatorNav session={session} token={token} current="plenary" />
            <div className="plenary-header-side">
              <RoomStatus state={connection} />
              <LanguageSwitch />
            </div>
          </div>
          <StorageBanner />
          {role === 'participant' && <p className="plenary-back"><BackToGroup session={session} /></p>}
          {closed && <p className="plenary-banner">{t('plenary.closed')}</p>}
          {/* While a vote is open, its panel says what to do: the reading note would only push the items down. */}
          {!closed && role !== 'facilitator' && view.control.vote?.open !== true && (
            <p className="plenary-banner plenary-banner--info">{t(role === 'projector' ? 'plenary.role.projector' : 'plenary.role.participant')}</p>
          )}
          {role === 'facilitator' && <FacilitatorBar />}
        </header>
        <main className={`plenary-main${actions !== null ? ' plenary-main--edit' : ''}`}>
          {view.control.vote !== null && <VotePanel />}
          <div className="plenary-columns">
            {actions !== null ? <ThemeDnd>{content}</ThemeDnd> : content}
          </div>
        </main>
        <footer className="plenary-footer">
          <ForgetLink sessionId={session.id} />
        </footer>
        <div className="sr-only" aria-live="polite">{announcement}</div>
      </div>
    </PlenaryContext.Provider>
  );
}
