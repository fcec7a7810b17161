import { createContext, useContext } from 'react';
import type { SessionDescription } from '@concerto/contract';

import type { Room } from '../sync/useRoom.js';
import type { Drafts } from './drafts.js';
import type { LocalDragStore } from './localDrag.js';
import type { ViewportStore } from './viewport.js';

/**
 * Why the canvas cannot be written: a projector's view, another group's canvas, a group
 * locked by the facilitator, or a closed session.
 */
export type ReadOnlyReason = 'projector' | 'locked' | 'other-group' | 'closed' | null;

/** Everything the canvas components share; stable for the life of the room. */
export interface CanvasContextValue {
  room: Room;
  session: SessionDescription;
  groupId: string;
  groupName: string;
  token: string;
  readOnly: boolean;
  readOnlyReason: ReadOnlyReason;
  viewport: ViewportStore;
  localDrag: LocalDragStore;
  /** this device's drafts (reflection phase); null where this person cannot write */
  drafts: Drafts | null;
  /** says something to screen readers (polite live region) */
  announce: (message: string) => void;
  /** a short visible message, with « Annuler » when the change can be undone */
  toast: (message: string, undoable: boolean) => void;
  /** a note was created here: its card opens its editor when it mounts */
  pendingEdit: { current: string | null };
  /** a cluster was created here: its label field takes the focus when it mounts */
  pendingLabel: { current: string | null };
  /** opens a key idea's action sheet (« fiche action »), creating it first when it has none and this person can write */
  showSheet: (keyIdeaId: string) => void;
  /** the zone the arrival view shows, when the phase is about one (boardBounds.ts); null: the board's content */
  arrivalZone: string | null;
}

export const CanvasContext = createContext<CanvasContextValue | null>(null);

export function useCanvas(): CanvasContextValue {
  const value = useContext(CanvasContext);
  if (value === null) throw new Error('useCanvas needs a CanvasContext provider');
  return value;
}
