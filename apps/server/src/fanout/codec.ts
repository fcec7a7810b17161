/**
 * The fan-out's wire format (Redis message bodies), encoded with lib0:
 *   varUint version · varUint kind · varString sender · kind-specific fields
 * Pure functions; a message that does not parse decodes to null (a newer or foreign
 * publisher on the same channel must never crash a receiver).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RoomEvent, SessionEvent } from './port.js';

const VERSION = 1;

const KIND = {
  update: 0,
  head: 1,
  awareness: 2,
  compacted: 3,
  sessionChanged: 10,
  sessionDeleted: 11,
  hello: 20,
  bye: 21,
} as const;

export type PresenceEvent = 'hello' | 'bye';

export type Message =
  | { channel: 'room'; from: string; event: RoomEvent }
  | { channel: 'session'; from: string; sessionId: string; event: SessionEvent }
  | { channel: 'presence'; from: string; event: PresenceEvent };

function start(kind: number, from: string): encoding.Encoder {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, VERSION);
  encoding.writeVarUint(e, kind);
  encoding.writeVarString(e, from);
  return e;
}

export function encodeRoomEvent(from: string, event: RoomEvent): Uint8Array {
  const e = start(KIND[event.type], from);
  if (event.type !== 'awareness') encoding.writeVarUint(e, event.seq);
  if (event.type === 'compacted') encoding.writeVarUint(e, event.snapshotBytes);
  else if (event.type !== 'head') encoding.writeVarUint8Array(e, event.update);
  return encoding.toUint8Array(e);
}

export function encodeSessionEvent(from: string, sessionId: string, event: SessionEvent): Uint8Array {
  const e = start(event.type === 'changed' ? KIND.sessionChanged : KIND.sessionDeleted, from);
  encoding.writeVarString(e, sessionId);
  return encoding.toUint8Array(e);
}

export function encodePresence(from: string, event: PresenceEvent): Uint8Array {
  return encoding.toUint8Array(start(KIND[event], from));
}

export function decodeMessage(bytes: Uint8Array): Message | null {
  try {
    const d = decoding.createDecoder(bytes);
    if (decoding.readVarUint(d) !== VERSION) return null;
    const kind = decoding.readVarUint(d);
    const from = decoding.readVarString(d);
    const message = decodeBody(d, kind, from);
    // Trailing bytes mean a format we do not know: refuse rather than half-understand.
    return message !== null && !decoding.hasContent(d) ? message : null;
  } catch {
    return null;
  }
}

function decodeBody(d: decoding.Decoder, kind: number, from: string): Message | null {
  switch (kind) {
    case KIND.update: {
      const seq = decoding.readVarUint(d);
      return { channel: 'room', from, event: { type: 'update', seq, update: decoding.readVarUint8Array(d) } };
    }
    case KIND.head:
      return { channel: 'room', from, event: { type: 'head', seq: decoding.readVarUint(d) } };
    case KIND.compacted: {
      const seq = decoding.readVarUint(d);
      return { channel: 'room', from, event: { type: 'compacted', seq, snapshotBytes: decoding.readVarUint(d) } };
    }
    case KIND.awareness:
      return { channel: 'room', from, event: { type: 'awareness', update: decoding.readVarUint8Array(d) } };
    case KIND.sessionChanged:
    case KIND.sessionDeleted: {
      const sessionId = decoding.readVarString(d);
      const event: SessionEvent = { type: kind === KIND.sessionChanged ? 'changed' : 'deleted' };
      return { channel: 'session', from, sessionId, event };
    }
    case KIND.hello:
      return { channel: 'presence', from, event: 'hello' };
    case KIND.bye:
      return { channel: 'presence', from, event: 'bye' };
    default:
      return null;
  }
}
