/**
 * What the first bytes of a Yjs update (format V1, as y-websocket sends it) say about who wrote
 * it. Pure, no Yjs decoding: the header is four varUints (clients, structs of the first client,
 * its id, the clock of its first struct).
 */
import * as decoding from 'lib0/decoding';

export interface SingleWriter {
  client: number;
  /** clock of the update's first struct */
  clock: number;
}

/**
 * The client whose structs the update carries, when it carries structs of exactly one client
 * (what a client's own edit is); null otherwise (several clients, deletions only, or bytes that
 * are not an update: the caller's full path decides about those).
 */
export function singleWriter(update: Uint8Array): SingleWriter | null {
  try {
    const decoder = decoding.createDecoder(update);
    if (decoding.readVarUint(decoder) !== 1) return null;
    if (decoding.readVarUint(decoder) === 0) return null;
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    return { client, clock };
  } catch {
    return null;
  }
}
