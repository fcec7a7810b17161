import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** Whether this person has something to undo or redo (only their own changes are tracked). */
export function useUndoState(undo: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const subscribe = useCallback((listener: () => void) => {
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    events.forEach((name) => undo.on(name, listener));
    return () => events.forEach((name) => undo.off(name, listener));
  }, [undo]);
  const canUndo = useSyncExternalStore(subscribe, () => undo.canUndo());
  const canRedo = useSyncExternalStore(subscribe, () => undo.canRedo());
  return { canUndo, canRedo };
}
