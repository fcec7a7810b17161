/**
 * One client's connection to a room, as the room core sees it: its peer (send, close), its
 * rights (live: a lock takes effect on the next message, R4), its rate limit (R7), the
 * awareness client ids it speaks for (R8) and its warning budget (R27). Transport-free: the
 * websocket adapter is behind `Peer`.
 */
import type { ConnectionAccess, Peer } from './peer.js';
import type { TokenBucket } from './rateLimit.js';

/** At most one warning per connection this often; the rest are counted (R27). */
const WARN_EVERY_MS = 60_000;

/** Why a message was dropped or a connection refused: a label of the `concerto_dropped_messages_total` metric. */
export type DropReason =
  | 'awareness-echo'
  | 'awareness-foreign-id'
  | 'awareness-too-many-ids'
  | 'awareness-too-large'
  | 'awareness-malformed'
  | 'rate-limit'
  | 'document-too-large'
  | 'invalid-update'
  | 'read-only-update';

/** One client's connection to a room: its peer, its rights, its rate limit and its client ids. */
export class Connection {
  /** the awareness client ids this connection speaks for (R8) */
  readonly clientIds = new Set<number>();
  private sentAt = 0;
  private isClosed = false;
  private warnedAt = -Infinity;
  private quietWarnings = 0;
  private rights: ConnectionAccess;

  constructor(
    private readonly peer: Peer,
    access: ConnectionAccess,
    private readonly bucket: TokenBucket,
    readonly label: string,
  ) {
    this.rights = access;
  }

  get access(): ConnectionAccess {
    return this.rights;
  }

  /** the session's rules changed (lock, close): takes effect on the next message (R4) */
  setAccess(access: ConnectionAccess): void {
    this.rights = access;
  }

  /** when the server last sent something (the heartbeat keeps idle clients from timing out) */
  get lastSentAt(): number {
    return this.sentAt;
  }

  /** set once closed (by either side), so late flushes skip it and late frames are ignored (R14) */
  get closed(): boolean {
    return this.isClosed;
  }

  /** one message allowed by the rate limit at `now`? (R7) */
  allows(now: number): boolean {
    return this.bucket.take(now);
  }

  send(message: Uint8Array, now: number): void {
    if (this.isClosed) return;
    this.sentAt = now;
    this.peer.send(message);
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.peer.close(code, reason);
  }

  /**
   * R27: may a warning about this connection be logged at `now`? One per minute; returns how
   * many were held back since the last one (to say so in the line), or null to stay quiet.
   */
  mayWarn(now: number): number | null {
    if (now - this.warnedAt < WARN_EVERY_MS) {
      this.quietWarnings += 1;
      return null;
    }
    const held = this.quietWarnings;
    this.warnedAt = now;
    this.quietWarnings = 0;
    return held;
  }

  /** the socket closed from the other side: nothing more is sent */
  markClosed(): void {
    this.isClosed = true;
  }
}
