/**
 * A session as storage holds it: each room's stored rows, not yet applied. The server sends
 * this to the export worker rather than the rooms' states, so building each document (applying
 * the rows, encoding the state: ~8–12 ms for a 50-note board) happens off its event loop; the
 * CLI, which has no live rooms to keep in sync, builds it in-process. Both initialise a room as
 * the server's first load does (schema, group name, template zones), so they export the same.
 */
import * as Y from 'yjs';
import { initBoard, initPlenary } from '@concerto/board';
import type { BoardTemplate } from '@concerto/board';
import type { ProgrammeContent } from './roadmap/model.js';
import type { ArchivedSession, SessionContent } from './types.js';

/** How a room is initialised when it is first loaded (apps/server `RoomSpec`). */
export type RoomInit =
  | { kind: 'plenary' }
  | { kind: 'board'; groupId: string; name: string; template: BoardTemplate | null; carriesOver: boolean };

export interface StoredRoom {
  /** the room's stored rows in order (a snapshot and the updates after it); none for a room never written */
  updates: Uint8Array[];
  init: RoomInit;
}

export interface StoredSessionContent {
  session: ArchivedSession;
  rooms: Readonly<Record<string, StoredRoom>>;
}

export interface StoredProgrammeContent {
  programme: ProgrammeContent['programme'];
  sessions: { territory: string; date: string | null; content: StoredSessionContent }[];
}

/** The room's state as one update: its rows applied, then initialised. */
export function roomStateFromStored(room: StoredRoom): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (room.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(room.updates));
    if (room.init.kind === 'plenary') initPlenary(doc);
    else initBoard(doc, room.init);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export function contentFromStored(stored: StoredSessionContent): SessionContent {
  const rooms: Record<string, Uint8Array> = {};
  for (const [name, room] of Object.entries(stored.rooms)) rooms[name] = roomStateFromStored(room);
  return { session: stored.session, rooms };
}

export function programmeFromStored(stored: StoredProgrammeContent): ProgrammeContent {
  return { programme: stored.programme, sessions: stored.sessions.map((s) => ({ territory: s.territory, date: s.date, content: contentFromStored(s.content) })) };
}
