/**
 * The y-websocket wire format, decoded into typed values at the boundary.
 *
 * A frame is `[messageType: varUint, ...]`:
 *   0 sync       → [0 step1 | 1 step2 | 2 update: varUint][payload: varUint8Array]
 *   1 awareness  → [update: varUint8Array]
 *   3 query awareness (no payload)
 * Anything else, or trailing garbage, is a protocol error: the caller closes the socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { STORAGE_STATUS_MESSAGE, StorageStatus } from '@concerto/contract';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export class ProtocolError extends Error {
  readonly code = 'protocol-error';
}

export function decodeMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (messageType) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SyncType.step1) message = { type: 'sync-step1', stateVector: payload };
        else if (syncType === SyncType.step2) message = { type: 'sync-step2', update: payload };
        else if (syncType === SyncType.update) message = { type: 'update', update: payload };
        else throw new ProtocolError(`unknown sync message type ${syncType}`);
        break;
      }
      case MessageType.awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { type: 'query-awareness' };
        break;
      default:
        throw new ProtocolError(`unknown message type ${messageType}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
    return message;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    // lib0 throws plain errors on truncated varints and lengths past the end
    throw new ProtocolError(`malformed frame: ${(err as Error).message}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

/**
 * An awareness message with no entries. Clients treat any message as a sign of life, so this
 * keeps an idle read-only viewer (a projector alone in its room) from timing out, at 3 bytes.
 */
export const KEEP_ALIVE_FRAME: Uint8Array = encodeAwareness(new Uint8Array([0]));

/** Issue 10 item 9: storage stopped taking writes (true) or stored the backlog (false); docs/contract.md */
export function encodeStorageStatus(suspended: boolean): Uint8Array {
  return new Uint8Array([STORAGE_STATUS_MESSAGE, suspended ? StorageStatus.suspended : StorageStatus.stored]);
}
