import { describe, expect, it } from 'vitest';
import { notesToMount } from './mountOrder.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('notesToMount', () => {
  it('mounts everything when the board fits in the limit', () => {
    expect(notesToMount(ids, 6, () => false)).toBe(ids);
  });

  it('mounts every on-screen note first, then fills the limit in document order, keeping document order', () => {
    expect(notesToMount(ids, 3, (id) => id === 'e' || id === 'f')).toEqual(['a', 'e', 'f']);
  });

  it('mounts every on-screen note even beyond the limit', () => {
    expect(notesToMount(ids, 1, (id) => id !== 'a')).toEqual(['b', 'c', 'd', 'e', 'f']);
  });

  it('is document order when nothing is on screen', () => {
    expect(notesToMount(ids, 2, () => false)).toEqual(['a', 'b']);
  });
});
