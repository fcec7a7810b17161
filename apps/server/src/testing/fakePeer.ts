/**
 * A `Peer` that records what the room sends it, decoded, for unit tests without sockets.
 */
import * as decoding from 'lib0/decoding';
import type { Peer } from '../peer.js';
import { decodeAwarenessUpdate } from '../awareness.js';
import type { AwarenessEntry } from '../awareness.js';

export type Received =
  | { type: 'sync-step1'; payload: Uint8Array }
  | { type: 'sync-step2'; payload: Uint8Array }
  | { type: 'update'; payload: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] };

export class FakePeer implements Peer {
  readonly received: Received[] = [];
  closedWith: { code: number; reason: string } | null = null;

  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const kind = decoding.readVarUint(decoder);
    if (kind === 1) {
      this.received.push({ type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) });
      return;
    }
    const sync = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    this.received.push({ type: sync === 0 ? 'sync-step1' : sync === 1 ? 'sync-step2' : 'update', payload });
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  /** the updates and sync step 2s received, in order */
  updates(): Uint8Array[] {
    return this.received.flatMap((r) => (r.type === 'update' || r.type === 'sync-step2' ? [r.payload] : []));
  }

  awareness(): AwarenessEntry[][] {
    return this.received.flatMap((r) => (r.type === 'awareness' ? [r.entries] : []));
  }

  clear(): void {
    this.received.length = 0;
  }
}
