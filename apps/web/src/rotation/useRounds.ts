import { useEffect, useRef, useState } from 'react';
import type { RotationState } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import type { NoteOrigin } from '../sync/actions.js';
import { announceLeavingBoard } from './leaving.js';
import { roundStateOf, visitOf } from './rotation.js';
import type { Visit } from './rotation.js';

export interface Rounds {
  /** null for a session by group */
  state: RotationState | null;
  /** where this page's rotating group is; null when the page is not a rotating group's */
  visit: Visit | null;
  /** the board the page shows: the group's round's, once what was typed on the last one is saved */
  boardId: string;
  /** what new notes on the shown board record: the round, and the group on a rotating group's page */
  noteOrigin: NoteOrigin | null;
  /** the last change said to screen readers (« Tour 2 : votre groupe passe à l'axe « … » ») */
  announcement: string;
  /** how many times the page moved to another board (the new board's notice then takes the focus) */
  moves: number;
}

/**
 * A page of a session by theme follows the rounds: the round state (live), the board of a
 * rotating group, and an announcement at each change — never for the state the page opened
 * with, which the banner shows. At a change of board the page first says it is leaving (so
 * text not yet in the document is written there), then shows the new board.
 */
export function useRounds(session: SessionDescription, pageGroupId: string, live: RotationState | null, synced: boolean): Rounds {
  const t = useT();
  const state = roundStateOf(session, live, synced);
  const visit = visitOf(session, pageGroupId, state);
  const target = visit?.board.id ?? pageGroupId;
  // A round that waits has not started (the first one, before the facilitator starts it): what
  // is written then belongs to no round, and saying « Tour 1 » would misdate it (board R30).
  const origin = state === null ? null : { ...(state.status === 'waiting' ? {} : { round: state.round }), group: visit?.group.id ?? null };
  const [shown, setShown] = useState<{ boardId: string; origin: NoteOrigin | null; moves: number }>({ boardId: target, origin, moves: 0 });
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<{ round: number; status: string } | null>(null);
  const round = state?.round ?? 0;
  const status = state?.status ?? '';

  useEffect(() => {
    if (shown.boardId === target) {
      if (shown.origin?.round !== origin?.round || shown.origin?.group !== origin?.group) setShown({ ...shown, origin });
      return;
    }
    announceLeavingBoard(shown.boardId);
    setShown({ boardId: target, origin, moves: shown.moves + 1 });
    if (visit !== null) setAnnouncement(`${t('rotation.moved', { round: visit.round, axis: visit.board.name })} ${t('rotation.movedSaved')}`);
    // `origin` and `visit` follow `target` and the round
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, shown, round, status, t]);

  useEffect(() => {
    if (state === null) return;
    const before = previous.current;
    previous.current = { round, status };
    if (before === null || visit !== null && before.round !== round) return; // a move is announced above
    if (before.round !== round || (before.status !== status && status === 'running')) setAnnouncement(t('rotation.started', { round }));
    else if (before.status !== status && status === 'ended') setAnnouncement(t('rotation.ended', { round }));
    // `state` and `visit` are read through round and status
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round, status, t]);

  return { state, visit, boardId: shown.boardId, noteOrigin: shown.origin, announcement, moves: shown.moves };
}
