/**
 * The y-websocket wire protocol as the lean client speaks it, with the one difference
 * Hocuspocus has: every Hocuspocus frame starts with the document name (varString), and a
 * connection authenticates per document before syncing. Everything after that prefix is the
 * same y-protocols sync/awareness encoding, so one client serves all three servers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type Framing = 'yjs' | 'hocuspocus';

/** Where one client connects: a websocket URL and, for Hocuspocus, the document name. */
export interface RoomTarget {
  /** stable label of the room (for reports) */
  name: string;
  url: string;
  framing: Framing;
  /** Hocuspocus only: the document name carried in every frame */
  docName?: string;
}

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
/** Hocuspocus: a sync message that does not ask for another step 1 */
export const MSG_SYNC_REPLY = 4;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export class Framer {
  constructor(readonly target: RoomTarget) {}

  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    if (this.target.framing === 'hocuspocus') encoding.writeVarString(e, this.target.docName ?? this.target.name);
    write(e);
    return encoding.toUint8Array(e);
  }

  sync(kind: number, payload: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, kind);
      encoding.writeVarUint8Array(e, payload);
    });
  }

  /** Hocuspocus: the token message that opens the document (AuthMessageType.Token = 0). */
  auth(token: string): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_AUTH);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, token);
    });
  }

  awareness(clientId: number, clock: number, state: string): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, state);
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
  }

  /** bytes before the message type: 0, or the Hocuspocus document-name prefix (of the frame at `start`) */
  prefixLength(bytes: Uint8Array, start = 0): number {
    if (this.target.framing !== 'hocuspocus') return 0;
    const { value, next } = readVarUintAt(bytes, start);
    return next - start + value;
  }
}

/** A lib0 varUint read at `at`, without a decoder object. */
export function readVarUintAt(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let mult = 1;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new RangeError('varUint past the end of the frame');
    value += (byte & 0x7f) * mult;
    if (byte < 0x80) return { value, next: at };
    mult *= 128;
    if (mult > 2 ** 53) throw new RangeError('varUint too long');
  }
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ clientId: decoding.readVarUint(d), clock: decoding.readVarUint(d), state: decoding.readVarString(d) });
  }
  return out;
}
