import { useT } from '../../i18n/index.js';
import { usePlenary } from '../plenaryContext.js';
import { dotsOn } from './ballot.js';
import './vote.css';

/**
 * An item's votes: its live count, and for a participant while the vote is open, « Voter » and
 * « Retirer un vote » side by side, then their dots on it. Nothing moves under a finger: both
 * buttons are always there in the same place (« Retirer » is disabled while there is no dot to
 * take back), and the line of dots keeps its height when empty, so quick taps on one spot all
 * land on the same button. Buttons are at least 44 px (phones). At the limit « Voter » stays
 * reachable and says why it does nothing.
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
      {canVote && (
        <>
          <div className="vote-buttons">
            <button
              type="button"
              className="primary vote-cast"
              aria-label={t('plenary.vote.castFor', { name })}
              aria-disabled={!ballot.canAdd}
              onClick={() => ballot.cast(itemId)}
            >
              {t('plenary.vote.cast')}
            </button>
            <button
              type="button"
              className="vote-withdraw"
              aria-label={t('plenary.vote.withdrawFrom', { name })}
              disabled={mineHere === 0}
              onClick={() => ballot.withdraw(itemId)}
            >
              {t('plenary.vote.withdraw')}
            </button>
          </div>
          <p className="vote-mine">
            {mineHere > 0 && (
              <>
                <span className="vote-dots" aria-hidden="true">{'●'.repeat(Math.min(mineHere, 10))}</span>
                {t('plenary.vote.mine', { count: mineHere })}
              </>
            )}
          </p>
        </>
      )}
    </div>
  );
}
