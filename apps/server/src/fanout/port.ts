/**
 * The fan-out port: what one server instance tells the others about rooms and sessions, and
 * which instances are alive. Adapters: `local.ts` (in-process), `redis.ts` (Redis pub/sub).
 * Every adapter passes `contract.ts`; see README.md.
 *
 * The fan-out is a hint channel, never the source of truth: storage is. Anything published may
 * be lost (link down, queue full, Redis restarted) and receivers catch up from storage by seq.
 */

/** What crosses instances about one room. */
export type RoomEvent =
  /** a batch already committed to storage, with its storage seq */
  | { type: 'update'; seq: number; update: Uint8Array }
  /** the room's latest stored seq, sent after a link recovery or a quiet period: receivers behind catch up */
  | { type: 'head'; seq: number }
  /** the sender compacted the room's log through `seq` into a snapshot of `snapshotBytes`: receivers re-read the log's size */
  | { type: 'compacted'; seq: number; snapshotBytes: number }
  /** a y-protocols awareness update for the SENDER instance's own clients (ownership already checked) */
  | { type: 'awareness'; update: Uint8Array };

/** Session-wide control: the session record changed in storage (lock, close, phase...) or was deleted. */
export type SessionEvent = { type: 'changed' } | { type: 'deleted' };

export interface FanOutHealth {
  state: 'ok' | 'degraded';
  reason?: string;
}

/** counters for logs and metrics (not part of the behaviour) */
export interface FanOutStats {
  published: number;
  /** events not sent: link down, in-flight bound reached, or lost in flight */
  dropped: number;
  received: number;
  /** publishes handed to the link and not yet acknowledged */
  inFlight: number;
}

export interface FanOut {
  readonly instanceId: string;
  /** fire-and-forget, never throws; bounded: while the link is down or slow, events beyond the bound
   *  are dropped and counted (receivers catch up from storage; Redis is never the source of truth) */
  publishRoom(sessionId: string, room: string, event: RoomEvent): void;
  /** one handler per room key; resolves once subscribed, or at once while the link is down
   *  (re-subscribed on reconnect). Own events are never delivered back. */
  subscribeRoom(sessionId: string, room: string, handler: (event: RoomEvent, from: string) => void): Promise<void>;
  unsubscribeRoom(sessionId: string, room: string): Promise<void>;
  publishSession(sessionId: string, event: SessionEvent): void;
  onSessionEvent(handler: (sessionId: string, event: SessionEvent, from: string) => void): void;
  /** live instance ids (this one included), from heartbeats with a TTL; called on every change.
   *  An instance that died (kill -9) leaves the set within ~8 s. */
  onInstancesChanged(handler: (alive: ReadonlySet<string>) => void): void;
  /** called after the link came back (and subscriptions are restored): rooms catch up from storage
   *  and publish a 'head' so that others catch up too */
  onResync(handler: () => void): void;
  health(): FanOutHealth;
  close(): Promise<void>;
}

/** how the adapters report what an operator may want to see; never required */
export type FanOutLog = (level: 'info' | 'warn', message: string) => void;
