import { describe, expect, it } from 'vitest';

import { dropToken, elsewhereOf, forgetSession, keepToken, keptToken, slotOrder } from './links.js';
import type { KeyValueStorage } from './links.js';

function memory(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const participant = (groupId: string) => ({ role: 'participant' as const, groupId });
const facilitator = { role: 'facilitator' as const, groupId: null };
const projector = { role: 'projector' as const, groupId: null };

describe('links kept on the device', () => {
  it('reopen the page they were opened for, per session', () => {
    const device = memory();
    const tab = memory();
    keepToken('s1', participant('g3'), 'T3', device);
    keepToken('s2', participant('g1'), 'OTHER', device);
    expect(keptToken('s1', { page: 'group', groupId: 'g3' }, device, tab)).toBe('T3');
    // the plenary opens with a group's token; another session's token is never offered
    expect(keptToken('s1', { page: 'plenary' }, device, tab)).toBe('T3');
    expect(keptToken('s3', { page: 'plenary' }, device, tab)).toBeNull();
  });

  it('prefer the place’s own token, then the facilitator’s', () => {
    expect(slotOrder({ page: 'group', groupId: 'g1' }, ['projector', 'group:g2', 'facilitator', 'group:g1'])).toEqual(['group:g1', 'facilitator', 'group:g2', 'projector']);
    expect(slotOrder({ page: 'facilitate' }, ['group:g2', 'projector', 'facilitator'])).toEqual(['facilitator', 'group:g2', 'projector']);
    expect(slotOrder({ page: 'projection' }, ['group:g2', 'facilitator', 'projector'])).toEqual(['projector', 'facilitator', 'group:g2']);
  });

  it('the tab’s own link comes first; a refused token and a forgotten session are gone', () => {
    const device = memory();
    const tab = memory();
    keepToken('s1', facilitator, 'F', device);
    keepToken('s1', projector, 'P', device);
    tab.setItem('concerto:token:s1:plenary', 'FROM-LINK');
    expect(keptToken('s1', { page: 'plenary' }, device, tab)).toBe('FROM-LINK');
    dropToken('s1', 'FROM-LINK', device, tab);
    expect(keptToken('s1', { page: 'plenary' }, device, tab)).toBe('F');
    forgetSession('s1', device, tab);
    expect(keptToken('s1', { page: 'plenary' }, device, tab)).toBeNull();
    expect(device.map.size).toBe(0);
  });

  it('tolerate a storage that refuses', () => {
    const broken = { ...memory(), getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(() => keepToken('s1', facilitator, 'F', broken)).not.toThrow();
    expect(keptToken('s1', { page: 'facilitate' }, broken, broken)).toBeNull();
  });
});

describe('a token on the wrong page', () => {
  it('says where a participant’s link leads, and lets the facilitator and projector in', () => {
    expect(elsewhereOf({ page: 'group', groupId: 'g1' }, participant('g3'))).toEqual({ page: 'group', groupId: 'g3' });
    expect(elsewhereOf({ page: 'facilitate' }, participant('g3'))).toEqual({ page: 'group', groupId: 'g3' });
    expect(elsewhereOf({ page: 'facilitate' }, projector)).toEqual({ page: 'projection' });
    expect(elsewhereOf({ page: 'group', groupId: 'g3' }, participant('g3'))).toBeNull();
    expect(elsewhereOf({ page: 'group', groupId: 'g1' }, facilitator)).toBeNull();
    expect(elsewhereOf({ page: 'plenary' }, participant('g3'))).toBeNull();
  });
});
