import { useCallback, useSyncExternalStore } from 'react';

import { sheetFieldKey } from './presence.js';
import type { NotePresence, Peer, PresenceStore, RemoteCursor } from './presence.js';

export function usePeers(presence: PresenceStore): readonly Peer[] {
  const subscribe = useCallback((listener: () => void) => presence.subscribe('peers', listener), [presence]);
  return useSyncExternalStore(subscribe, presence.getPeers);
}

export function useCursors(presence: PresenceStore, enabled: boolean): readonly RemoteCursor[] {
  const subscribe = useCallback(
    (listener: () => void) => (enabled ? presence.subscribe('cursors', listener) : () => {}),
    [presence, enabled],
  );
  const cursors = useSyncExternalStore(subscribe, presence.getCursors);
  return enabled ? cursors : NONE;
}

const NONE: readonly RemoteCursor[] = [];

/** Who else drags or edits this note; re-renders only for this note. */
export function useNotePresence(presence: PresenceStore, noteId: string): NotePresence {
  const subscribe = useCallback((listener: () => void) => presence.subscribe(`note:${noteId}`, listener), [presence, noteId]);
  const get = useCallback(() => presence.getNote(noteId), [presence, noteId]);
  return useSyncExternalStore(subscribe, get);
}

/** Who else writes in this action sheet field; re-renders only for this field. */
export function useSheetFieldWriters(presence: PresenceStore, keyIdeaId: string, fieldId: string): readonly string[] {
  const key = sheetFieldKey(keyIdeaId, fieldId);
  const subscribe = useCallback((listener: () => void) => presence.subscribe(`sheet:${key}`, listener), [presence, key]);
  const get = useCallback(() => presence.getSheetField(key), [presence, key]);
  return useSyncExternalStore(subscribe, get);
}
