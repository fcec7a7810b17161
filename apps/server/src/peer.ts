/**
 * What the room core needs of a client connection: a way to send it a message and to close
 * it. The websocket adapter (`wsPeer.ts`) wraps `ws` and owns the framing; unit tests pass
 * plain objects.
 */
export interface Peer {
  /** one y-websocket message (the same bytes may go to many peers: do not modify them) */
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export type ConnectionAccess = 'read' | 'write';
