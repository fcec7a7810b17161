// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { bindTextField, transformPosition } from './yTextBinding.js';

describe('transformPosition', () => {
  it('moves a caret after an insertion before it', () => {
    expect(transformPosition(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });
  it('pushes a caret when text is inserted exactly at it', () => {
    expect(transformPosition(5, [{ retain: 5 }, { insert: 'xy' }])).toBe(7);
  });
  it('leaves a caret before an insertion after it', () => {
    expect(transformPosition(2, [{ retain: 4 }, { insert: 'abc' }])).toBe(2);
  });
  it('pulls a caret back after a deletion before it', () => {
    expect(transformPosition(6, [{ retain: 1 }, { delete: 3 }])).toBe(3);
  });
  it('puts a caret inside a deleted range at the deletion point', () => {
    expect(transformPosition(4, [{ retain: 2 }, { delete: 5 }])).toBe(2);
  });
  it('handles several operations', () => {
    // "hello world", caret after "world" (11): insert "big " at 6, delete "hello" at 0
    expect(transformPosition(11, [{ delete: 5 }, { retain: 1 }, { insert: 'big ' }])).toBe(10);
  });
});

describe('bindTextField', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((f) => f());
    document.body.innerHTML = '';
  });

  function field(doc: Y.Doc, initial: string) {
    const text = doc.getText('t');
    if (initial) text.insert(0, initial);
    const element = document.createElement('textarea');
    document.body.append(element);
    const origin = { local: true };
    cleanups.push(bindTextField(element, text, { origin }));
    return { element, text, origin };
  }

  function type(element: HTMLTextAreaElement, value: string) {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('shows the shared text, and writes typing as one minimal splice with the local origin', () => {
    const doc = new Y.Doc();
    const { element, text, origin } = field(doc, 'Matériel obsolète');
    expect(element.value).toBe('Matériel obsolète');
    const deltas: unknown[] = [];
    const origins: unknown[] = [];
    text.observe((event, tr) => {
      deltas.push(event.delta);
      origins.push(tr.origin);
    });
    type(element, 'Matériel très obsolète');
    expect(text.toString()).toBe('Matériel très obsolète');
    expect(deltas).toEqual([[{ retain: 9 }, { insert: 'très ' }]]);
    expect(origins).toEqual([origin]);
  });

  it('keeps the caret where it was when someone else types before it', () => {
    const doc = new Y.Doc();
    const { element, text } = field(doc, 'comptes');
    element.focus();
    element.setSelectionRange(7, 7);
    text.insert(0, 'Multiplicité des ');
    expect(element.value).toBe('Multiplicité des comptes');
    expect(element.selectionStart).toBe(24);
    expect(element.selectionEnd).toBe(24);
  });

  it('keeps a selection through a remote change after it', () => {
    const doc = new Y.Doc();
    const { element, text } = field(doc, 'accès au droit');
    element.focus();
    element.setSelectionRange(0, 5);
    text.insert(14, ' commun');
    expect(element.value).toBe('accès au droit commun');
    expect([element.selectionStart, element.selectionEnd]).toEqual([0, 5]);
  });

  it('merges two people typing in the same note at the same time: nobody loses words', () => {
    const one = new Y.Doc();
    const two = new Y.Doc();
    const a = field(one, 'Accès');
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    const b = field(two, '');
    expect(b.element.value).toBe('Accès');
    // Both type before either sees the other's change, then the updates cross.
    a.element.focus();
    type(a.element, 'Accès aux droits');
    a.element.setSelectionRange(16, 16);
    type(b.element, 'Un accès');
    const fromOne = Y.encodeStateAsUpdate(one, Y.encodeStateVector(two));
    const fromTwo = Y.encodeStateAsUpdate(two, Y.encodeStateVector(one));
    Y.applyUpdate(two, fromOne);
    Y.applyUpdate(one, fromTwo);
    expect(a.element.value).toBe('Un accès aux droits');
    expect(b.element.value).toBe('Un accès aux droits');
    // The caret of the first person stays at the end of what they typed.
    expect(a.element.selectionStart).toBe(19);
  });

  it('stops following the text once unbound', () => {
    const doc = new Y.Doc();
    const { element, text } = field(doc, 'a');
    cleanups.splice(0).forEach((f) => f());
    text.insert(1, 'b');
    expect(element.value).toBe('a');
  });
});
