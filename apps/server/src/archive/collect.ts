/**
 * Gathering what an export is made of: the session record and each room's stored rows (with how
 * the room is initialised), read from storage. The export worker builds the documents from them
 * (`@concerto/export` stored.ts), so the live server's event loop only reads bytes: building a
 * 50-note board's document (apply, encode) took 8–12 ms a room on it, a pause for every room.
 * The HTTP endpoints store what is pending first (`gatherLive`); the CLI reads storage as it is.
 */
import { PLENARY_ROOM } from '@concerto/contract';
import type { RoomInit, SessionContent, StoredSessionContent } from '@concerto/export';
import type { RoomRegistry } from '../rooms.js';
import { roomSpec } from '../routeKit.js';
import type { SessionRecord, Storage } from '../storage/index.js';
import { exportLib } from './exportLib.js';

function roomNames(session: SessionRecord): string[] {
  return [...session.groups.map((g) => g.id), PLENARY_ROOM];
}

/** as the server's first load initialises the room (rooms.ts `stamp`) */
function roomInit(session: SessionRecord, name: string): RoomInit {
  if (name === PLENARY_ROOM) return { kind: 'plenary' };
  const spec = roomSpec(session, name);
  return { kind: 'board', groupId: name, name: spec.displayName, template: spec.template ?? null, carriesOver: spec.carriesOver ?? true };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every room as the server holds it now: what is pending is stored first (drain), then the
 * rows are read, one room per event-loop turn. Storage is the whole truth after the drain (and
 * in a cluster, more than this instance's documents: other instances' stored edits are there).
 */
export function gatherLive(rooms: RoomRegistry, storage: Storage, session: SessionRecord): Promise<StoredSessionContent> {
  // One gathering at a time: two facilitators exporting at once read their rooms in turn.
  const run = (gatherings.get(rooms) ?? Promise.resolve()).then(async () => {
    await rooms.drain();
    return readStored(storage, session, nextTurn);
  });
  gatherings.set(rooms, run.catch(() => undefined));
  return run;
}

/** per server (its room registry): the gathering that the next one waits for */
const gatherings = new WeakMap<RoomRegistry, Promise<unknown>>();

async function readStored(storage: Storage, session: SessionRecord, between: () => Promise<void>): Promise<StoredSessionContent> {
  const stored: Record<string, StoredSessionContent['rooms'][string]> = {};
  for (const name of roomNames(session)) {
    await between();
    const loaded = await storage.loadRoom(session.id, name);
    stored[name] = { updates: loaded.updates, init: roomInit(session, name) };
  }
  return { session, rooms: stored };
}

/** Every room from storage, built in-process: the CLI, without a running server. */
export async function collectStored(storage: Storage, session: SessionRecord): Promise<SessionContent> {
  const { contentFromStored } = await exportLib();
  return contentFromStored(await readStored(storage, session, async () => undefined));
}
