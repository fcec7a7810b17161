import { useEffect, useState } from 'react';
import type { Phase, SessionControl } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import CanvasPage from '../canvas/CanvasPage.js';
import type { ReadOnlyReason } from '../canvas/roomContext.js';
import { useSessionControl } from '../control/useSessionControl.js';
import { RoundNotice } from '../rotation/RoundNotice.js';
import { useRounds } from '../rotation/useRounds.js';
import { useT } from '../i18n/index.js';
import { ElsewhereNotice, LinkProblem } from './LinkProblem.js';
import { NameForm } from './NameForm.js';
import { loadCached, loadName, saveCached, saveName } from './storage.js';
import { useSession } from './useSession.js';

/**
 * What a role may do on this group's canvas. The server enforces the same rules (a lock binds
 * everyone but the facilitator; a closed session binds everyone); the UI follows at once.
 */
export function readOnlyReasonOf(session: SessionDescription, groupId: string, locked = false, closed = false, visiting = false): ReadOnlyReason {
  if (session.you.role === 'projector') return 'projector';
  if (closed || session.closed) return 'closed';
  // `visiting`: a rotating group on the board of its round (a session by theme)
  if (session.you.role === 'participant' && session.you.groupId !== groupId && !visiting) return 'other-group';
  return locked && session.you.role !== 'facilitator' ? 'locked' : null;
}

/** Locks and closure: live from the plenary once it has synced, else as the session said on load. */
export function lockStateOf(session: SessionDescription, control: SessionControl, synced: boolean, groupId: string): { locked: boolean; closed: boolean } {
  if (!synced) return { locked: session.lockedRooms.includes(groupId), closed: session.closed };
  return { locked: control.lockedRooms.includes(groupId), closed: control.closed || session.closed };
}

/**
 * Joining a group from the link in the breakout room's chat: the token from the fragment, the
 * session's description (the last one known when offline), the display name once per device.
 */
export default function GroupPage({ sessionId, groupId }: { sessionId: string; groupId: string }) {
  const t = useT();
  const loaded = useSession(sessionId, { page: 'group', groupId }, { offline: true });
  const [name, setName] = useState(loadName);
  const [renaming, setRenaming] = useState(false);

  if (loaded.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (loaded.status === 'failed') return <LinkProblem reason={loaded.reason} onRetry={loaded.retry} />;
  if (loaded.status === 'elsewhere') return <ElsewhereNotice title={t('problem.title')} session={loaded.session} target={loaded.target} />;
  const { session } = loaded;
  // A session by theme: the link of a rotating group, whose page follows the rounds.
  const group = session.groups.find((g) => g.id === groupId) ?? session.rotation?.groups.find((g) => g.id === groupId);
  if (group === undefined) return <LinkProblem reason="not-found" />;
  return (
    <GroupSession
      session={session}
      groupId={groupId}
      groupName={group.name}
      token={loaded.token}
      offsetMs={loaded.offsetMs}
      name={name}
      renaming={renaming}
      onRenaming={setRenaming}
      onName={setName}
    />
  );
}

interface GroupSessionProps {
  session: SessionDescription;
  groupId: string;
  groupName: string;
  token: string;
  offsetMs: number;
  name: string;
  renaming: boolean;
  onRenaming: (renaming: boolean) => void;
  onName: (name: string) => void;
}

/**
 * A loaded group: the session's live control state (plenary room) beside the canvas, so the
 * timer, the phase, a lock or the closing of the session reach this page at once.
 */
function GroupSession(props: GroupSessionProps) {
  const { session, token, name, renaming } = props;
  const { view, synced } = useSessionControl(session.id, token, session.groups);
  const rounds = useRounds(session, props.groupId, view.control.rotation, synced);
  // A rotating group's page shows the board of its round; any other page, its own board.
  const groupId = rounds.boardId;
  const { locked, closed } = lockStateOf(session, view.control, synced, groupId);
  const readOnlyReason = readOnlyReasonOf(session, groupId, locked, closed, rounds.visit !== null);
  const phase = usePhase(session.id, view.control.phase, synced);
  const t = useT();
  // The facilitator is « Animation » until they choose a name: no prompt between the console and a group.
  const needsName = session.you.role === 'participant';
  const shownName = name !== '' ? name : session.you.role === 'facilitator' ? t('join.facilitatorName') : '';
  if ((needsName && name === '') || (renaming && session.you.role !== 'projector')) {
    return (
      <NameForm
        sessionId={session.id}
        title={session.title}
        groupName={props.groupName}
        initial={name}
        onCancel={renaming ? () => props.onRenaming(false) : undefined}
        onSubmit={(chosen) => {
          saveName(chosen);
          props.onName(chosen);
          props.onRenaming(false);
        }}
      />
    );
  }
  return (
    <>
      <CanvasPage
        key={`${token}:${groupId}`}
        session={session}
        groupId={groupId}
        token={token}
        name={session.you.role === 'projector' ? '' : shownName}
        onRename={() => props.onRenaming(true)}
        readOnlyReason={readOnlyReason}
        control={view.control}
        phase={phase}
        controlSynced={synced}
        offsetMs={props.offsetMs}
        sheetTemplate={view.sheetTemplate}
        noteOrigin={rounds.noteOrigin}
        notice={rounds.state === null ? undefined : <RoundNotice session={session} boardId={groupId} state={rounds.state} visit={rounds.visit} arrived={rounds.moves > 0} />}
      />
      {/* Outside the canvas, which is replaced at a round change: the announcement outlives it. */}
      {rounds.state !== null && <div className="sr-only" role="status" aria-live="polite">{rounds.announcement}</div>}
    </>
  );
}

/**
 * The phase to follow: the server's once synced, remembered on the device so a reload while
 * offline during reflection still keeps new notes as drafts.
 */
function usePhase(sessionId: string, live: Phase | null, synced: boolean): Phase | null {
  const key = `phase:${sessionId}`;
  const [remembered] = useState(() => loadCached<Phase | null>(key));
  useEffect(() => {
    if (synced) saveCached(key, live);
  }, [key, live, synced]);
  return synced ? live : remembered;
}
