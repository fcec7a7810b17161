import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { KeyIdea, Zone } from '@concerto/board';

import type { BoardStore, ClusterView, NoteView } from './boardStore.js';

export const BoardStoreContext = createContext<BoardStore | null>(null);

export function useBoardStore(): BoardStore {
  const store = useContext(BoardStoreContext);
  if (store === null) throw new Error('useBoardStore needs a BoardStoreContext provider');
  return store;
}

/** One note; re-renders only when that note changes. */
export function useNote(id: string): NoteView | undefined {
  const store = useBoardStore();
  const subscribe = useCallback((listener: () => void) => store.subscribeNote(id, listener), [store, id]);
  const get = useCallback(() => store.getNote(id), [store, id]);
  return useSyncExternalStore(subscribe, get);
}

/** Ids of every note, oldest first; changes only when a note is added or deleted. */
export function useNoteIds(): readonly string[] {
  const store = useBoardStore();
  return useSyncExternalStore(store.subscribeNoteIds, store.getNoteIds);
}

export function useClusterIds(): readonly string[] {
  const store = useBoardStore();
  return useSyncExternalStore(store.subscribeClusterIds, store.getClusterIds);
}

export function useCluster(id: string | null): ClusterView | undefined {
  const store = useBoardStore();
  const subscribe = useCallback(
    (listener: () => void) => (id === null ? () => {} : store.subscribeCluster(id, listener)),
    [store, id],
  );
  const get = useCallback(() => (id === null ? undefined : store.getCluster(id)), [store, id]);
  return useSyncExternalStore(subscribe, get);
}

/** Clusters as a list (for menus): re-renders when a cluster is added, removed or renamed. */
export function useClusters(): ClusterView[] {
  const store = useBoardStore();
  const ids = useClusterIds();
  // The labels matter to menus; they are few, so reading them on render is cheap.
  return ids.map((id) => store.getCluster(id)).filter((c): c is ClusterView => c !== undefined);
}

/** The board's zones in board order (packages/board R25); empty on a « Libre » board. */
export function useZones(): readonly Zone[] {
  const store = useBoardStore();
  return useSyncExternalStore(store.subscribeZones, store.getZones);
}

/** Every valid key idea, in document order (including any past the limit). */
export function useKeyIdeas(): readonly KeyIdea[] {
  const store = useBoardStore();
  return useSyncExternalStore(store.subscribeKeyIdeas, store.getKeyIdeas);
}
