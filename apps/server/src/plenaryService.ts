/**
 * Sharing a group's key ideas to the plenary: read the group's effective key ideas, replace
 * its entry in the plenary document, and answer once that is stored.
 */
import { effectiveKeyIdeas, pushKeyIdeas } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { PushResponse } from '@concerto/contract';
import type { RoomRegistry } from './rooms.js';
import { SERVER_ORIGIN } from './room.js';
import { withRoom } from './routeKit.js';
import type { SessionRecord } from './storage/index.js';

export async function pushGroups(rooms: RoomRegistry, session: SessionRecord, groupIds: readonly string[], now = Date.now()): Promise<PushResponse[]> {
  const pushes: PushResponse[] = [];
  const gathered: { group: { id: string; name: string }; ideas: { id: string; text: string }[] }[] = [];
  for (const groupId of groupIds) {
    const group = session.groups.find((g) => g.id === groupId);
    if (group === undefined) continue;
    const ideas = await withRoom(rooms, session, group.id, (room) =>
      effectiveKeyIdeas(room.doc, session.keyIdeaLimit).map((i) => ({ id: i.id, text: i.text })),
    );
    gathered.push({ group, ideas });
  }
  await withRoom(rooms, session, PLENARY_ROOM, (room) => {
    room.doc.transact(() => {
      for (const { group, ideas } of gathered) {
        pushKeyIdeas(room.doc, { groupId: group.id, name: group.name, pushedAt: now, keyIdeas: ideas }, SERVER_ORIGIN);
      }
    }, SERVER_ORIGIN);
  });
  await rooms.drain();
  for (const { group, ideas } of gathered) pushes.push({ groupId: group.id, pushedAt: now, keyIdeas: ideas.map((i) => ({ text: i.text })) });
  return pushes;
}
