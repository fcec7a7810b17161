import { useEffect, useState } from 'react';
import type { Phase, SessionControl } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import CanvasPage from '../canvas/CanvasPage.js';
import type { ReadOnlyReason } from '../canvas/roomContext.js';
import { useSessionControl } from '../control/useSessionControl.js';
import { AxisChoice, AxisNotice } from '../rotation/AxisChoice.js';
import { announceLeavingBoard } from '../rotation/leaving.js';
import { RoundNotice } from '../rotation/RoundNotice.js';
import { useParticipantId } from '../plenary/vote/participantId.js';
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
  const axes = useAxisChoice(session, rounds.visit !== null ? rounds.state?.choosing : undefined);
  // A rotating group's page shows the board of its round, or in the action-sheet phase the
  // axis the person chose; any other page, its own board.
  const groupId = axes.board?.id ?? rounds.boardId;
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
  if (axes.choosing !== undefined && axes.board === null) {
    return (
      <>
        <AxisChoice session={session} token={token} person={axes.person} counts={axes.choosing.counts} current={axes.chosen}
          onChosen={axes.choose} onKeep={axes.chosen === null ? undefined : axes.keep} />
        <div className="sr-only" role="status" aria-live="polite">{axes.announcement}</div>
      </>
    );
  }
  return (
    <>
      <CanvasPage
        key={`${token}:${groupId}`}
        session={session}
        groupId={groupId}
        token={token}
        person={axes.board === null ? undefined : axes.person}
        name={session.you.role === 'projector' ? '' : shownName}
        onRename={() => props.onRenaming(true)}
        readOnlyReason={readOnlyReason}
        control={view.control}
        phase={phase}
        controlSynced={synced}
        offsetMs={props.offsetMs}
        sheetTemplate={view.sheetTemplate}
        noteOrigin={axes.board === null ? rounds.noteOrigin : null}
        notice={axes.board !== null ? <AxisNotice axisName={axes.board.name} onChange={axes.change} /> : rounds.state === null ? undefined : <RoundNotice session={session} boardId={groupId} state={rounds.state} visit={rounds.visit} arrived={rounds.moves > 0} />}
      />
      {/* Outside the canvas, which is replaced at a round change: the announcement outlives it. */}
      {rounds.state !== null && <div className="sr-only" role="status" aria-live="polite">{axes.board !== null ? axes.announcement : rounds.announcement}</div>}
    </>
  );
}

/**
 * The action-sheet phase on a rotating group's page (issue 11 §4): the person's chosen axis,
 * kept on the device for the session (as the link's token is), and the board to show — null
 * while they choose (or come back to change).
 */
function useAxisChoice(session: SessionDescription, choosing: { counts: Record<string, number> } | undefined) {
  const t = useT();
  const key = `axis:${session.id}`;
  const person = useParticipantId(session.id);
  const [chosen, setChosen] = useState(() => loadCached<string>(key));
  const [picking, setPicking] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const axis = session.groups.find((g) => g.id === chosen) ?? null;
  return {
    choosing,
    person,
    chosen: axis?.id ?? null,
    board: choosing !== undefined && !picking ? axis : null,
    announcement,
    choose: (id: string) => {
      saveCached(key, id);
      setChosen(id);
      setPicking(false);
      setAnnouncement(t('choosing.chosen', { axis: session.groups.find((g) => g.id === id)?.name ?? id }));
    },
    keep: () => setPicking(false),
    change: () => {
      // while the board is still shown: what the phone's note form holds is written there
      if (axis !== null) announceLeavingBoard(axis.id);
      setPicking(true);
    },
  };
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
