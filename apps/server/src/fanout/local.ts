/**
 * In-process fan-out. Several LocalFanOut instances that share one InProcessBus behave as a
 * cluster inside one process (tests, the contract suite). A server without REDIS_URL uses one
 * alone, on its own bus: it publishes to nobody and costs a function call.
 *
 * Delivery is asynchronous (a microtask later, in publish order), as over a network, so a
 * handler never runs inside the publisher's call stack. Payloads are passed by reference: a
 * publisher must not modify a Uint8Array after publishing it.
 */
import { randomBytes } from 'node:crypto';
import type { FanOut, FanOutHealth, FanOutStats, RoomEvent, SessionEvent } from './port.js';
import { roomKey } from './roomKey.js';

type Delivery = () => void;

export class InProcessBus {
  readonly #members = new Set<LocalFanOut>();
  readonly #queue: Delivery[] = [];
  #scheduled = false;

  /** @internal the members' ids, each once */
  alive(): ReadonlySet<string> {
    return new Set([...this.#members].map((m) => m.instanceId));
  }

  /** @internal */
  join(member: LocalFanOut): void {
    this.#members.add(member);
    this.#presenceChanged();
  }

  /** @internal */
  leave(member: LocalFanOut): void {
    if (this.#members.delete(member)) this.#presenceChanged();
  }

  /** @internal runs `deliver` for every member but `from`, later, in call order */
  broadcast(from: LocalFanOut, deliver: (member: LocalFanOut) => void): void {
    const targets = [...this.#members].filter((m) => m !== from);
    if (targets.length === 0) return;
    this.#enqueue(() => {
      for (const m of targets) if (this.#members.has(m)) deliver(m);
    });
  }

  #presenceChanged(): void {
    this.#enqueue(() => {
      const alive = this.alive();
      for (const m of this.#members) m.presenceChanged(alive);
    });
  }

  #enqueue(delivery: Delivery): void {
    this.#queue.push(delivery);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      // Deliveries queued while draining run in this same drain, still in order.
      for (let d = this.#queue.shift(); d !== undefined; d = this.#queue.shift()) d();
    });
  }
}

type RoomHandler = (event: RoomEvent, from: string) => void;

export class LocalFanOut implements FanOut {
  readonly instanceId: string;
  readonly #bus: InProcessBus;
  readonly #rooms = new Map<string, RoomHandler>();
  readonly #sessionHandlers: ((sessionId: string, event: SessionEvent, from: string) => void)[] = [];
  readonly #instanceHandlers: ((alive: ReadonlySet<string>) => void)[] = [];
  #alive: ReadonlySet<string> = new Set();
  #closed = false;
  readonly #stats: FanOutStats = { published: 0, dropped: 0, received: 0, inFlight: 0 };

  constructor(options: { bus?: InProcessBus; instanceId?: string } = {}) {
    this.instanceId = options.instanceId ?? `local-${randomBytes(6).toString('hex')}`;
    this.#bus = options.bus ?? new InProcessBus();
    this.#bus.join(this);
  }

  publishRoom(sessionId: string, room: string, event: RoomEvent): void {
    if (this.#closed) return;
    this.#stats.published += 1;
    const key = roomKey(sessionId, room);
    this.#bus.broadcast(this, (m) => m.#receiveRoom(key, event, this.instanceId));
  }

  async subscribeRoom(sessionId: string, room: string, handler: RoomHandler): Promise<void> {
    if (!this.#closed) this.#rooms.set(roomKey(sessionId, room), handler);
  }

  async unsubscribeRoom(sessionId: string, room: string): Promise<void> {
    this.#rooms.delete(roomKey(sessionId, room));
  }

  publishSession(sessionId: string, event: SessionEvent): void {
    if (this.#closed) return;
    this.#stats.published += 1;
    this.#bus.broadcast(this, (m) => m.#receiveSession(sessionId, event, this.instanceId));
  }

  onSessionEvent(handler: (sessionId: string, event: SessionEvent, from: string) => void): void {
    this.#sessionHandlers.push(handler);
  }

  onInstancesChanged(handler: (alive: ReadonlySet<string>) => void): void {
    this.#instanceHandlers.push(handler);
    // The current set as soon as it is known, as the Redis adapter does after its first heartbeat.
    if (this.#alive.size > 0) {
      const alive = this.#alive;
      queueMicrotask(() => safely(() => handler(alive)));
    }
  }

  /** the in-process link never breaks */
  onResync(): void {}

  health(): FanOutHealth {
    return { state: 'ok' };
  }

  stats(): FanOutStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#rooms.clear();
    this.#bus.leave(this);
  }

  /** @internal called by the bus */
  presenceChanged(alive: ReadonlySet<string>): void {
    if (this.#closed || sameSet(alive, this.#alive)) return;
    this.#alive = alive;
    for (const h of this.#instanceHandlers) safely(() => h(alive));
  }

  #receiveRoom(key: string, event: RoomEvent, from: string): void {
    const handler = this.#rooms.get(key);
    if (handler === undefined) return;
    this.#stats.received += 1;
    safely(() => handler(event, from));
  }

  #receiveSession(sessionId: string, event: SessionEvent, from: string): void {
    this.#stats.received += 1;
    for (const h of this.#sessionHandlers) safely(() => h(sessionId, event, from));
  }
}

export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** a handler's bug must not stop delivery to the others, nor escape into the bus */
export function safely(run: () => void): void {
  try {
    run();
  } catch (err) {
    queueMicrotask(() => {
      // Surfaced as an uncaught error would crash the server: report it on stderr instead.
      // eslint-disable-next-line no-console -- the adapter has no logger; stderr is the report
      console.error('fan-out handler failed:', err);
    });
  }
}
