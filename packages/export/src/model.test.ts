import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { castVote, createCluster, createNote, initBoard, initPlenary, markKeyIdea, pushKeyIdeas, setControl, setIdeaFlags } from '@concerto/board';
import { buildSampleSession } from './fixtures/sampleSession.js';
import { buildReport } from './index.js';
import type { SessionContent } from './index.js';
import { readVotes } from './votes.js';

const session = (groups: { id: string; name: string }[], settings: Record<string, unknown> = {}) => ({
  id: 's', title: '  Séance\n de test ', questions: ['Q1', '  '], keyIdeaLimit: 2, groups, createdAt: Date.UTC(2024, 8, 18, 22, 30), settings,
});

describe('buildReport', () => {
  it('counts participants as distinct note authors, and every note', () => {
    const report = buildReport(buildSampleSession({ groups: 4, notesPerGroup: 10 }));
    expect(report.stats.notes).toBe(40);
    expect(report.stats.participants).toBeGreaterThan(5);
    expect(report.stats.participants).toBeLessThanOrEqual(40);
    expect(report.groups.map((g) => g.keyIdeas.length)).toEqual([2, 2, 2, 2]);
  });

  it('keeps only the key ideas that count, marks their sources, and orders notes as read on the board', () => {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'g', name: 'G' });
    const cluster = createCluster(doc, { id: 'c', label: 'Mobilité', x: 0, y: 0 });
    createNote(doc, { id: 'b', text: 'en bas', x: 16, y: 300, author: 'Ana', cluster });
    createNote(doc, { id: 'a', text: 'en haut à droite', x: 300, y: 60, author: 'ana', cluster });
    createNote(doc, { id: 'a0', text: 'en haut à gauche', x: 16, y: 70, author: ' Bo ', cluster });
    createNote(doc, { id: 'free', text: 'libre', x: 900, y: 0, author: '' });
    markKeyIdea(doc, { noteId: 'free' }, 5);
    markKeyIdea(doc, { clusterId: cluster }, 5);
    markKeyIdea(doc, { text: 'au-delà de la limite' }, 5);
    const content: SessionContent = { session: session([{ id: 'g', name: 'G' }]), rooms: { g: Y.encodeStateAsUpdate(doc) } };
    const report = buildReport(content);
    const group = report.groups[0]!;
    expect(group.clusters[0]!.notes.map((n) => n.id)).toEqual(['a0', 'a', 'b']);
    expect(group.clusters[0]!.keyIdea).toBe(true);
    expect(group.unclustered[0]!.keyIdea).toBe(true);
    expect(group.keyIdeas.map((k) => k.text)).toEqual(['libre', 'Mobilité']);
    expect(report.stats.participants).toBe(2); // Ana = ana, Bo; empty authors do not count
    expect(report.title).toBe('Séance de test');
    expect(report.questions).toEqual(['Q1']);
  });

  it('dates the session by its date setting, else by its creation day in Paris', () => {
    expect(buildReport({ session: session([{ id: 'g', name: 'G' }], { date: '2024-10-01' }), rooms: {} }).dayLabel).toBe('1er octobre 2024');
    // 22:30 UTC on 18 September is already the 19th in Paris
    expect(buildReport({ session: session([{ id: 'g', name: 'G' }]), rooms: {} }).day).toBe('2024-09-19');
  });

  it('reads missing and undecodable rooms as empty boards', () => {
    const report = buildReport({ session: session([{ id: 'g', name: 'G' }, { id: 'h', name: 'H' }]), rooms: { h: new Uint8Array([1, 2, 3, 250]) } });
    expect(report.groups.map((g) => g.noteCount)).toEqual([0, 0]);
    expect(report.plenary.shared).toEqual([]);
  });

  it('places plenary ideas in themes, with their group, and lists the groups that did not share', () => {
    const report = buildReport(buildSampleSession({ groups: 10, notesPerGroup: 8 }));
    expect(report.plenary.themes.map((t) => t.label)).toEqual(['Garder un accès humain', 'Simplifier les démarches et l’authentification', 'Équiper, connecter, former']);
    expect(report.plenary.themes[0]!.ideas[0]).toMatchObject({ groupName: 'Groupe 1', votes: null });
    expect(report.plenary.silent.map((g) => g.name)).toEqual(['Salle principale']);
    expect(report.plenary.vote).toBeNull();
  });
});

describe('votes', () => {
  it('counts the last dot vote with the board\'s reader: only the first dots of each ballot', () => {
    const doc = new Y.Doc();
    initPlenary(doc);
    pushKeyIdeas(doc, { groupId: 'g', name: 'G', pushedAt: 1, keyIdeas: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] });
    setControl(doc, 'vote', { id: 'v', open: true, votesPerParticipant: 2, target: 'ideas', openedAt: 1, closedAt: null });
    castVote(doc, 'v', 'p1', 'g:a', 2);
    castVote(doc, 'v', 'p1', 'g:a', 2);
    castVote(doc, 'v', 'p2', 'g:b', 2);
    // a ballot that overshot (concurrent writes): its third dot does not count
    const ballot = (doc.getMap('votes').get('v') as Y.Map<Y.Array<string>>).get('p2')!;
    ballot.push(['g:b', 'g:b']);
    const tally = readVotes(doc)!;
    expect(Object.fromEntries(tally.counts)).toEqual({ 'g:a': 2, 'g:b': 2 });
    expect(tally).toMatchObject({ target: 'ideas', voters: 2, open: true });
    const report = buildReport({ session: session([{ id: 'g', name: 'G' }]), rooms: { plenary: Y.encodeStateAsUpdate(doc) } });
    expect(report.plenary.unthemed.map((i) => i.votes)).toEqual([2, 2]);
    expect(report.plenary.unthemed.map((i) => i.hidden)).toEqual([false, false]);
  });

  it('keeps the facilitator\'s marks on ideas (hidden from projection, put forward)', () => {
    const doc = new Y.Doc();
    initPlenary(doc);
    pushKeyIdeas(doc, { groupId: 'g', name: 'G', pushedAt: 1, keyIdeas: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] });
    setIdeaFlags(doc, 'g:a', { hidden: true });
    setIdeaFlags(doc, 'g:b', { highlighted: true });
    const report = buildReport({ session: session([{ id: 'g', name: 'G' }]), rooms: { plenary: Y.encodeStateAsUpdate(doc) } });
    expect(report.plenary.unthemed.map((i) => [i.hidden, i.highlighted])).toEqual([[true, false], [false, true]]);
  });

  it('shows idea votes on ideas, none on themes', () => {
    const report = buildReport(buildSampleSession({ groups: 3, notesPerGroup: 6, votes: true }));
    expect(report.plenary.vote).toMatchObject({ target: 'ideas', voters: 30, votesPerParticipant: 3 });
    expect(report.plenary.themes.every((t) => t.votes === null)).toBe(true);
    const total = [...report.plenary.themes.flatMap((t) => t.ideas), ...report.plenary.unthemed].reduce((sum, i) => sum + (i.votes ?? 0), 0);
    // dots on the main room's ideas count in the tally, but it never shared them
    expect(total).toBeGreaterThan(50);
    expect(total).toBeLessThanOrEqual(90);
  });

  it('is absent without a vote, or when the control map is garbage', () => {
    expect(readVotes(new Y.Doc())).toBeNull();
    const odd = new Y.Doc();
    odd.getMap('control').set('vote', 'oui');
    odd.getMap('votes').set('x', 3);
    expect(readVotes(odd)).toBeNull();
  });
});
