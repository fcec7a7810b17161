import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { readControl } from './control.js';
import { createNote } from './notes.js';
import { listNotes } from './read.js';
import { axisCounts, axisIndexFor, readRotation, rotationPlan, roundContributions, visitedAxes } from './rotation.js';
import { getNotesMap } from './schema.js';

describe('rotating groups', () => {
  it('R31 in n rounds every group visits every axis once, and no two groups share a board', () => {
    for (const n of [1, 2, 3, 4, 7]) {
      const plan = rotationPlan(n, n);
      expect(plan).toHaveLength(n);
      for (let g = 0; g < n; g++) {
        const visits = plan.map((round) => round[g]);
        expect(new Set(visits).size).toBe(n);
      }
      for (const round of plan) expect(new Set(round).size).toBe(n);
    }
  });

  it('R31 group i is on axis (i + round − 1) mod n', () => {
    expect([1, 2, 3].map((round) => axisIndexFor(0, round, 3))).toEqual([0, 1, 2]);
    expect([1, 2, 3].map((round) => axisIndexFor(1, round, 3))).toEqual([1, 2, 0]);
    expect([1, 2, 3].map((round) => axisIndexFor(2, round, 3))).toEqual([2, 0, 1]);
    // more groups than axes: two groups on a board, still every axis for each
    expect(rotationPlan(4, 3)).toEqual([[0, 1, 2, 0], [1, 2, 0, 1], [2, 0, 1, 2]]);
    // nonsense in, an index out
    expect(axisIndexFor(1, 0, 3)).toBe(1);
    expect(axisIndexFor(1, 2, 0)).toBe(0);
  });

  it('R31 the visited axes grow with the rounds, without repeats', () => {
    expect(visitedAxes(2, 1, 3)).toEqual([2]);
    expect(visitedAxes(2, 2, 3)).toEqual([2, 0]);
    expect(visitedAxes(2, 3, 3)).toEqual([2, 0, 1]);
    expect(visitedAxes(0, 5, 2)).toEqual([0, 1]);
  });

  it('R30 a note records its round and group when given, and only then', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { x: 0, y: 0, author: 'Inès', round: 2, group: 'groupe-b' });
    const b = createNote(doc, { x: 0, y: 0, author: 'Hôte' });
    const map = getNotesMap(doc);
    expect((map.get(b) as Y.Map<unknown>).has('round')).toBe(false);
    expect((map.get(b) as Y.Map<unknown>).has('group')).toBe(false);
    const notes = listNotes(doc);
    expect(notes.find((n) => n.id === a)).toMatchObject({ round: 2, group: 'groupe-b' });
    expect(notes.find((n) => n.id === b)).not.toHaveProperty('round');
    expect(notes.find((n) => n.id === b)).not.toHaveProperty('group');
  });

  it('R30 a malformed origin reads as absent', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 0, y: 0, author: 'X' });
    const note = getNotesMap(doc).get(id) as Y.Map<unknown>;
    for (const [round, group] of [[0, ''], [1.5, 3], ['2', null], [-1, { a: 1 }]] as const) {
      note.set('round', round);
      note.set('group', group);
      expect(listNotes(doc)[0]).not.toHaveProperty('round');
      expect(listNotes(doc)[0]).not.toHaveProperty('group');
    }
  });

  it('R31 a round\'s contributions by group, in session order, notes without a group last', () => {
    const doc = new Y.Doc();
    createNote(doc, { x: 0, y: 0, author: 'a', text: 'B1', round: 1, group: 'groupe-b', createdAt: 1 });
    createNote(doc, { x: 0, y: 0, author: 'a', text: 'A1', round: 1, group: 'groupe-a', createdAt: 2 });
    createNote(doc, { x: 0, y: 0, author: 'a', text: 'A2', round: 1, group: 'groupe-a', createdAt: 3 });
    createNote(doc, { x: 0, y: 0, author: 'host', text: 'H', round: 1, createdAt: 4 });
    createNote(doc, { x: 0, y: 0, author: 'a', text: 'C2', round: 2, group: 'groupe-c', createdAt: 5 });
    const recap = roundContributions(listNotes(doc), 1, ['groupe-a', 'groupe-b', 'groupe-c']);
    expect(recap.map((c) => [c.group, c.notes.map((n) => n.text)])).toEqual([
      ['groupe-a', ['A1', 'A2']],
      ['groupe-b', ['B1']],
      [null, ['H']],
    ]);
    expect(roundContributions(listNotes(doc), 3)).toEqual([]);
  });

  it('the mirrored round state reads defensively', () => {
    expect(readRotation({ round: 2, rounds: 3, status: 'running' })).toEqual({ round: 2, rounds: 3, status: 'running' });
    expect(readRotation({ round: 5, rounds: 3, status: 'nope' })).toEqual({ round: 3, rounds: 3, status: 'waiting' });
    for (const bad of [null, [], 'x', { round: 0, rounds: 3 }, { round: 1 }, { round: 1.5, rounds: 2 }]) {
      expect(readRotation(bad)).toBeNull();
    }
    const doc = new Y.Doc();
    expect(readControl(doc).rotation).toBeNull();
    doc.getMap('control').set('rotation', { round: 1, rounds: 3, status: 'waiting' });
    expect(readControl(doc).rotation).toEqual({ round: 1, rounds: 3, status: 'waiting' });
  });

  it('the action-sheet phase: counts per axis, read defensively', () => {
    expect(axisCounts({ p1: 'axe-2', p2: 'axe-2', p3: 'axe-1', p4: 'gone' }, ['axe-1', 'axe-2', 'axe-3'])).toEqual({ 'axe-1': 1, 'axe-2': 2, 'axe-3': 0 });
    expect(readRotation({ round: 3, rounds: 3, status: 'ended', choosing: { counts: { 'axe-1': 2, bad: -1, worse: 'x' } } }))
      .toEqual({ round: 3, rounds: 3, status: 'ended', choosing: { counts: { 'axe-1': 2 } } });
    expect(readRotation({ round: 3, rounds: 3, status: 'ended', choosing: { counts: null } })?.choosing).toEqual({ counts: {} });
    expect(readRotation({ round: 3, rounds: 3, status: 'ended', choosing: 'yes' })).not.toHaveProperty('choosing');
  });
});
