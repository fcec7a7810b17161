/**
 * Session control across instances (SPEC.md R24): when another instance changed a session's
 * record (a lock, closing) or deleted it, this one drops its cached record, reads it again
 * from storage and applies the new rules to its own live connections, so a lock set through
 * one instance stops writes on every other one.
 */
import type { FanOut } from './fanout/index.js';
import type { Logger, RoomRegistry } from './rooms.js';
import type { Sessions } from './sessions.js';
import type { SocketServer } from './upgrade.js';

export function followSessionEvents(fanOut: FanOut, sessions: Sessions, sockets: SocketServer, rooms: RoomRegistry, log: Logger): void {
  sessions.announceTo((id, event) => fanOut.publishSession(id, event));
  const gone = (id: string) => {
    sockets.closeSession(id);
    rooms.evict(id);
  };
  // R31: a write refused by storage says the session was deleted, even if its notice is lost
  rooms.onSessionGone((id) => {
    sessions.forget(id);
    sockets.closeSession(id);
  });
  fanOut.onSessionEvent((id, event) => {
    sessions.forget(id);
    if (event.type === 'deleted') {
      gone(id);
      return;
    }
    sessions.get(id).then(
      (record) => {
        if (record === null) gone(id);
        else sockets.applyPolicy(record);
      },
      (err: Error) => log.warn(`session ${id} changed elsewhere, and reading it failed: ${err.message}`),
    );
  });
}
