import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, KEEP_ALIVE_FRAME } from './protocol.js';

describe('the y-websocket wire format', () => {
  it('decodes every message kind it encodes', () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(decodeMessage(encodeSyncStep1(payload))).toEqual({ type: 'sync-step1', stateVector: payload });
    expect(decodeMessage(encodeSyncStep2(payload))).toEqual({ type: 'sync-step2', update: payload });
    expect(decodeMessage(encodeUpdate(payload))).toEqual({ type: 'update', update: payload });
    expect(decodeMessage(encodeAwareness(payload))).toEqual({ type: 'awareness', update: payload });
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
    expect(decodeMessage(KEEP_ALIVE_FRAME)).toEqual({ type: 'awareness', update: new Uint8Array([0]) });
  });

  it('refuses unknown types, truncation and trailing bytes with a ProtocolError', () => {
    for (const bad of [[], [9], [0, 7, 0], [0, 0, 5, 1], [1, 2, 0], [0, 2, 0, 0], [3, 3]]) {
      expect(() => decodeMessage(new Uint8Array(bad)), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'protocol-error' }));
    }
  });
});
