import { describe, expect, it } from 'vitest';
import type { SessionDescription } from '@concerto/contract';

import { groupInSentence, roundStateOf, rotatingGroupName, visitOf } from './rotation.js';
import { shortAxisName } from './RoundsPanel.js';

const session = {
  groups: [{ id: 'axe-1', name: 'Axe 1' }, { id: 'axe-2', name: 'Axe 2' }, { id: 'axe-3', name: 'Axe 3' }],
  rotation: { groups: [{ id: 'groupe-a', name: 'Groupe A' }, { id: 'groupe-b', name: 'Groupe B' }], round: 1, rounds: 3, status: 'waiting' },
} as unknown as SessionDescription;

describe('a rotating group\'s place', () => {
  it('follows the live round once synced, the session\'s word before', () => {
    expect(roundStateOf(session, { round: 2, rounds: 3, status: 'running' }, false)).toEqual({ round: 1, rounds: 3, status: 'waiting' });
    expect(roundStateOf(session, { round: 2, rounds: 3, status: 'running' }, true)).toEqual({ round: 2, rounds: 3, status: 'running' });
    expect(roundStateOf(session, null, true)).toEqual({ round: 1, rounds: 3, status: 'waiting' });
    expect(roundStateOf({ ...session, rotation: null }, { round: 2, rounds: 3, status: 'running' }, true)).toBeNull();
  });

  it('is the board of (index + round − 1) mod n', () => {
    const at = (groupId: string, round: number) => visitOf(session, groupId, { round, rounds: 3, status: 'running' })?.board.id;
    expect([1, 2, 3].map((r) => at('groupe-a', r))).toEqual(['axe-1', 'axe-2', 'axe-3']);
    expect([1, 2, 3].map((r) => at('groupe-b', r))).toEqual(['axe-2', 'axe-3', 'axe-1']);
    expect(at('axe-1', 1)).toBeUndefined();
  });

  it('names groups in sentences', () => {
    expect(rotatingGroupName(session, 'groupe-b')).toBe('Groupe B');
    expect(rotatingGroupName(session, 'inconnu')).toBe('inconnu');
    expect(groupInSentence('Groupe B', 'fr')).toBe('le groupe B');
    expect(groupInSentence('Les bleus', 'fr')).toBe('Les bleus');
    expect(groupInSentence('Groupe B', 'en')).toBe('Groupe B');
    expect(shortAxisName('Axe 1 – Équiper et accompagner les publics')).toBe('Axe 1');
    expect(shortAxisName('Axe 2 - Former')).toBe('Axe 2');
    expect(shortAxisName('Mobilité')).toBe('Mobilité');
  });
});
