/**
 * What the registry tests (one instance or two) share: the room they use, a writer joined to
 * it through a fake peer, and notes as updates.
 */
import * as Y from 'yjs';
import { createNote } from '@concerto/board';
import { TokenBucket } from '../rateLimit.js';
import { Connection } from '../connection.js';
import type { RoomRegistry } from '../rooms.js';
import { FakePeer } from './fakePeer.js';

export const TEST_ROOM = { sessionId: 's1', name: 'groupe-1', displayName: 'Groupe 1', keyIdeaLimit: 2 };

/** A writer joined to the test room, with what the join sent already cleared from its peer. */
export async function joinedWriter(registry: RoomRegistry) {
  const room = await registry.acquire(TEST_ROOM);
  const peer = new FakePeer();
  const connection = new Connection(peer, 'write', new TokenBucket(1000, 1000, 0), 'test');
  room.join(connection, 0);
  registry.release(room);
  peer.clear();
  return { room, peer, connection };
}

/** One note, as the update a client would send. */
export function noteUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  createNote(doc, { text, x: 0, y: 0, author: 'a' });
  return Y.encodeStateAsUpdate(doc);
}
