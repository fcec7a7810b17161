import { describe, expect, it } from 'vitest';
import { decodeMessage, encodePresence, encodeRoomEvent, encodeSessionEvent } from './codec.js';

describe('fan-out wire format', () => {
  it('round-trips every kind of message', () => {
    const update = Uint8Array.of(0, 1, 255);
    expect(decodeMessage(encodeRoomEvent('i1', { type: 'update', seq: 7, update }))).toEqual({
      channel: 'room',
      from: 'i1',
      event: { type: 'update', seq: 7, update },
    });
    expect(decodeMessage(encodeRoomEvent('i1', { type: 'head', seq: 2 ** 50 }))).toEqual({
      channel: 'room',
      from: 'i1',
      event: { type: 'head', seq: 2 ** 50 },
    });
    expect(decodeMessage(encodeRoomEvent('i1', { type: 'compacted', seq: 501, snapshotBytes: 70_000 }))).toEqual({
      channel: 'room',
      from: 'i1',
      event: { type: 'compacted', seq: 501, snapshotBytes: 70_000 },
    });
    expect(decodeMessage(encodeSessionEvent('i2', 'sess/é', { type: 'deleted' }))).toEqual({
      channel: 'session',
      from: 'i2',
      sessionId: 'sess/é',
      event: { type: 'deleted' },
    });
    expect(decodeMessage(encodePresence('i3', 'bye'))).toEqual({ channel: 'presence', from: 'i3', event: 'bye' });
  });

  it('refuses what it does not understand instead of throwing', () => {
    const good = encodeRoomEvent('i1', { type: 'awareness', update: Uint8Array.of(1, 2, 3) });
    expect(decodeMessage(new Uint8Array(0))).toBeNull();
    expect(decodeMessage(Uint8Array.of(2, ...good.subarray(1)))).toBeNull(); // another version
    expect(decodeMessage(Uint8Array.of(1, 99, 0))).toBeNull(); // unknown kind
    expect(decodeMessage(good.subarray(0, good.length - 1))).toBeNull(); // truncated
    expect(decodeMessage(Uint8Array.of(...good, 0))).toBeNull(); // trailing bytes
    // A truncated payload inside a larger buffer must not read the bytes beyond its view.
    const backing = Uint8Array.of(...good.subarray(0, good.length - 2), 7, 7, 7, 7);
    expect(decodeMessage(backing.subarray(0, good.length - 2))).toBeNull();
  });
});
