import * as Y from 'yjs';

import { asArray, asMap } from './values.js';

/*
 * Dot votes, in the plenary document's `votes` map: vote id → participant id → the list of
 * item ids (plenary idea ids or theme ids) the participant put a dot on, in order. A
 * participant may put several dots on one item. Like key ideas, only the first
 * `votesPerParticipant` entries of each list count: concurrent writes that overshoot never
 * change the tally (the server also refuses them).
 */

export const VOTES_MAP = 'votes';

export function getVotesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(VOTES_MAP);
}

function ballotsOf(doc: Y.Doc, voteId: string): Y.Map<unknown> | null {
  try {
    return asMap(getVotesMap(doc).get(voteId));
  } catch {
    return null;
  }
}

function countedItems(value: unknown, limit: number): string[] {
  const list = asArray(value);
  if (list === null) return [];
  const items: string[] = [];
  for (const item of list.toArray()) {
    if (items.length >= limit) break;
    if (typeof item === 'string' && item.length > 0) items.push(item);
  }
  return items;
}

/** The participant's counted dots, in order. */
export function readBallot(doc: Y.Doc, voteId: string, participantId: string, limit: number): string[] {
  return countedItems(ballotsOf(doc, voteId)?.get(participantId), limit);
}

/** Counted dots per item, and how many participants voted. */
export function tallyVotes(doc: Y.Doc, voteId: string, limit: number): { counts: Map<string, number>; voters: number } {
  const counts = new Map<string, number>();
  let voters = 0;
  const ballots = ballotsOf(doc, voteId);
  if (ballots === null) return { counts, voters };
  for (const value of ballots.values()) {
    const items = countedItems(value, limit);
    if (items.length > 0) voters++;
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  return { counts, voters };
}

/** Adds a dot; refused (false) at the limit. */
export function castVote(doc: Y.Doc, voteId: string, participantId: string, itemId: string, limit: number, origin?: unknown): boolean {
  if (readBallot(doc, voteId, participantId, limit).length >= limit) return false;
  doc.transact(() => {
    const votes = getVotesMap(doc);
    let ballots = asMap(votes.get(voteId));
    if (ballots === null) {
      ballots = new Y.Map<unknown>();
      votes.set(voteId, ballots);
    }
    let list = asArray(ballots.get(participantId));
    if (list === null) {
      list = new Y.Array<unknown>();
      ballots.set(participantId, list);
    }
    list.push([itemId]);
  }, origin);
  return true;
}

/** Takes back one dot from an item (the last one put there); false when there was none. */
export function withdrawVote(doc: Y.Doc, voteId: string, participantId: string, itemId: string, origin?: unknown): boolean {
  const list = asArray(ballotsOf(doc, voteId)?.get(participantId));
  if (list === null) return false;
  const items = list.toArray();
  const index = items.lastIndexOf(itemId);
  if (index < 0) return false;
  doc.transact(() => list.delete(index, 1), origin);
  return true;
}
