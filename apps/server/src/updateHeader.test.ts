import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNote } from '@concerto/board';
import { singleWriter } from './updateHeader.js';

describe('singleWriter', () => {
  it('R1 reads the one client and first clock of a client\'s own edit', () => {
    const doc = new Y.Doc();
    doc.clientID = 4242;
    createNote(doc, { id: 'n', text: 'a', x: 0, y: 0, author: 'a' });
    const before = Y.encodeStateVector(doc);
    const clock = Y.getState(doc.store, 4242);
    createNote(doc, { id: 'm', text: 'b', x: 0, y: 0, author: 'a' });
    expect(singleWriter(Y.encodeStateAsUpdate(doc, before))).toEqual({ client: 4242, clock });
  });

  it('R1 says null for several writers, deletions only, and bytes that are not an update', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createNote(a, { id: 'n', text: 'a', x: 0, y: 0, author: 'a' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    createNote(b, { id: 'm', text: 'b', x: 0, y: 0, author: 'b' });
    expect(singleWriter(Y.encodeStateAsUpdate(b))).toBeNull();
    const before = Y.encodeStateVector(b);
    deleteNote(b, 'n');
    expect(singleWriter(Y.encodeStateAsUpdate(b, before))).toBeNull();
    expect(singleWriter(new Uint8Array([1, 0x80]))).toBeNull();
  });
});
