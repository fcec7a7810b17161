/**
 * Issue 11 (left from the programme work): « présente » counted connections. One person with
 * the board open in two tabs is one avatar and one person present; two people are two, even
 * with the same name; the device id is kept on the device and is never the voter id.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { participantId } from '../plenary/vote/participantId.js';
import { PresenceStore } from './presence.js';
import { presenceDeviceId, presenceKey } from './presenceDevice.js';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** a client of the room announcing `user` */
function client(user: Record<string, unknown>): Awareness {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalStateField('user', user);
  return awareness;
}

function receive(into: Awareness, from: Awareness): void {
  applyAwarenessUpdate(into, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

describe('presence by device', () => {
  it('keeps one device id on the device, and it is not the voter id', () => {
    const storage = memoryStorage();
    const id = presenceDeviceId(storage);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(presenceDeviceId(storage)).toBe(id);
    expect(participantId('session-1', storage)).not.toBe(id);
  });

  it('shows one person with two tabs once, and never shows this person’s other tab among the others', () => {
    const self = new Awareness(new Y.Doc());
    const store = new PresenceStore(self);
    store.setUser('Odette');
    const device = (self.getLocalState() as { user: { device: string } }).user.device;
    const marcDevice = 'marc-device-0001';
    const others = [
      client({ name: 'Odette', color: '#000', device }), // this person's second tab
      client({ name: 'Marc', color: '#000', device: marcDevice }),
      client({ name: 'Marc', color: '#000', device: marcDevice }), // Marc's phone reconnected
      client({ name: 'Marc', color: '#000', device: 'other-marc-0002' }), // another Marc
      client({ name: 'Ana', color: '#000' }), // an older client: counted per connection
      client({ name: 'Ana', color: '#000' }),
    ];
    for (const other of others) receive(self, other);
    expect(store.getPeers().map((p) => p.name)).toEqual(['Ana', 'Ana', 'Marc', 'Marc']);
    store.destroy();
  });

  it('counts two people taking turns on one tablet, each under their name, as two', () => {
    expect(presenceKey({ user: { name: 'Odette', device: 'tablet-00001' } }, 1)).not.toBe(presenceKey({ user: { name: 'Marc', device: 'tablet-00001' } }, 2));
    expect(presenceKey({ user: { name: 'Odette', device: 'tablet-00001' } }, 1)).toBe(presenceKey({ user: { name: ' Odette ', device: 'tablet-00001' } }, 2));
    // an id that is not one (a hostile client's 10 KB string) does not merge anyone
    expect(presenceKey({ user: { name: 'X', device: 'x'.repeat(10_000) } }, 3)).toBe('client:3');
  });
});
