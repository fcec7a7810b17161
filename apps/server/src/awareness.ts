/**
 * Server-side awareness: the latest state of each client of a room, kept as the raw JSON
 * string the client sent. The server never parses states (no JSON on the hot path); it only
 * decodes the entry headers to enforce ownership and clocks, then relays the latest state
 * per client once per flush window.
 *
 * Wire format of an awareness update (y-protocols):
 *   [count: varUint] then count × [clientID: varUint][clock: varUint][state: varString JSON]
 * A state of `null` removes the client.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolError } from './protocol.js';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** the client's JSON as sent; 'null' means the client left */
  state: string;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the awareness update');
    return entries;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`malformed awareness update: ${(err as Error).message}`);
  }
}

export function encodeAwarenessUpdate(entries: Iterable<AwarenessEntry>): Uint8Array {
  const list = [...entries];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const entry of list) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

export const NULL_STATE = 'null';

/**
 * The awareness states of one room. `apply` follows y-protocols' rule: a newer clock wins,
 * and a `null` state at the same clock removes a present client.
 */
export class AwarenessStates {
  private readonly entries = new Map<number, AwarenessEntry & { updatedAt: number }>();

  /** applies entries; returns the ones that changed something, to relay */
  apply(incoming: readonly AwarenessEntry[], now: number): AwarenessEntry[] {
    const changed: AwarenessEntry[] = [];
    for (const entry of incoming) {
      const current = this.entries.get(entry.clientId);
      const currentClock = current?.clock ?? 0;
      const removesPresent = entry.state === NULL_STATE && current !== undefined && current.state !== NULL_STATE;
      if (currentClock < entry.clock || (currentClock === entry.clock && removesPresent)) {
        this.entries.set(entry.clientId, { ...entry, updatedAt: now });
        changed.push(entry);
      }
    }
    return changed;
  }

  /** marks the given clients gone (their connection closed); returns removal entries to relay */
  remove(clientIds: Iterable<number>, now: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const clientId of clientIds) {
      const current = this.entries.get(clientId);
      if (current === undefined || current.state === NULL_STATE) continue;
      const entry = { clientId, clock: current.clock + 1, state: NULL_STATE };
      this.entries.set(clientId, { ...entry, updatedAt: now });
      removed.push(entry);
    }
    return removed;
  }

  /** removes states not renewed since `before` (clients renew every 15 s); returns removals */
  expire(before: number, now: number): AwarenessEntry[] {
    const stale: number[] = [];
    for (const [clientId, entry] of this.entries) {
      if (entry.updatedAt < before && entry.state !== NULL_STATE) stale.push(clientId);
      // forget removed clients for good once everyone had time to see the removal
      else if (entry.updatedAt < before) this.entries.delete(clientId);
    }
    return this.remove(stale, now);
  }

  /** drops a client's entry without a removal to relay: a newer state of it is kept elsewhere (R32) */
  forget(clientId: number): void {
    this.entries.delete(clientId);
  }

  /** the clock this room has for a client (present or removed), if it knows it */
  clockOf(clientId: number): number | undefined {
    return this.entries.get(clientId)?.clock;
  }

  isPresent(clientId: number): boolean {
    const entry = this.entries.get(clientId);
    return entry !== undefined && entry.state !== NULL_STATE;
  }

  /** every present client's state, for a newcomer */
  present(): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const entry of this.entries.values()) if (entry.state !== NULL_STATE) out.push(entry);
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
