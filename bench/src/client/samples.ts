/**
 * Reading the send times back out of what a receiver gets. A mover writes the note's x as the
 * send time (performance.now(), never an integer) and y as its sequence number (an integer);
 * a cursor carries the send time as cursor.x. Same-process clocks: the generator holds both ends.
 *
 * Decoding is cached per distinct frame: the clients of a room all receive the same bytes, so
 * one decode serves them all; each receiver still stamps its own arrival time.
 */
import * as Y from 'yjs';
import { decodeAwarenessEntries } from './protocol.js';

/** A send time that is never an integer, so x (time) and y (sequence) cannot be confused. */
export function stampNow(): number {
  const t = performance.now();
  return Number.isInteger(t) ? t + 0.001 : t;
}

/** [sender clientId, send time] pairs, flattened: the moves an update carries (x is the time). */
export function movesInUpdate(update: Uint8Array): number[] {
  const out: number[] = [];
  const { structs } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr) {
      if (typeof value === 'number' && !Number.isInteger(value)) out.push(struct.id.client, value);
    }
  }
  return out;
}

/** [sender clientId, send time, sequence] triples, flattened: the cursors an awareness update carries. */
export function cursorsInAwareness(update: Uint8Array): number[] {
  const out: number[] = [];
  for (const entry of decodeAwarenessEntries(update)) {
    if (entry.state === 'null') continue;
    const state = JSON.parse(entry.state) as { cursor?: { x?: unknown; y?: unknown } };
    const x = state.cursor?.x;
    const y = state.cursor?.y;
    if (typeof x === 'number' && !Number.isInteger(x) && typeof y === 'number') out.push(entry.clientId, x, y);
  }
  return out;
}

/**
 * Which clients of a room of `size` measure, when `count` of them do: spread evenly over the
 * room's order (first, ..., last), which is the order they connected in, so that a server
 * fanning out in connection order neither favours nor penalises the measuring ones.
 */
export function measuringIndices(size: number, count: number): Set<number> {
  const m = Math.max(0, Math.min(size, Math.floor(count)));
  if (m >= size) return new Set(Array.from({ length: size }, (_, i) => i));
  if (m === 1) return new Set([0]);
  return new Set(Array.from({ length: m }, (_, k) => Math.round((k * (size - 1)) / (m - 1))));
}

/** Decodes each distinct frame once; bounded (cleared when full). */
export class FrameCache {
  private readonly map = new Map<string, number[]>();
  hits = 0;
  misses = 0;

  constructor(private readonly limit = 8_192) {}

  get(frame: Buffer, decode: () => number[]): number[] {
    const key = frame.toString('latin1');
    let value = this.map.get(key);
    if (value === undefined) {
      this.misses += 1;
      value = decode();
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, value);
    } else {
      this.hits += 1;
    }
    return value;
  }
}
