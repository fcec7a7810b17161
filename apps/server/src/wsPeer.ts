/**
 * The websocket side of a `Peer`. The room encodes a relayed message once per batch and hands
 * the same bytes to every peer; this adapter frames it once too (a websocket binary frame:
 * header and payload in one buffer, cached per message) and writes that buffer to each
 * client's socket: one `write` per receiver, no per-receiver framing. The socket is the one
 * `handleUpgrade` gave `ws`; with permessage-deflate off (upgrade.ts) `ws` never queues a
 * frame of its own, so its control frames (ping, close) and these writes keep their order.
 *
 * Backpressure (SPEC R28): a socket whose queue (`bufferedAmount`) is already past the cap
 * when a message is due gets nothing more: it is closed with 1013 (try again later) and
 * dropped if it does not finish closing within SLOW_CLOSE_GRACE_MS, which frees its queue.
 * The client reconnects and resynchronises from its state vector.
 */
import type { Duplex } from 'node:stream';
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

/** the frame of each message being relayed, built by its first receiver; gone with the message */
const frames = new WeakMap<Uint8Array, Buffer>();

/** RFC 6455 §5.2: a final, unmasked binary frame (a server never masks) carrying `payload` */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length;
  const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (headerBytes === 2) frame[1] = length;
  else if (headerBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, headerBytes);
  return frame;
}

function frameOf(message: Uint8Array): Buffer {
  let frame = frames.get(message);
  if (frame === undefined) {
    frame = binaryFrame(message);
    frames.set(message, frame);
  }
  return frame;
}

/** `socket`: the one `handleUpgrade` handed to `ws` for this client */
export function wsPeer(ws: WebSocket, socket: Pick<Duplex, 'write' | 'writable'>, options: WsPeerOptions): Peer {
  let slow = false;
  return {
    send(message) {
      if (ws.readyState !== ws.OPEN || slow || !socket.writable) return;
      const queued = ws.bufferedAmount;
      if (queued > options.maxBufferedBytes) {
        slow = true;
        options.onSlow?.(queued);
        ws.close(CloseCode.tryAgainLater, 'too slow: reconnect');
        setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS).unref();
        return;
      }
      socket.write(frameOf(message));
      options.onSent?.(message.length);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
}
