// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, editNoteText, moveNote, recolorNote } from '@concerto/board';

import { BoardStore } from './boardStore.js';
import { BoardStoreContext, useNote, useNoteIds } from './hooks.js';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const renders = new Map<string, number>();

function NoteProbe({ id }: { id: string }) {
  const note = useNote(id);
  renders.set(id, (renders.get(id) ?? 0) + 1);
  return <p data-id={id}>{note?.text}</p>;
}

function Board() {
  const ids = useNoteIds();
  renders.set('board', (renders.get('board') ?? 0) + 1);
  return <>{ids.map((id) => <NoteProbe key={id} id={id} />)}</>;
}

let root: Root | null = null;

function mount(store: BoardStore) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => {
    root?.render(
      <BoardStoreContext.Provider value={store}>
        <Board />
      </BoardStoreContext.Provider>,
    );
  });
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  renders.clear();
  document.body.innerHTML = '';
});

function board(count: number) {
  const doc = new Y.Doc();
  for (let i = 0; i < count; i++) createNote(doc, { id: `n${i}`, text: `note ${i}`, x: i * 10, y: 0, author: 'A', createdAt: i });
  return { doc, store: new BoardStore(doc) };
}

describe('useNote / useNoteIds', () => {
  it('re-renders only the note that changed among 1,000, not the board nor the other notes', () => {
    const { doc, store } = board(1000);
    const container = mount(store);
    expect(renders.get('board')).toBe(1);
    expect(renders.get('n7')).toBe(1);
    act(() => {
      editNoteText(doc, 'n7', 0, 0, '» ');
      moveNote(doc, 'n7', 999, 999);
    });
    expect(container.querySelector('[data-id="n7"]')?.textContent).toBe('» note 7');
    expect(renders.get('n7')).toBe(2);
    expect(renders.get('board')).toBe(1);
    const others = [...renders.entries()].filter(([id]) => id !== 'n7' && id !== 'board');
    expect(others.every(([, count]) => count === 1)).toBe(true);
  });

  it('re-renders the board only when a note is added or removed', () => {
    const { doc, store } = board(3);
    const container = mount(store);
    act(() => recolorNote(doc, 'n1', 'blue'));
    expect(renders.get('board')).toBe(1);
    act(() => {
      createNote(doc, { id: 'n9', text: 'nouvelle', x: 0, y: 0, author: 'B', createdAt: 100 });
    });
    expect(renders.get('board')).toBe(2);
    expect(container.querySelectorAll('p')).toHaveLength(4);
    act(() => {
      doc.getMap('notes').delete('n0');
    });
    expect(container.querySelectorAll('p')).toHaveLength(3);
  });

  it('a remote change from another replica renders only its note', () => {
    const { doc, store } = board(10);
    mount(store);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const before = new Map(renders);
    const update = (() => {
      const updates: Uint8Array[] = [];
      remote.on('update', (u: Uint8Array) => updates.push(u));
      editNoteText(remote, 'n3', 6, 0, ' bis');
      return Y.mergeUpdates(updates);
    })();
    act(() => Y.applyUpdate(doc, update, 'remote'));
    const changed = [...renders.entries()].filter(([id, count]) => before.get(id) !== count).map(([id]) => id);
    expect(changed).toEqual(['n3']);
  });
});
