import { createContext, useContext } from 'react';
import type { SessionDescription } from '@concerto/contract';

import type { PlenaryStore, PlenaryView } from '../sync/plenaryStore.js';
import type { PlenaryActions } from './actions.js';
import type { Ballot } from './vote/useBallot.js';

/** What every part of the plenary page shares: who is looking, the live view, and what they may do. */
export interface PlenaryContextValue {
  session: SessionDescription;
  token: string;
  store: PlenaryStore;
  view: PlenaryView;
  /** the facilitator's writes; null for everyone else, and while the room is not synced */
  actions: PlenaryActions | null;
  /** this device's dots in the current vote; null when it cannot vote (projector, no vote) */
  ballot: Ballot | null;
  /** says a message to screen readers (a polite live region) */
  announce: (message: string) => void;
}

export const PlenaryContext = createContext<PlenaryContextValue | null>(null);

export function usePlenary(): PlenaryContextValue {
  const value = useContext(PlenaryContext);
  if (value === null) throw new Error('usePlenary outside the plenary page');
  return value;
}
