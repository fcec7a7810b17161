/**
 * What the sync core needs of a client connection: any socket-like thing. The websocket
 * adapter (`upgrade.ts`) wraps `ws`; tests can pass plain objects.
 */
export interface Peer {
  send(frame: Uint8Array): void;
  /** sends a frame already encoded for the wire (`wsFrame.ts`); peers without a raw socket may decode it */
  sendEncoded?(wire: Buffer, frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export type ConnectionAccess = 'read' | 'write';

/** Why a connection was closed by the sync core, with its close code. */
export interface Refusal {
  code: number;
  reason: string;
}
