import { useId, useState } from 'react';
import type { VoteState } from '@concerto/board';

import { control } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

/**
 * Opening and closing a dot vote (« vote par gommettes »): how many dots each participant has,
 * and whether they go on ideas or on themes. Voting itself happens in the plenary view.
 */
export function VotePanel({ sessionId, token, vote, voters, disabled }: {
  sessionId: string;
  token: string;
  vote: VoteState | null;
  voters: number;
  disabled: boolean;
}) {
  const t = useT();
  const ids = { title: useId(), dots: useId(), target: useId() };
  const [dots, setDots] = useState(3);
  const [target, setTarget] = useState<'ideas' | 'themes'>('ideas');
  const action = useAction();
  const open = vote?.open === true;
  return (
    <section className="console-panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('console.vote.title')}</h2>
      {open ? (
        <>
          <p className="console-current">
            {t('console.vote.open', { count: vote.votesPerParticipant, target: t(`console.vote.target.${vote.target}`) })}
          </p>
          <p>{t('console.vote.voters', { count: voters })}</p>
          <button type="button" disabled={action.pending} onClick={() => void action.run(() => control.closeVote(sessionId, token))}>
            {t('console.vote.close')}
          </button>
        </>
      ) : (
        <>
          {vote !== null && <p className="console-current">{t('console.vote.closed', { count: voters })}</p>}
          <label htmlFor={ids.dots} className="inline-field">
            {t('console.vote.dots')}
            <input id={ids.dots} type="number" min={1} max={20} value={dots} className="input-number"
              onChange={(event) => setDots(Math.min(20, Math.max(1, Math.trunc(Number(event.target.value)) || 1)))} />
          </label>
          <label htmlFor={ids.target} className="inline-field">
            {t('console.vote.on')}
            <select id={ids.target} value={target} onChange={(event) => setTarget(event.target.value === 'themes' ? 'themes' : 'ideas')}>
              <option value="ideas">{t('console.vote.target.ideas')}</option>
              <option value="themes">{t('console.vote.target.themes')}</option>
            </select>
          </label>
          <button type="button" disabled={disabled || action.pending} onClick={() => void action.run(() => control.openVote(sessionId, token, dots, target))}>
            {t('console.vote.openButton')}
          </button>
        </>
      )}
      <ActionError problem={action.problem} />
    </section>
  );
}
