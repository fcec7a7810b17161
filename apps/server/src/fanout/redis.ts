/**
 * Redis fan-out (ioredis): one publisher connection, one subscriber connection.
 *
 * Channels: `<prefix>:room:<sessionId>/<room>` per loaded room, `<prefix>:session` for session
 * control, `<prefix>:presence` for join/leave hints. Presence: every instance writes a
 * heartbeat into the sorted set `<prefix>:instances` (score = Redis server time, so the hosts'
 * clocks do not matter), prunes entries older than `aliveMs`, and reads the set back.
 *
 * Failure model: Redis may vanish, lag or restart empty at any moment, and the server must not
 * notice beyond `health()`. Publishing never queues without bound (offline queue off, in-flight
 * capped, the rest dropped and counted), nothing here throws into the caller, every connection
 * has an error listener, and reconnecting never gives up (capped backoff). On the way back the
 * subscriptions are restored first, then `onResync` tells the server to catch up from storage.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { decodeMessage, encodePresence, encodeRoomEvent, encodeSessionEvent } from './codec.js';
import { safely, sameSet } from './local.js';
import type { FanOut, FanOutHealth, FanOutLog, FanOutStats, RoomEvent, SessionEvent } from './port.js';
import { roomKey } from './roomKey.js';

export interface RedisFanOutOptions {
  url: string;
  /** namespace of every key and channel (several clusters or test runs on one Redis) */
  prefix: string;
  instanceId?: string;
  onLog?: FanOutLog;
  /** presence heartbeat period */
  heartbeatMs?: number;
  /** an instance not seen for this long is dead */
  aliveMs?: number;
  /** publishes waiting for Redis's answer beyond which new ones are dropped */
  maxInFlight?: number;
  maxInFlightBytes?: number;
}

const DEFAULTS = {
  heartbeatMs: 2_000,
  aliveMs: 6_000,
  maxInFlight: 1_000,
  maxInFlightBytes: 16 * 1024 * 1024,
};

/** channels per SUBSCRIBE command when restoring many rooms */
const SUBSCRIBE_CHUNK = 500;

/**
 * Heartbeat and read in one round trip, on Redis's clock. ARGV[1]: our id ('' to only read),
 * ARGV[2]: aliveMs. The key expires if the whole cluster is gone.
 */
