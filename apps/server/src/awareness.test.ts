import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate as referenceEncode } from 'y-protocols/awareness';
import { AwarenessStates, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness.js';

describe('awareness without parsing states', () => {
  it('decodes what y-protocols encodes and encodes what it decodes', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Zoé', color: 'blue' }, cursor: { x: 3, y: 4 } });
    const update = referenceEncode(awareness, [awareness.clientID]);
    const entries = decodeAwarenessUpdate(update);
    expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: JSON.stringify(awareness.getLocalState()) }]);
    expect(encodeAwarenessUpdate(entries)).toEqual(update);
  });

  it('keeps the newest clock, removes on null, and expires silent clients', () => {
    const states = new AwarenessStates();
    expect(states.apply([{ clientId: 1, clock: 2, state: '{"a":1}' }], 0)).toHaveLength(1);
    expect(states.apply([{ clientId: 1, clock: 1, state: '{"a":0}' }], 0)).toEqual([]);
    expect(states.present().map((e) => e.state)).toEqual(['{"a":1}']);
    expect(states.apply([{ clientId: 1, clock: 2, state: 'null' }], 0)).toHaveLength(1);
    expect(states.present()).toEqual([]);
    states.apply([{ clientId: 2, clock: 1, state: '{}' }], 0);
    expect(states.expire(10, 20)).toEqual([{ clientId: 2, clock: 2, state: 'null' }]);
    expect(states.remove([2], 30)).toEqual([]);
  });

  it('rejects truncated and trailing bytes', () => {
    expect(() => decodeAwarenessUpdate(new Uint8Array([5, 1]))).toThrow(/malformed/);
    expect(() => decodeAwarenessUpdate(new Uint8Array([0, 0]))).toThrow(/trailing/);
  });
});
