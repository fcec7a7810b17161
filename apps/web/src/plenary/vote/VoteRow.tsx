import { useT } from '../../i18n/index.js';
import { usePlenary } from '../plenaryContext.js';
import { dotsOn } from './ballot.js';
import './vote.css';

/**
 * An item's votes: its live count, and for a participant while the vote is open, « Voter », their
 * dots on it and « Retirer un vote ». Buttons are at least 44 px (phones). At the limit « Voter »
 * stays reachable and says why it does nothing.
 */
export function VoteRow({ itemId, name }: { itemId: string; name: string }) {
  const t = useT();
  const { view, ballot } = usePlenary();
  const vote = view.control.vote;
  if (vote === null) return null;
  const count = view.tally.get(itemId) ?? 0;
  const canVote = ballot !== null && vote.open;
  const mineHere = ballot === null ? 0 : dotsOn(ballot.mine, itemId);
  return (
    <div className="vote-row">
      <p className="vote-count">{t('plenary.vote.count', { count })}</p>
      {canVote && mineHere > 0 && (
        <p className="vote-mine">
          <span className="vote-dots" aria-hidden="true">{'●'.repeat(Math.min(mineHere, 10))}</span>
          {t('plenary.vote.mine', { count: mineHere })}
        </p>
      )}
      {canVote && (
        <div className="vote-buttons">
          <button
            type="button"
            className="primary vote-cast"
            aria-label={t('plenary.vote.castFor', { name })}
            aria-disabled={ballot.remaining === 0}
            onClick={() => (ballot.remaining === 0 ? ballot.refuseLocally() : ballot.cast(itemId))}
          >
            {t('plenary.vote.cast')}
          </button>
          {mineHere > 0 && (
            <button type="button" aria-label={t('plenary.vote.withdrawFrom', { name })} onClick={() => ballot.withdraw(itemId)}>
              {t('plenary.vote.withdraw')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
