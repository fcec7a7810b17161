import { describe, expect, it } from 'vitest';

import { addGroup, defaultGroups, groupsProblem, mergedName, mergeGroups, nextGroupName, removeGroup, renameGroup } from './groupsEditing.js';

const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe('preparing the groups of a session', () => {
  it('starts with Groupe 1 to 9 and the main room', () => {
    expect(names(defaultGroups())).toEqual([
      'Groupe 1', 'Groupe 2', 'Groupe 3', 'Groupe 4', 'Groupe 5', 'Groupe 6', 'Groupe 7', 'Groupe 8', 'Groupe 9', 'Salle principale',
    ]);
  });

  it('renames one group, keeping its place and key', () => {
    const rows = defaultGroups();
    const renamed = renameGroup(rows, rows[2]!.key, 'Accès au matériel');
    expect(renamed[2]).toEqual({ key: rows[2]!.key, name: 'Accès au matériel' });
    expect(names(renamed).filter((n) => n.startsWith('Groupe'))).toHaveLength(8);
  });

  it('adds « Groupe 10 » before the main room', () => {
    const rows = defaultGroups();
    const name = nextGroupName(rows);
    expect(name).toBe('Groupe 10');
    expect(names(addGroup(rows, name)).slice(-2)).toEqual(['Groupe 10', 'Salle principale']);
    expect(names(addGroup([{ key: 'x', name: 'Atelier' }], 'Groupe 1'))).toEqual(['Atelier', 'Groupe 1']);
  });

  it('follows the word the list uses, whatever the page language', () => {
    expect(nextGroupName(defaultGroups(), 'Group')).toBe('Groupe 10');
    expect(nextGroupName([{ key: 'a', name: 'Group 1' }], 'Groupe')).toBe('Group 2');
    expect(nextGroupName([{ key: 'a', name: 'Atelier' }], 'Group')).toBe('Group 1');
  });

  it('reuses the first free number', () => {
    const rows = defaultGroups();
    expect(nextGroupName(removeGroup(rows, rows[3]!.key))).toBe('Groupe 4');
  });

  it('never removes the last group', () => {
    const one = [{ key: 'a', name: 'Groupe 1' }];
    expect(removeGroup(one, 'a')).toEqual(one);
  });

  it('merges two groups that share one canvas into « Groupes 6 et 7 », in the place of the first', () => {
    const rows = defaultGroups();
    const merged = mergeGroups(rows, rows[6]!.key, rows[5]!.key);
    expect(names(merged)).toEqual([
      'Groupe 1', 'Groupe 2', 'Groupe 3', 'Groupe 4', 'Groupe 5', 'Groupes 6 et 7', 'Groupe 8', 'Groupe 9', 'Salle principale',
    ]);
    expect(merged[5]!.key).toBe(rows[5]!.key);
    const three = mergeGroups(merged, merged[5]!.key, merged[6]!.key);
    expect(three[5]!.name).toBe('Groupes 6, 7 et 8');
  });

  it('names other merges after both groups, in the page language', () => {
    expect(mergedName('Salle principale', 'Groupe 2')).toBe('Salle principale et Groupe 2');
    expect(mergedName('Group 1', 'Group 2', 'en')).toBe('Groups 1 and 2');
    expect(mergedName('Groupe 3', 'Groupe 3')).toBe('Groupe 3');
  });

  it('changes nothing when a group is merged with itself or an unknown one', () => {
    const rows = defaultGroups();
    expect(mergeGroups(rows, rows[0]!.key, rows[0]!.key)).toEqual(rows);
    expect(mergeGroups(rows, rows[0]!.key, 'nope')).toEqual(rows);
  });

  it('says what would stop the session from being created', () => {
    const rows = defaultGroups();
    expect(groupsProblem(rows).problem).toBe('none');
    expect(groupsProblem(renameGroup(rows, rows[1]!.key, '  '))).toEqual({ problem: 'empty-name', key: rows[1]!.key });
    expect(groupsProblem(renameGroup(rows, rows[1]!.key, 'groupe 1'))).toEqual({ problem: 'duplicate', key: rows[1]!.key });
    expect(groupsProblem(renameGroup(rows, rows[1]!.key, 'x'.repeat(81))).problem).toBe('too-long');
  });
});