const PRESENCE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local alive = tonumber(ARGV[2])
if ARGV[1] ~= '' then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], alive * 10)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - alive)
return redis.call('ZRANGE', KEYS[1], 0, -1)
`;

type RoomHandler = (event: RoomEvent, from: string) => void;

export class RedisFanOut implements FanOut {
  readonly instanceId: string;
  readonly #options: Required<Omit<RedisFanOutOptions, 'instanceId' | 'onLog'>>;
  readonly #log: FanOutLog;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #channels: { session: string; presence: string; instances: string; roomPrefix: string };
  /** channel name → handler: the wanted subscriptions, restored on every reconnect */
  readonly #rooms = new Map<string, RoomHandler>();
  readonly #sessionHandlers: ((sessionId: string, event: SessionEvent, from: string) => void)[] = [];
  readonly #instanceHandlers: ((alive: ReadonlySet<string>) => void)[] = [];
  readonly #resyncHandlers: (() => void)[] = [];
  readonly #stats: FanOutStats = { published: 0, dropped: 0, received: 0, inFlight: 0 };
  #inFlightBytes = 0;
  #alive: ReadonlySet<string>;
  #aliveKnown = false;
  /** the subscriber has every wanted channel (false while down or restoring) */
  #subscribed = false;
  /** the link was down since the last resync (or never up while rooms waited) */
  #resyncDue = false;
  #everUp = false;
  #lastError: string | null = null;
  /** when the publisher link last came BACK: presence only grows for aliveMs after it */
  #linkBackAt = 0;
  #pubUps = 0;
  #heartbeat: NodeJS.Timeout | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed: Promise<void> | null = null;

  constructor(options: RedisFanOutOptions) {
    this.instanceId = options.instanceId ?? `${process.pid}-${randomBytes(5).toString('hex')}`;
    this.#options = {
      url: options.url,
      prefix: options.prefix,
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
      aliveMs: options.aliveMs ?? DEFAULTS.aliveMs,
      maxInFlight: options.maxInFlight ?? DEFAULTS.maxInFlight,
      maxInFlightBytes: options.maxInFlightBytes ?? DEFAULTS.maxInFlightBytes,
    };
    this.#log = options.onLog ?? (() => {});
    this.#alive = new Set([this.instanceId]);
    const p = options.prefix;
    this.#channels = {
      session: `${p}:session`,
      presence: `${p}:presence`,
      instances: `${p}:instances`,
      roomPrefix: `${p}:room:`,
    };

    const common: RedisOptions = {
      // Commands while disconnected fail at once instead of piling up in memory.
      enableOfflineQueue: false,
      // Commands in flight when the link drops fail at the first reconnect attempt, not later.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // We restore subscriptions ourselves, so that we know when they are back (onResync).
      autoResubscribe: false,
      connectTimeout: 2_000,
      commandTimeout: 5_000,
      keepAlive: 5_000,
      // Capped exponential backoff with jitter; never gives up (returning a non-number would).
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), 1_000) + Math.floor(Math.random() * 100),
    };
    this.#pub = new Redis(options.url, { ...common, connectionName: `concerto-pub-${this.instanceId}` });
    // No commandTimeout on the subscriber: in subscriber mode there is nothing to time out.
    this.#sub = new Redis(options.url, {
      ...common,
      commandTimeout: undefined,
      connectionName: `concerto-sub-${this.instanceId}`,
    });
    this.#watch(this.#pub, 'publisher');
    this.#watch(this.#sub, 'subscriber');
    this.#sub.on('ready', () => void this.#restore());
    this.#pub.on('ready', () => {
      this.#pubUps += 1;
      if (this.#pubUps > 1) this.#linkBackAt = Date.now();
      void this.#beat();
      this.#maybeResync();
    });
    this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.#receive(channel.toString(), message));
    this.#heartbeat = setInterval(() => void this.#beat(), this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** resolves when both connections are up, or after `timeoutMs` (then it runs degraded) */
  async ready(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.#closed === null) {
      if (this.health().state === 'ok') return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.health().state === 'ok';
  }

  publishRoom(sessionId: string, room: string, event: RoomEvent): void {
    this.#publish(this.#roomChannel(sessionId, room), () => encodeRoomEvent(this.instanceId, event));
  }

  async subscribeRoom(sessionId: string, room: string, handler: RoomHandler): Promise<void> {
    if (this.#closed !== null) return;
    const channel = this.#roomChannel(sessionId, room);
    const had = this.#rooms.has(channel);
    this.#rooms.set(channel, handler);
    if (had || !this.#subscribed) return; // restored with the others once the link is back
    try {
      await this.#sub.subscribe(channel);
    } catch {
      // The link dropped meanwhile: the reconnect restores every wanted channel.
    }
  }

  async unsubscribeRoom(sessionId: string, room: string): Promise<void> {
    const channel = this.#roomChannel(sessionId, room);
    if (!this.#rooms.delete(channel) || !this.#subscribed) return;
    try {
      await this.#sub.unsubscribe(channel);
    } catch {
      // A new connection starts without it anyway.
    }
  }

  publishSession(sessionId: string, event: SessionEvent): void {
    this.#publish(this.#channels.session, () => encodeSessionEvent(this.instanceId, sessionId, event));
  }

  onSessionEvent(handler: (sessionId: string, event: SessionEvent, from: string) => void): void {
    this.#sessionHandlers.push(handler);
  }

  onInstancesChanged(handler: (alive: ReadonlySet<string>) => void): void {
    this.#instanceHandlers.push(handler);
    if (this.#aliveKnown) {
      const alive = this.#alive;
      queueMicrotask(() => safely(() => handler(alive)));
    }
  }

  onResync(handler: () => void): void {
    this.#resyncHandlers.push(handler);
  }

  health(): FanOutHealth {
    if (this.#closed !== null) return { state: 'degraded', reason: 'redis fan-out closed' };
    const down = [
      this.#pub.status === 'ready' ? null : 'publisher',
      this.#sub.status === 'ready' && this.#subscribed ? null : 'subscriber',
    ].filter((x) => x !== null);
    if (down.length === 0) return { state: 'ok' };
    const why = this.#lastError ?? (this.#everUp ? 'reconnecting' : 'connecting');
    return { state: 'degraded', reason: `redis ${down.join(' and ')} down: ${why}` };
  }

  stats(): FanOutStats {
    return { ...this.#stats };
  }

  close(): Promise<void> {
    this.#closed ??= this.#shutdown();
    return this.#closed;
  }

  async #shutdown(): Promise<void> {
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    if (this.#retry !== null) clearTimeout(this.#retry);
    this.#rooms.clear();
    if (this.#pub.status === 'ready') {
      // Goodbye: leave the set now rather than after aliveMs, and tell the others to look.
      const bye = this.#pub
        .multi()
        .zrem(this.#channels.instances, this.instanceId)
        .publish(this.#channels.presence, Buffer.from(encodePresence(this.instanceId, 'bye')))
        .exec()
        .catch(() => null);
      await Promise.race([bye, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    }
    await Promise.all([quit(this.#pub), quit(this.#sub)]);
  }

  #roomChannel(sessionId: string, room: string): string {
    return this.#channels.roomPrefix + roomKey(sessionId, room);
  }

  #publish(channel: string, encode: () => Uint8Array): void {
    if (this.#closed !== null) return;
    if (this.#pub.status !== 'ready' || this.#stats.inFlight >= this.#options.maxInFlight) {
      this.#stats.dropped += 1;
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = encode();
    } catch (err) {
      this.#log('warn', `fan-out: cannot encode an event: ${String(err)}`);
      this.#stats.dropped += 1;
      return;
    }
    if (this.#inFlightBytes + bytes.byteLength > this.#options.maxInFlightBytes && this.#stats.inFlight > 0) {
      this.#stats.dropped += 1;
      return;
    }
    this.#stats.inFlight += 1;
    this.#inFlightBytes += bytes.byteLength;
    this.#stats.published += 1;
    this.#pub
      .publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      .catch(() => {
        // Timed out or lost with the connection: it may or may not have reached Redis.
        this.#stats.dropped += 1;
      })
      .finally(() => {
        this.#stats.inFlight -= 1;
        this.#inFlightBytes -= bytes.byteLength;
      });
  }

  #receive(channel: string, body: Buffer): void {
    const message = decodeMessage(body);
    if (message === null || message.from === this.instanceId) return;
    switch (message.channel) {
      case 'room': {
        const handler = this.#rooms.get(channel);
        if (handler === undefined) return; // unsubscribed while the message was on its way
        this.#stats.received += 1;
        safely(() => handler(message.event, message.from));
        return;
      }
      case 'session':
        if (channel !== this.#channels.session) return;
        this.#stats.received += 1;
        for (const h of this.#sessionHandlers) safely(() => h(message.sessionId, message.event, message.from));
        return;
      case 'presence':
        if (channel !== this.#channels.presence) return;
        if (message.event === 'bye' && this.#alive.has(message.from)) {
          // It said goodbye: gone now, whatever the set says in the meantime.
          const alive = new Set(this.#alive);
          alive.delete(message.from);
          this.#setAlive(alive);
        }
        void this.#readPresence();
        return;
    }
  }

  /** every wanted channel on the (new) subscriber connection, then resync */
  async #restore(): Promise<void> {
    if (this.#closed !== null) return;
    const wanted = [this.#channels.session, this.#channels.presence, ...this.#rooms.keys()];
    try {
      for (let i = 0; i < wanted.length; i += SUBSCRIBE_CHUNK) {
        await this.#sub.subscribe(...wanted.slice(i, i + SUBSCRIBE_CHUNK));
      }
    } catch (err) {
      // Dropped again: the next 'ready' retries. Refused on a live link (rare: ACL, OOM):
      // retry shortly, since no 'ready' will come.
      if (this.#sub.status === 'ready' && this.#closed === null) {
        this.#log('warn', `fan-out: redis subscribe failed: ${String(err)}`);
        this.#retry = setTimeout(() => void this.#restore(), 1_000);
        this.#retry.unref();
      }
      return;
    }
    // Rooms subscribed (or unsubscribed) while we were restoring: subscribe the newcomers too.
    const done = new Set(wanted);
    const missing = [...this.#rooms.keys()].filter((c) => !done.has(c));
    if (missing.length > 0) await this.#sub.subscribe(...missing).catch(() => undefined);
    if (this.#sub.status !== 'ready') return;
    this.#subscribed = true;
    // The first connection resyncs only if rooms were loaded before it (they missed events).
    if (this.#everUp || this.#rooms.size > 0) this.#resyncDue = true;
    this.#everUp = true;
    this.#lastError = null;
    this.#log('info', `fan-out: redis link up, ${this.#rooms.size} room channel(s) subscribed`);
    void this.#beat();
    this.#maybeResync();
  }

  #maybeResync(): void {
    if (!this.#resyncDue || !this.#subscribed || this.#pub.status !== 'ready' || this.#closed !== null) return;
    this.#resyncDue = false;
    for (const h of this.#resyncHandlers) safely(h);
  }

  #watch(conn: Redis, role: string): void {
    // Without an 'error' listener an unreachable Redis would crash the process.
    conn.on('error', (err: Error) => {
      const text = err.message || String(err);
      if (text !== this.#lastError) this.#log('warn', `fan-out: redis ${role} error: ${text}`);
      this.#lastError = text;
    });
    conn.on('close', () => {
      if (this.#closed !== null) return;
      if (role === 'subscriber') this.#subscribed = false;
      if (this.#everUp) this.#resyncDue = true;
    });
  }

  async #beat(): Promise<void> {
    await this.#presence(this.instanceId);
  }

  async #readPresence(): Promise<void> {
    await this.#presence('');
  }

  async #presence(self: string): Promise<void> {
    if (this.#closed !== null || this.#pub.status !== 'ready') return;
    let ids: unknown;
    try {
      ids = await this.#pub.eval(PRESENCE_SCRIPT, 1, this.#channels.instances, self, String(this.#options.aliveMs));
    } catch {
      return; // link down or slow: keep the last known set rather than declare everyone dead
    }
    if (this.#closed !== null || !Array.isArray(ids)) return;
    const alive = new Set<string>(ids.filter((x): x is string => typeof x === 'string'));
    alive.add(this.instanceId);
    // Right after the link came back, Redis may have restarted empty and the others have not
    // beaten again yet: do not declare them dead for that (their clients' presence would
    // vanish everywhere). One that really died is removed once this window has passed.
    if (Date.now() - this.#linkBackAt < this.#options.aliveMs) for (const id of this.#alive) alive.add(id);
    const first = !this.#aliveKnown;
    this.#setAlive(alive);
    if (first && self !== '') {
      // Tell the others now rather than at their next heartbeat.
      this.#publish(this.#channels.presence, () => encodePresence(this.instanceId, 'hello'));
    }
  }

  #setAlive(alive: ReadonlySet<string>): void {
    if (this.#aliveKnown && sameSet(alive, this.#alive)) return;
    this.#aliveKnown = true;
    this.#alive = alive;
    for (const h of this.#instanceHandlers) safely(() => h(alive));
  }
}

async function quit(conn: Redis): Promise<void> {
  try {
    if (conn.status === 'ready') await conn.quit();
    else conn.disconnect();
  } catch {
    conn.disconnect();
  }
}
