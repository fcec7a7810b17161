import { useId, useState } from 'react';

import { control } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { usePlenary } from '../plenaryContext.js';

/**
 * The facilitator opens a dot vote (how many dots each, on ideas or on themes) and closes it.
 * The server keeps the vote in the plenary document, so every device sees it at once.
 */
export function VoteControls() {
  const t = useT();
  const { session, token, view, announce } = usePlenary();
  const vote = view.control.vote;
  const [perPerson, setPerPerson] = useState(3);
  const [target, setTarget] = useState<'ideas' | 'themes'>(view.plenary.themes.length > 0 ? 'themes' : 'ideas');
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const countId = useId();
  const targetName = useId();
  const targetLabel = useId();

  const run = (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    call().then(
      () => {
        setError(false);
        announce(done);
      },
      () => setError(true),
    ).finally(() => setBusy(false));
  };

  if (vote?.open === true) {
    return (
      <div className="vote-controls">
        <button type="button" disabled={busy} onClick={() => run(() => control.closeVote(session.id, token), t('plenary.vote.closedDone'))}>
          {t('plenary.vote.closeButton')}
        </button>
        {error && <p role="alert" className="problem">{t('plenary.vote.error')}</p>}
      </div>
    );
  }
  return (
    <form className="vote-controls" onSubmit={(event) => {
      event.preventDefault();
      run(() => control.openVote(session.id, token, perPerson, target), t('plenary.vote.openedDone'));
    }}>
      <label htmlFor={countId}>{t('plenary.vote.perPerson')}</label>
      <input id={countId} type="number" min={1} max={20} value={perPerson} className="vote-count-input"
        onChange={(event) => setPerPerson(Math.max(1, Math.min(20, Math.trunc(Number(event.target.value)) || 1)))} />
      <div className="vote-target" role="radiogroup" aria-labelledby={targetLabel}>
        <span id={targetLabel} className="vote-target-label">{t('plenary.vote.target')}</span>
        {(['ideas', 'themes'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={targetName} value={value} checked={target === value} onChange={() => setTarget(value)} />
            {t(value === 'ideas' ? 'plenary.vote.target.ideas' : 'plenary.vote.target.themes')}
          </label>
        ))}
      </div>
      <button type="submit" className="primary" disabled={busy}>{t('plenary.vote.openButton')}</button>
      {error && <p role="alert" className="problem">{t('plenary.vote.error')}</p>}
    </form>
  );
}
