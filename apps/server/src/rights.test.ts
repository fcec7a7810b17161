import { describe, expect, it } from 'vitest';
import { canPush, roomAccess } from './rights.js';

const policy = { groupIds: ['groupe-1', 'groupe-2'] };
const at = (role: 'facilitator' | 'participant' | 'projector', groupId: string | null = null) => ({ sessionId: 's', role, groupId, expiresAt: 0 });

describe('room access', () => {
  it('follows the roles table', () => {
    expect(roomAccess(at('facilitator'), policy, 'groupe-2')).toBe('write');
    expect(roomAccess(at('facilitator'), policy, 'plenary')).toBe('write');
    expect(roomAccess(at('participant', 'groupe-1'), policy, 'groupe-1')).toBe('write');
    expect(roomAccess(at('participant', 'groupe-1'), policy, 'groupe-2')).toBe('none');
    expect(roomAccess(at('participant', 'groupe-1'), policy, 'plenary')).toBe('read');
    expect(roomAccess(at('projector'), policy, 'groupe-1')).toBe('read');
    expect(roomAccess(at('facilitator'), policy, 'groupe-3')).toBe('none');
  });

  it('lets participants read a group the facilitator opened, and locks rooms for all but the facilitator', () => {
    expect(roomAccess(at('participant', 'groupe-1'), { ...policy, openGroupIds: ['groupe-2'] }, 'groupe-2')).toBe('read');
    const locked = { ...policy, lockedRooms: ['groupe-1'] };
    expect(roomAccess(at('participant', 'groupe-1'), locked, 'groupe-1')).toBe('read');
    expect(roomAccess(at('facilitator'), locked, 'groupe-1')).toBe('write');
  });

  it('lets a group or the facilitator push, nobody else', () => {
    expect(canPush(at('participant', 'groupe-1'), 'groupe-1')).toBe(true);
    expect(canPush(at('participant', 'groupe-1'), 'groupe-2')).toBe(false);
    expect(canPush(at('facilitator'), 'groupe-2')).toBe(true);
    expect(canPush(at('projector'), 'groupe-2')).toBe(false);
  });
});

describe('rotating groups (issue 11 §2)', () => {
  const axes = { groupIds: ['axe-1', 'axe-2', 'axe-3'] };
  const rotation = (round: number) => ({ ...axes, rotation: { groupIds: ['groupe-a', 'groupe-b', 'groupe-c'], round } });

  it('a group writes on its round\'s board and keeps the boards it visited, no other', () => {
    const b = at('participant', 'groupe-b');
    expect(['axe-1', 'axe-2', 'axe-3'].map((room) => roomAccess(b, rotation(1), room))).toEqual(['none', 'write', 'none']);
    expect(['axe-1', 'axe-2', 'axe-3'].map((room) => roomAccess(b, rotation(2), room))).toEqual(['none', 'write', 'write']);
    expect(['axe-1', 'axe-2', 'axe-3'].map((room) => roomAccess(b, rotation(3), room))).toEqual(['write', 'write', 'write']);
    expect(roomAccess(b, rotation(2), 'plenary')).toBe('read');
  });

  it('a board host keeps its own board, locks and closing still bind rotating groups', () => {
    expect(roomAccess(at('participant', 'axe-2'), rotation(3), 'axe-2')).toBe('write');
    expect(roomAccess(at('participant', 'axe-2'), rotation(3), 'axe-1')).toBe('none');
    expect(roomAccess(at('participant', 'groupe-a'), { ...rotation(1), lockedRooms: ['axe-1'] }, 'axe-1')).toBe('read');
    expect(roomAccess(at('participant', 'groupe-a'), { ...rotation(1), closed: true }, 'axe-1')).toBe('read');
    // a group the session does not have gets nothing
    expect(roomAccess(at('participant', 'groupe-z'), rotation(3), 'axe-1')).toBe('none');
  });

  it('a rotating group shares the key ideas of its round\'s board only', () => {
    const b = at('participant', 'groupe-b');
    expect(['axe-1', 'axe-2', 'axe-3'].map((room) => canPush(b, room, rotation(2)))).toEqual([false, false, true]);
    expect(canPush(b, 'axe-3')).toBe(false);
    expect(canPush(at('participant', 'axe-1'), 'axe-1', rotation(2))).toBe(true);
  });

  it('in the action-sheet phase a rotating group\'s link writes on the axis its person chose, nowhere else', () => {
    const choosing = { ...axes, rotation: { groupIds: ['groupe-a', 'groupe-b', 'groupe-c'], round: 3, choices: { 'ines-123456': 'axe-3' } } };
    const ines = { ...at('participant', 'groupe-a'), person: 'ines-123456' };
    expect(['axe-1', 'axe-2', 'axe-3', 'plenary'].map((room) => roomAccess(ines, choosing, room))).toEqual(['none', 'none', 'write', 'read']);
    // no person, or one who has not chosen: no board (the rounds' rights are over)
    expect(roomAccess(at('participant', 'groupe-a'), choosing, 'axe-3')).toBe('none');
    expect(roomAccess({ ...ines, person: 'paul-123456' }, choosing, 'axe-3')).toBe('none');
    // locks and closing bind; a board host keeps its board; an opened group is readable
    expect(roomAccess(ines, { ...choosing, lockedRooms: ['axe-3'] }, 'axe-3')).toBe('read');
    expect(roomAccess(ines, { ...choosing, closed: true }, 'axe-3')).toBe('read');
    expect(roomAccess(at('participant', 'axe-1'), choosing, 'axe-1')).toBe('write');
    expect(roomAccess(ines, { ...choosing, openGroupIds: ['axe-1'] }, 'axe-1')).toBe('read');
  });
});
