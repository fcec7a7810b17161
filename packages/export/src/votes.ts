/**
 * Dot votes, as @concerto/board keeps them in the plenary document: `control.vote` describes
 * the last vote (its id, what it is on: ideas or themes, dots per participant) and `votes`
 * holds the ballots. The compte-rendu shows that vote's tally, counted with the board's own
 * reader (only the first `votesPerParticipant` dots of a ballot count); without a vote it shows
 * none. Read tolerantly, like everything in a shared document.
 */
import type * as Y from 'yjs';
import { readControl, tallyVotes } from '@concerto/board';

export interface VoteTally {
  /** what people voted on: plenary ideas or themes */
  target: 'ideas' | 'themes';
  /** item id (plenary idea id or theme id) → counted dots */
  counts: Map<string, number>;
  /** participants who put at least one dot */
  voters: number;
  votesPerParticipant: number;
  open: boolean;
}

export function readVotes(doc: Y.Doc): VoteTally | null {
  const vote = readControl(doc).vote;
  if (vote === null) return null;
  const { counts, voters } = tallyVotes(doc, vote.id, vote.votesPerParticipant);
  return { target: vote.target, counts, voters, votesPerParticipant: vote.votesPerParticipant, open: vote.open };
}
