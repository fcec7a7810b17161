import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Phase } from '@concerto/board';

import { useT } from '../i18n/index.js';
import type { NoteOrigin } from '../sync/actions.js';
import type { Room } from '../sync/useRoom.js';
import { useBeforeLeavingBoard } from '../rotation/leaving.js';
import { Drafts, draftPlacer, revealDrafts, zonedDraftPlacer } from './drafts.js';
import { occupiedRects } from './placement.js';

/**
 * The drafts document of this device for a group: kept in IndexedDB (a reload, or a closed
 * laptop, keeps what was written alone), never connected to the server.
 */
export function useDraftsDoc(
  sessionId: string,
  groupId: string,
  enabled: boolean,
  name: string,
  noteOrigin: NoteOrigin | null = null,
): { drafts: Drafts | null; loaded: boolean } {
  const [state, setState] = useState<{ drafts: Drafts | null; loaded: boolean }>({ drafts: null, loaded: false });
  const [live] = useState(() => ({ name, noteOrigin }));
  live.name = name;
  live.noteOrigin = noteOrigin;

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`concerto:drafts:${sessionId}/${groupId}`, doc);
    const drafts = new Drafts(doc, () => live.name, () => live.noteOrigin);
    let cancelled = false;
    setState({ drafts, loaded: false });
    void local.whenSynced.then(() => {
      if (!cancelled) setState({ drafts, loaded: true });
    });
    return () => {
      cancelled = true;
      drafts.destroy();
      void local.destroy();
      doc.destroy();
      setState({ drafts: null, loaded: false });
    };
  }, [sessionId, groupId, enabled, live]);

  return state;
}

/**
 * Follows the phase: during reflection new notes are drafts; once the facilitator reveals
 * (the phase leaves reflection, as the server says — never on the empty state a page starts
 * with), this device's drafts move into the shared document, once.
 */
export function useDraftPhase(options: {
  drafts: Drafts | null;
  loaded: boolean;
  room: Room;
  phase: Phase | null;
  /** the phase is the server's, not a guess */
  synced: boolean;
  readOnly: boolean;
  /** the group's document has been read from this device's copy or the server */
  roomLoaded: boolean;
  announce: (message: string) => void;
}): void {
  const { drafts, loaded, room, phase, synced, readOnly, roomLoaded, announce } = options;
  const t = useT();
  useEffect(() => {
    if (drafts === null) return;
    drafts.setActive(phase === 'reflection' && !readOnly);
    // A locked group would have the writes dropped by the server: wait until it can write.
    if (!loaded || !roomLoaded || !synced || phase === 'reflection' || readOnly) return;
    const count = revealInto(drafts, room);
    if (count > 0) announce(t('draft.revealed', { count }));
  }, [drafts, loaded, room, phase, synced, readOnly, roomLoaded, announce, t]);
  // A session by theme: a round change takes the group to another axis. The drafts written for
  // this one are revealed here as it leaves — they belong to this axis, and no page of this
  // device would show this board again to reveal them later.
  useBeforeLeavingBoard(() => {
    if (drafts !== null && loaded && !readOnly) revealInto(drafts, room);
  });
}

function revealInto(drafts: Drafts, room: Room): number {
  const self = room.doc.clientID;
  const present = [...room.presence.getPeers().map((peer) => peer.clientId), self].sort((a, b) => a - b);
  const zones = room.store.getZones();
  const place = zones.length > 0
    ? zonedDraftPlacer(zones, occupiedRects(room.store), present.indexOf(self))
    : draftPlacer(occupiedRects(room.store), present.indexOf(self));
  // Not the undo manager's origin: Ctrl+Z must not take back a reveal.
  return revealDrafts(drafts.doc, room.doc, { origin: { reveal: room.doc.clientID }, place });
}

/**
 * After a reveal every device shows the whole board once (« Tout afficher »): the notes just
 * revealed land in zones, often outside the view. Only on the live change, not on a reload.
 */
export function useFitAfterReveal(phase: Phase | null, synced: boolean, fit: () => void): void {
  const previous = useRef<Phase | null | undefined>(undefined);
  useEffect(() => {
    if (!synced) return;
    const before = previous.current;
    previous.current = phase;
    if (before !== 'reflection' || phase === 'reflection') return;
    // Time for everyone's drafts to arrive.
    const timer = setTimeout(fit, 1500);
    return () => clearTimeout(timer);
  }, [phase, synced, fit]);
}

const inactive = () => false;
const noSubscribe = () => () => {};

/** Whether new notes are drafts right now. */
export function useDrafting(drafts: Drafts | null): boolean {
  return useSyncExternalStore(drafts?.subscribe ?? noSubscribe, drafts?.isActive ?? inactive);
}
