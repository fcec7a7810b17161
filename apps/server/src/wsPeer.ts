/**
 * The websocket side of a `Peer`: framing is `ws`'s business (each `send` frames the message
 * for its socket). The room encodes a relayed message once per batch and hands the same bytes
 * to every peer; nothing here reaches into `ws`'s private state.
 */
import type { WebSocket } from 'ws';
import type { Peer } from './peer.js';

export function wsPeer(ws: WebSocket): Peer {
  return {
    send(message) {
      // permessage-deflate is off: ws writes the frame at once, it never queues a compression
      if (ws.readyState === ws.OPEN) ws.send(message);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
}
