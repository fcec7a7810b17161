/**
 * Sharing a group's key ideas to the plenary: read the group's effective key ideas, replace
 * its entry in the plenary document, and answer once that is stored. An idea without text is
 * never shared (an empty slot is not an idea); sharing every group at once skips the groups
 * with nothing written, and says which.
 */
import { effectiveKeyIdeas, pushKeyIdeas } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { PushResponse } from '@concerto/contract';
import type { RoomRegistry } from './rooms.js';
import { SERVER_ORIGIN } from './room.js';
import { withRoom } from './routeKit.js';
import type { SessionRecord } from './storage/index.js';

export interface PushOutcome {
  pushes: PushResponse[];
  /** groups left as they were: nothing written to share */
  skipped: string[];
}

export async function pushGroups(
  rooms: RoomRegistry,
  session: SessionRecord,
  groupIds: readonly string[],
  options: { skipEmpty?: boolean; now?: number } = {},
): Promise<PushOutcome> {
  const now = options.now ?? Date.now();
  const pushes: PushResponse[] = [];
  const skipped: string[] = [];
  const gathered: { group: { id: string; name: string }; ideas: { id: string; text: string }[] }[] = [];
  for (const groupId of groupIds) {
    const group = session.groups.find((g) => g.id === groupId);
    if (group === undefined) continue;
    const ideas = await withRoom(rooms, session, group.id, (room) =>
      effectiveKeyIdeas(room.doc, session.keyIdeaLimit)
        .filter((i) => i.text.trim() !== '')
        .map((i) => ({ id: i.id, text: i.text })),
    );
    if (ideas.length === 0 && options.skipEmpty === true) skipped.push(group.id);
    else gathered.push({ group, ideas });
  }
  if (gathered.length === 0) return { pushes, skipped };
  await withRoom(rooms, session, PLENARY_ROOM, (room) => {
    room.doc.transact(() => {
      for (const { group, ideas } of gathered) {
        pushKeyIdeas(room.doc, { groupId: group.id, name: group.name, pushedAt: now, keyIdeas: ideas }, SERVER_ORIGIN);
      }
    }, SERVER_ORIGIN);
  });
  await rooms.drain();
  for (const { group, ideas } of gathered) pushes.push({ groupId: group.id, pushedAt: now, keyIdeas: ideas.map((i) => ({ text: i.text })) });
  return { pushes, skipped };
}
