import * as Y from 'yjs';

import { readControl } from './control.js';
import type { VoteState } from './control.js';
import { readPlenary } from './plenary.js';
import { isFiniteNumber } from './values.js';
import { getVotesMap, tallyVotes } from './votes.js';

/*
 * Every vote of a session, kept (SPEC R24). `control.vote` only describes the last vote, so
 * when a vote closes, or another one replaces it, the server writes a record of it in the
 * plenary document's `voteArchive` map: vote id → a plain object with its question, what was
 * voted on (each option's label as it read then, and its counted dots), the number of voters
 * and its times. The compte-rendu lists every vote from it.
 */

export const VOTE_ARCHIVE_MAP = 'voteArchive';

export interface VoteOption {
  /** plenary idea id or theme id */
  id: string;
  /** the idea's text or the theme's label, as it read when the vote was recorded */
  label: string;
  /** the group an idea came from; null for a theme */
  group: string | null;
  count: number;
}

export interface ArchivedVote {
  id: string;
  /** what the facilitator asked; '' when they did not word it */
  question: string;
  target: 'ideas' | 'themes';
  /** null for a vote found only as ballots (documents written before the archive existed) */
  votesPerParticipant: number | null;
  openedAt: number | null;
  closedAt: number | null;
  /** still open when read (only the live, unrecorded vote can be) */
  open: boolean;
  voters: number;
  /** every option people could vote on, then any other item that got dots, most dots first */
  options: VoteOption[];
}

export function getVoteArchiveMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(VOTE_ARCHIVE_MAP);
}

type Groups = readonly { id: string; name: string }[];

function byCount(a: VoteOption, b: VoteOption): number {
  return b.count - a.count;
}

/** The options of a vote on `target`, with `counts`, labelled from the plenary as it reads now. */
function optionsOf(doc: Y.Doc, groups: Groups, target: 'ideas' | 'themes', counts: ReadonlyMap<string, number>): VoteOption[] {
  const plenary = readPlenary(doc, groups);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const options: VoteOption[] = target === 'ideas'
    ? plenary.groups.flatMap((g) => g.keyIdeas.map((idea) => ({ id: idea.id, label: idea.text, group: names.get(g.id) ?? g.id, count: counts.get(idea.id) ?? 0 })))
    : plenary.themes.map((theme) => ({ id: theme.id, label: theme.label, group: null, count: counts.get(theme.id) ?? 0 }));
  const known = new Set(options.map((o) => o.id));
  // Dots on an item that is gone since (a theme deleted, an idea no longer shared) still count.
  for (const [id, count] of counts) {
    if (!known.has(id)) options.push({ id, label: '', group: null, count });
  }
  // A stable sort keeps the plenary's order among equal counts.
  return options.sort(byCount);
}

/** The record of `vote` as it stands in the document now (R24). */
export function voteRecord(doc: Y.Doc, vote: VoteState, groups: Groups): ArchivedVote {
  const { counts, voters } = tallyVotes(doc, vote.id, vote.votesPerParticipant);
  return {
    id: vote.id,
    question: vote.question ?? '',
    target: vote.target,
    votesPerParticipant: vote.votesPerParticipant,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
    open: vote.open,
    voters,
    options: optionsOf(doc, groups, vote.target, counts),
  };
}

/** Writes (or rewrites) the record of a vote: one transaction, nothing when it is unchanged (R3). */
export function archiveVote(doc: Y.Doc, record: ArchivedVote, origin?: unknown): void {
  const value = JSON.parse(JSON.stringify({ ...record, open: false })) as Record<string, unknown>;
  const map = getVoteArchiveMap(doc);
  if (JSON.stringify(map.get(record.id)) === JSON.stringify(value)) return;
  doc.transact(() => map.set(record.id, value), origin);
}

function readOption(value: unknown): VoteOption | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (typeof o['id'] !== 'string' || !isFiniteNumber(o['count'])) return null;
  return {
    id: o['id'],
    label: typeof o['label'] === 'string' ? o['label'] : '',
    group: typeof o['group'] === 'string' ? o['group'] : null,
    count: Math.max(0, Math.trunc(o['count'])),
  };
}

function readRecord(id: string, value: unknown): ArchivedVote | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Y.AbstractType) return null;
  const r = value as Record<string, unknown>;
  const options = Array.isArray(r['options']) ? r['options'].map(readOption).filter((o): o is VoteOption => o !== null) : [];
  return {
    id,
    question: typeof r['question'] === 'string' ? r['question'] : '',
    target: r['target'] === 'themes' ? 'themes' : 'ideas',
    votesPerParticipant: isFiniteNumber(r['votesPerParticipant']) ? Math.max(0, Math.trunc(r['votesPerParticipant'])) : null,
    openedAt: isFiniteNumber(r['openedAt']) ? r['openedAt'] : null,
    closedAt: isFiniteNumber(r['closedAt']) ? r['closedAt'] : null,
    open: false,
    voters: isFiniteNumber(r['voters']) ? Math.max(0, Math.trunc(r['voters'])) : 0,
    options: options.sort(byCount),
  };
}

/** The recorded votes; unreadable entries skipped (R5). */
export function readVoteArchive(doc: Y.Doc): ArchivedVote[] {
  let map: Y.Map<unknown>;
  try {
    map = getVoteArchiveMap(doc);
  } catch {
    return [];
  }
  const records: ArchivedVote[] = [];
  map.forEach((value, id) => {
    const record = readRecord(id, value);
    if (record !== null) records.push(record);
  });
  return records;
}

/** Ballots of a vote nobody recorded: every dot counts (the server enforced the limit). */
function orphanRecord(doc: Y.Doc, id: string, groups: Groups): ArchivedVote | null {
  const { counts, voters } = tallyVotes(doc, id, Number.MAX_SAFE_INTEGER);
  if (voters === 0) return null;
  // Plenary idea ids are `${groupId}:${keyIdeaId}`; theme ids have no colon.
  const target = [...counts.keys()].some((item) => item.includes(':')) ? 'ideas' : 'themes';
  return {
    id, question: '', target, votesPerParticipant: null, openedAt: null, closedAt: null, open: false, voters,
    options: optionsOf(doc, groups, target, counts),
  };
}

/**
 * R24: every vote of the session, oldest first. The recorded ones; the current vote, counted
 * live, when it is not recorded yet (or still open); and, for documents written before the
 * archive existed, the ballots of any other vote, counted as they are, with unknown times.
 */
export function voteHistory(doc: Y.Doc, groups: Groups): ArchivedVote[] {
  const history = new Map(readVoteArchive(doc).map((r) => [r.id, r]));
  const current = readControl(doc).vote;
  if (current !== null && (current.open || !history.has(current.id))) {
    history.set(current.id, voteRecord(doc, current, groups));
  }
  let ballots: Y.Map<unknown> | null = null;
  try {
    ballots = getVotesMap(doc);
  } catch {
    ballots = null;
  }
  ballots?.forEach((_, id) => {
    if (history.has(id)) return;
    const orphan = orphanRecord(doc, id, groups);
    if (orphan !== null) history.set(id, orphan);
  });
  // Unknown times sort first: such votes come from before the archive, so before the recorded ones.
  const time = (r: ArchivedVote) => r.openedAt ?? Number.NEGATIVE_INFINITY;
  return [...history.values()].sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
