import { useEffect, useRef, useState } from 'react';
import type { RotationState } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import type { NoteOrigin } from '../sync/actions.js';
import { roundStateOf, visitOf } from './rotation.js';
import type { Visit } from './rotation.js';

export interface Rounds {
  /** null for a session by group */
  state: RotationState | null;
  /** where this page's rotating group is; null when the page is not a rotating group's */
  visit: Visit | null;
  /** what new notes on this page record: the round, and the group when it is a rotating group's page */
  noteOrigin: NoteOrigin | null;
  /** the last change said to screen readers (« Tour 2 : votre groupe passe à l'axe « … » ») */
  announcement: string;
}

/**
 * A page of a session by theme follows the rounds: the round state (live), the board of a
 * rotating group, and an announcement at each change — never for the state the page opened
 * with, which the banner shows.
 */
export function useRounds(session: SessionDescription, pageGroupId: string, live: RotationState | null, synced: boolean): Rounds {
  const t = useT();
  const state = roundStateOf(session, live, synced);
  const visit = visitOf(session, pageGroupId, state);
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<{ round: number; status: string; board: string | null } | null>(null);
  const round = state?.round ?? 0;
  const status = state?.status ?? '';
  const board = visit?.board ?? null;

  useEffect(() => {
    if (state === null) return;
    const before = previous.current;
    previous.current = { round, status, board: board?.id ?? null };
    if (before === null) return;
    if (board !== null && before.board !== board.id) {
      setAnnouncement(`${t('rotation.moved', { round, axis: board.name })} ${t('rotation.movedSaved')}`);
    } else if (before.round !== round || (before.status !== status && status === 'running')) {
      setAnnouncement(t('rotation.started', { round }));
    } else if (before.status !== status && status === 'ended') {
      setAnnouncement(t('rotation.ended', { round }));
    }
    // `state` is read through round and status
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round, status, board, t]);

  const noteOrigin = state === null ? null : { round: state.round, group: visit?.group.id ?? null };
  return { state, visit, noteOrigin: useStableOrigin(noteOrigin), announcement };
}

/** The same object while round and group are the same, so the room is not re-created for nothing. */
function useStableOrigin(origin: NoteOrigin | null): NoteOrigin | null {
  const kept = useRef<NoteOrigin | null>(origin);
  if (kept.current?.round !== origin?.round || kept.current?.group !== origin?.group) kept.current = origin;
  return kept.current;
}
