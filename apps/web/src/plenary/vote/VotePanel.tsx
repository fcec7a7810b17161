import { useId } from 'react';

import { useT } from '../../i18n/index.js';
import type { MessageId } from '../../i18n/index.js';
import { voteItems } from '../ideas.js';
import { usePlenary } from '../plenaryContext.js';
import type { BallotProblem } from './ballot.js';
import { VoteResults } from './VoteResults.js';

const PROBLEMS: Record<BallotProblem, MessageId> = {
  limit: 'plenary.vote.problem.limit',
  closed: 'plenary.vote.problem.closed',
  network: 'plenary.vote.problem.network',
  forbidden: 'plenary.vote.problem.forbidden',
  other: 'plenary.vote.problem.other',
};

/**
 * The vote at the top of the plenary: its rule and how many took part; for a participant, a
 * bar that stays in view while scrolling the items (« Il vous reste 2 votes sur 3 », and any
 * refusal in plain words); once closed, the results as bars.
 */
export function VotePanel() {
  const t = useT();
  const { session, view, ballot } = usePlenary();
  const headingId = useId();
  const vote = view.control.vote;
  if (vote === null) return null;
  const rule = t(vote.target === 'themes' ? 'plenary.vote.rule.themes' : 'plenary.vote.rule.ideas', { count: vote.votesPerParticipant });
  const voting = ballot !== null && vote.open;
  return (
    <>
      {voting && (
        <div className="vote-status" aria-busy={ballot.pending > 0}>
          <p role="status" className="vote-remaining">
            {t('plenary.vote.remaining', { remaining: ballot.remaining, limit: ballot.limit })}
          </p>
          <div role="alert">
            {ballot.problem !== null && <p className="vote-problem">{t(PROBLEMS[ballot.problem])}</p>}
          </div>
        </div>
      )}
      <section className={`vote-panel${vote.open ? ' vote-panel--open' : ''}`} aria-labelledby={headingId}>
        <h2 id={headingId}>{t(vote.open ? 'plenary.vote.open.title' : 'plenary.vote.closed.title')}</h2>
        <p>{rule}</p>
        {/* A line of its own: « Personne n’a encore voté. » becoming « 1 personne a voté. » must
            not rewrap the rule and move every « Voter » below under a finger. */}
        <p className="vote-voters">{t('plenary.vote.voters', { count: view.voters })}</p>
        {voting && <p className="hint">{t('plenary.vote.hint', { target: vote.target })}</p>}
        {vote.open && session.you.role === 'projector' && <p className="hint">{t('plenary.vote.projectorHint')}</p>}
        {!vote.open && <VoteResults items={voteItems(vote, view.plenary, view.flags, view.tally)} />}
      </section>
    </>
  );
}
