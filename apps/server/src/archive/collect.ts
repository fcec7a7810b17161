/**
 * Gathering what an export is made of: the session record and each room's Yjs state. Live, for
 * the HTTP endpoints (rooms in memory hold what is newest), or from storage alone, for the CLI.
 */
import * as Y from 'yjs';
import { initBoard, initPlenary } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { SessionContent } from '@concerto/export';
import type { RoomRegistry } from '../rooms.js';
import { carriesOverTo, withRoom } from '../routeKit.js';
import { settingsOf } from '../settings.js';
import type { SessionRecord, Storage } from '../storage/index.js';

function roomNames(session: SessionRecord): string[] {
  return [...session.groups.map((g) => g.id), PLENARY_ROOM];
}

/**
 * Every room as the server holds it now: what is pending is stored first (drain), and rooms
 * nobody has open are loaded for the read, then unload again.
 */
export function collectLive(rooms: RoomRegistry, session: SessionRecord): Promise<SessionContent> {
  // One gathering at a time: two facilitators exporting at once would otherwise read a room each
  // in the same event-loop turn (their renders are one after the other anyway).
  const run = (gatherings.get(rooms) ?? Promise.resolve()).then(() => gatherLive(rooms, session));
  gatherings.set(rooms, run.catch(() => undefined));
  return run;
}

/** per server (its room registry): the gathering that the next one waits for */
const gatherings = new WeakMap<RoomRegistry, Promise<unknown>>();

async function gatherLive(rooms: RoomRegistry, session: SessionRecord): Promise<SessionContent> {
  await rooms.drain();
  const states: Record<string, Uint8Array> = {};
  for (const name of roomNames(session)) {
    // One room per event-loop turn: storage answers synchronously (SQLite), so without this the
    // whole session was read, integrated and encoded in one turn that paused every live room
    // (~130 ms for 10 groups × 50 notes); now the longest pause is one room's.
    await new Promise<void>((resolve) => setImmediate(resolve));
    states[name] = await withRoom(rooms, session, name, (room) => Y.encodeStateAsUpdate(room.doc));
  }
  return { session, rooms: states };
}

/**
 * Every room from storage, without a running server. Initialised as the server's first load
 * does (schema and group name), so the CLI and the HTTP endpoints export the same thing.
 */
export async function collectStored(storage: Storage, session: SessionRecord): Promise<SessionContent> {
  const states: Record<string, Uint8Array> = {};
  for (const name of roomNames(session)) {
    const loaded = await storage.loadRoom(session.id, name);
    const doc = new Y.Doc();
    if (loaded.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(loaded.updates));
    if (name === PLENARY_ROOM) initPlenary(doc);
    else {
      const group = session.groups.find((g) => g.id === name);
      initBoard(doc, { groupId: name, name: group?.name ?? name, template: settingsOf(session).template, carriesOver: carriesOverTo(session, name) });
    }
    states[name] = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  return { session, rooms: states };
}
