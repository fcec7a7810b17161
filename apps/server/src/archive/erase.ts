/**
 * Deleting a session for good (DELETE /api/sessions/:id and the retention sweep): nobody stays
 * connected, nothing of it stays in memory, and its content leaves the store's files (the SQLite
 * adapter zeroes freed pages and empties its WAL; see storage/port.ts `deleteSession`).
 */
import type { RoomRegistry } from '../rooms.js';
import type { Sessions } from '../sessions.js';
import type { Storage } from '../storage/index.js';
import type { SocketServer } from '../upgrade.js';

export interface EraseDeps {
  storage: Storage;
  sessions: Sessions;
  rooms: RoomRegistry;
  sockets: SocketServer;
}

export async function eraseSession(deps: EraseDeps, id: string): Promise<void> {
  const { storage, sessions, rooms, sockets } = deps;
  sessions.forget(id);
  // Closed connections have their later frames ignored (Room.receive), so no new write lands.
  sockets.closeSession(id);
  // What was applied before is stored now, rather than by a flush after the delete.
  await rooms.drain();
  await storage.deleteSession(id);
  sessions.deleted(id);
  // A join that raced the steps above may have cached the record or loaded a room: drop both.
  sessions.forget(id);
  sockets.closeSession(id);
  rooms.evict(id);
  await rooms.drain();
  if ((await storage.listRooms(id)).length > 0) await storage.deleteSession(id);
}
