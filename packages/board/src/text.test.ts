import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { diffText, replaceText } from './text.js';

function apply(before: string, after: string): string {
  const { index, deleteCount, insert } = diffText(before, after);
  return before.slice(0, index) + insert + before.slice(index + deleteCount);
}

describe('R4 diffText finds the smallest single splice', () => {
  it.each([
    ['', ''],
    ['', 'abc'],
    ['abc', ''],
    ['abc', 'abc'],
    ['Hello world', 'Hello brave world'],
    ['Hello world', 'Hello'],
    ['aaaa', 'aa'],
    ['abcabc', 'abc'],
    ['😀', '😁'],
    ['a😀b', 'a😁b'],
    ['x😀', 'x😀😀'],
    ['🎉 fête', '🎊 fête'],
  ])('%j → %j', (before, after) => {
    expect(apply(before, after)).toBe(after);
  });

  it('keeps the common prefix and suffix', () => {
    expect(diffText('Hello world', 'Hello brave world')).toEqual({ index: 6, deleteCount: 0, insert: 'brave ' });
    expect(diffText('abc', 'abc')).toEqual({ index: 3, deleteCount: 0, insert: '' });
  });

  it('never cuts a surrogate pair', () => {
    // 😀 is \ud83d\ude00 and 😁 is \ud83d\ude01: same high half, which must not be kept alone.
    expect(diffText('😀', '😁')).toEqual({ index: 0, deleteCount: 2, insert: '😁' });
    // 🎉 is \ud83c\udf89 and 🎊 is \ud83c\udf8a.
    expect(diffText('a🎉', 'a🎊')).toEqual({ index: 1, deleteCount: 2, insert: '🎊' });
    // same low half, different high halves
    expect(diffText('\ud83d\ude00', '\ud83e\ude00')).toEqual({ index: 0, deleteCount: 2, insert: '\ud83e\ude00' });
  });
});

describe('replaceText', () => {
  it('turns a Y.Text into the target text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (const next of ['', 'abc', 'a😀c', 'a😁c', 'zzz', '']) {
      replaceText(text, next);
      expect(text.toString()).toBe(next);
    }
  });
});
