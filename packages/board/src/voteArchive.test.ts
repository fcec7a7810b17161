import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';

import { setControl } from './control.js';
import type { VoteState } from './control.js';
import { pushKeyIdeas } from './plenary.js';
import { createTheme } from './themes.js';
import { archiveVote, getVoteArchiveMap, readVoteArchive, voteHistory, voteRecord } from './voteArchive.js';
import { castVote } from './votes.js';

const groups = [{ id: 'g1', name: 'Groupe 1' }, { id: 'g2', name: 'Groupe 2' }];

function plenary(): Y.Doc {
  const doc = new Y.Doc();
  pushKeyIdeas(doc, { groupId: 'g1', name: 'Groupe 1', pushedAt: 1, keyIdeas: [{ id: 'a', text: 'Accès humain' }, { id: 'b', text: 'Un seul compte' }] });
  createTheme(doc, { id: 't1', label: 'Garder un accès humain' });
  createTheme(doc, { id: 't2', label: 'Simplifier' });
  return doc;
}

const themesVote: VoteState = { id: 'v1', question: 'Quels thèmes prioriser ?', open: false, votesPerParticipant: 3, target: 'themes', openedAt: 100, closedAt: 200 };

describe('R24 every vote of a session is kept', () => {
  it('records a vote with its question, options (labels as they read then), counts, voters and times', () => {
    const doc = plenary();
    for (const [p, items] of [['p1', ['t1', 't1', 't2']], ['p2', ['t1', 't1', 't2']], ['p3', ['t1', 't2']], ['p4', ['t1']]] as const) {
      for (const item of items) castVote(doc, 'v1', p, item, 3);
    }
    const record = voteRecord(doc, themesVote, groups);
    expect(record).toMatchObject({ id: 'v1', question: 'Quels thèmes prioriser ?', target: 'themes', voters: 4, votesPerParticipant: 3, openedAt: 100, closedAt: 200 });
    expect(record.options).toEqual([
      { id: 't1', label: 'Garder un accès humain', group: null, count: 6 },
      { id: 't2', label: 'Simplifier', group: null, count: 3 },
    ]);
    archiveVote(doc, record);
    expect(readVoteArchive(doc)).toEqual([{ ...record, open: false }]);
  });

  it('lists the recorded votes and the current one, oldest first', () => {
    const doc = plenary();
    castVote(doc, 'v1', 'p1', 't1', 3);
    archiveVote(doc, voteRecord(doc, themesVote, groups));
    const ideasVote: VoteState = { id: 'v2', question: '', open: true, votesPerParticipant: 2, target: 'ideas', openedAt: 300, closedAt: null };
    setControl(doc, 'vote', ideasVote);
    castVote(doc, 'v2', 'p1', 'g1:b', 2);
    castVote(doc, 'v2', 'p2', 'g1:b', 2);
    const history = voteHistory(doc, groups);
    expect(history.map((v) => [v.id, v.open, v.voters])).toEqual([['v1', false, 1], ['v2', true, 2]]);
    expect(history[1]!.options[0]).toEqual({ id: 'g1:b', label: 'Un seul compte', group: 'Groupe 1', count: 2 });
    expect(history[1]!.options[1]).toMatchObject({ id: 'g1:a', count: 0 });
  });

  it('still finds an earlier vote in a document written before the archive: its ballots, counted', () => {
    const doc = plenary();
    for (const item of ['t1', 't1', 't2']) castVote(doc, 'old', 'p1', item, 3);
    castVote(doc, 'old', 'p2', 't1', 3);
    setControl(doc, 'vote', { id: 'last', open: false, votesPerParticipant: 1, target: 'ideas', openedAt: 500, closedAt: 600 });
    castVote(doc, 'last', 'p1', 'g1:a', 1);
    const history = voteHistory(doc, groups);
    expect(history.map((v) => [v.id, v.target, v.voters, v.openedAt])).toEqual([['old', 'themes', 2, null], ['last', 'ideas', 1, 500]]);
    expect(history[0]!.options.map((o) => [o.id, o.count])).toEqual([['t1', 3], ['t2', 1]]);
    expect(history[0]!.votesPerParticipant).toBeNull();
  });

  it('keeps dots on an item deleted since, with no label', () => {
    const doc = plenary();
    castVote(doc, 'v1', 'p1', 'gone-theme', 3);
    expect(voteRecord(doc, themesVote, groups).options[0]).toEqual({ id: 'gone-theme', label: '', group: null, count: 1 });
  });

  it('writes nothing when the same record is written again (R3), and reads garbage as nothing (R5)', () => {
    const doc = plenary();
    const record = voteRecord(doc, themesVote, groups);
    archiveVote(doc, record);
    let updates = 0;
    doc.on('update', () => updates++);
    archiveVote(doc, record);
    expect(updates).toBe(0);
    getVoteArchiveMap(doc).set('junk', 'oui');
    getVoteArchiveMap(doc).set('odd', { options: [{ id: 3 }, { id: 't1', count: 'x' }, { id: 't2', count: 2 }] });
    const read = readVoteArchive(doc);
    expect(read.map((r) => r.id).sort()).toEqual(['odd', 'v1']);
    expect(read.find((r) => r.id === 'odd')).toMatchObject({ target: 'ideas', voters: 0, openedAt: null, options: [{ id: 't2', count: 2, label: '' }] });
  });
});
