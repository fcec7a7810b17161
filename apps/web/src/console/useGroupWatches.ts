import { useEffect, useState, useSyncExternalStore } from 'react';
import type { GroupDescription } from '@concerto/contract';

import { defaultWsBase } from '../sync/useRoom.js';
import { GroupWatch } from './groupWatch.js';
import type { GroupSummary } from './groupWatch.js';

/** One watch per group of the session, opened with the console and closed with it. */
export function useGroupWatches(sessionId: string, token: string, groups: readonly GroupDescription[], keyIdeaLimit: number): ReadonlyMap<string, GroupWatch> {
  const [watches, setWatches] = useState<ReadonlyMap<string, GroupWatch>>(new Map());
  useEffect(() => {
    const base = defaultWsBase();
    const next = new Map(groups.map((g) => [g.id, new GroupWatch(base, sessionId, g.id, token, keyIdeaLimit)] as const));
    setWatches(next);
    return () => {
      for (const watch of next.values()) watch.destroy();
    };
  }, [sessionId, token, groups, keyIdeaLimit]);
  return watches;
}

const NOT_WATCHED: GroupSummary = {
  connection: 'connecting', synced: false, notes: 0, clusters: 0, keyIdeas: 0, keyIdeaZones: [], sheets: 0, present: [],
  thumbnail: { notes: [], clusters: [], zones: [], bounds: null },
};
const noSubscribe = () => () => {};
const notWatched = () => NOT_WATCHED;

/** A group's summary, re-rendering only that group's card when it changes. */
export function useGroupSummary(watch: GroupWatch | undefined): GroupSummary {
  return useSyncExternalStore(watch?.subscribe ?? noSubscribe, watch?.getSummary ?? notWatched);
}
