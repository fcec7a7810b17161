import { useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { roundContributions } from '@concerto/board';
import type { RotationState } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import { useT } from '../i18n/index.js';
import { useBoardStore, useNoteIds } from '../sync/hooks.js';
import { groupInSentence, rotatingGroupName } from './rotation.js';
import type { Visit } from './rotation.js';

const HOST_BANNER = { waiting: 'rotation.banner.hostWaiting', running: 'rotation.banner.hostRunning', ended: 'rotation.banner.hostEnded' } as const;

/**
 * Under the header of a board in a session by theme: where the rounds stand for this page —
 * the rotating group's round and axis, or a board host's — and, for the host, what the
 * previous round left on the board.
 */
export function RoundNotice({ session, boardId, state, visit, arrived = false }: {
  session: SessionDescription;
  boardId: string;
  state: RotationState;
  visit: Visit | null;
  /** the page just moved here at a round change: the notice takes the focus the old canvas had */
  arrived?: boolean;
}) {
  const t = useT();
  const stateRef = useRef<HTMLParagraphElement>(null);
  // Mounted with the new board. Runs before the canvas's own arrival focus (« Ajouter une
  // note »), which it pre-empts: a key pressed by someone still typing must not press a button.
  useEffect(() => {
    if (arrived && (document.activeElement === null || document.activeElement === document.body)) stateRef.current?.focus({ preventScroll: true });
    // once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const { round, rounds, status } = state;
  const host = visit === null && session.you.role === 'participant' && session.you.groupId === boardId;
  let text: string;
  if (visit !== null) text = t(`rotation.banner.${status}`, { round, rounds, group: visit.group.name });
  else if (host) text = t(HOST_BANNER[status], { round, rounds });
  else text = t(`console.rotation.state.${status}`, { round, rounds });
  return (
    <div className="round-notice">
      <p className="round-notice-state" ref={stateRef} tabIndex={-1}>{text}</p>
      {host && round > 1 && <HostRecap key={round} session={session} round={round - 1} />}
    </div>
  );
}

/** « Au tour précédent, le groupe A a ajouté 7 notes », with the notes: shown on arrival, closable. */
function HostRecap({ session, round }: { session: SessionDescription; round: number }) {
  const t = useT();
  const { locale } = useIntl();
  const store = useBoardStore();
  const ids = useNoteIds();
  const [open, setOpen] = useState(true);
  const contributions = useMemo(
    () => roundContributions([...store.allNotes()], round, session.rotation?.groups.map((g) => g.id) ?? []),
    // the note ids change when notes come and go; their texts are read as they are now
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, ids, round, session.rotation],
  );
  if (!open) return null;
  return (
    <section className="round-recap" aria-labelledby="round-recap-title">
      <h2 id="round-recap-title" className="round-recap-title">{t('rotation.recap.title')}</h2>
      <button type="button" className="icon-button round-recap-close" aria-label={t('rotation.recap.close')} onClick={() => setOpen(false)}>×</button>
      {contributions.length === 0 && <p>{t('rotation.recap.none')}</p>}
      {contributions.map(({ group, notes }) => (
        <div key={group ?? ''}>
          <p>
            {group === null
              ? t('rotation.recap.others', { count: notes.length })
              : t('rotation.recap.group', { group: groupInSentence(rotatingGroupName(session, group), locale), count: notes.length })}
          </p>
          <ul>
            {notes.map((note) => <li key={note.id}>{note.text.trim() === '' ? '…' : note.text}</li>)}
          </ul>
        </div>
      ))}
    </section>
  );
}
