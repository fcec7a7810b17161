/**
 * The websocket side of a `Peer`: framing is `ws`'s business (each `send` frames the message
 * for its socket). The room encodes a relayed message once per batch and hands the same bytes
 * to every peer; nothing here reaches into `ws`'s private state.
 *
 * Backpressure (SPEC R28): a socket whose queue (`bufferedAmount`) is already past the cap
 * when a message is due gets nothing more: it is closed with 1013 (try again later) and
 * dropped if it does not finish closing within SLOW_CLOSE_GRACE_MS, which frees its queue.
 * The client reconnects and resynchronises from its state vector.
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '@concerto/contract';
import type { Peer } from './peer.js';

/** a slow reader that does not answer the close frame is cut this long after it */
export const SLOW_CLOSE_GRACE_MS = 2_000;

export interface WsPeerOptions {
  /** bytes already queued past which the socket is closed instead of sent to (R28) */
  maxBufferedBytes: number;
  /** a message went out (metrics) */
  onSent?: (bytes: number) => void;
  /** the socket was closed for reading too slowly (metrics, one log line) */
  onSlow?: (queuedBytes: number) => void;
}

export function wsPeer(ws: WebSocket, options: WsPeerOptions): Peer {
  let slow = false;
  return {
    send(message) {
      // permessage-deflate is off: ws writes the frame at once, it never queues a compression
      if (ws.readyState !== ws.OPEN || slow) return;
      const queued = ws.bufferedAmount;
      if (queued > options.maxBufferedBytes) {
        slow = true;
        options.onSlow?.(queued);
        ws.close(CloseCode.tryAgainLater, 'too slow: reconnect');
        setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref();
        return;
      }
      ws.send(message);
      options.onSent?.(message.length);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
}
