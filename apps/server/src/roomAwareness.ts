/**
 * A room's awareness (presence, cursors, drags): who speaks for which client id, this
 * instance's clients' states and other instances', and what is due to be relayed. Never
 * stored, never behind a storage commit (R9). The room hands it its connections' awareness
 * messages and asks it what to relay; the registry decides when (`flush`, `dueAt`).
 */
import { CloseCode } from '@concerto/contract';
import { AwarenessStates, decodeAwarenessUpdate, encodeAwarenessUpdate, NULL_STATE } from './awareness.js';
import type { AwarenessEntry } from './awareness.js';
import type { Connection, DropReason } from './connection.js';
import { encodeAwareness } from './protocol.js';

/** A client id per tab is the norm; a few more allow a client that reset its document. */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;
/** Largest awareness state (its JSON): a name, a colour, a cursor and a drag fit in a few hundred bytes (R25). */
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;
/** A client's awareness is relayed at most this often; what comes between is coalesced, latest wins (R26). */
export const AWARENESS_RELAY_MS = 50;

export interface RoomAwarenessOptions {
  /** the room's key, for log lines */
  key: string;
  /** there are changes to relay (or to publish): the registry flushes the room's awareness */
  onChange: () => void;
  log: (level: 'info' | 'warn', message: string) => void;
  count?: (reason: DropReason, n?: number) => void;
  /** closes a connection for a message that breaks the protocol (counted and logged by the room) */
  refuse: (connection: Connection, code: number, reason: string, why: DropReason) => void;
}

export class RoomAwareness {
  /** this instance's connections' clients */
  private readonly states = new AwarenessStates();
  /** which connection speaks for each local client id (R8) */
  private readonly owners = new Map<number, Connection>();
  private readonly pending = new Map<number, AwarenessEntry>();
  /** when each client's awareness was last relayed (R26) */
  private readonly relayedAt = new Map<number, number>();
  /** this instance's own clients' awareness changes, to publish to other instances (R21) */
  private readonly local = new Map<number, AwarenessEntry>();
  /** other instances' clients' awareness, by owning instance (R21, R22) */
  private readonly remote = new Map<string, AwarenessStates>();

  constructor(private readonly options: RoomAwarenessOptions) {}

  /** present awareness states (client id, clock, JSON as sent), this instance's clients and others' */
  present(): AwarenessEntry[] {
    const present = this.states.present();
    for (const states of this.remote.values()) present.push(...states.present());
    return present;
  }

  /**
   * R21: another instance's clients' awareness, kept per owning instance and relayed. A client
   * id one of this instance's connections owns is not overwritten from outside — unless the
   * other instance has it with a newer clock (R32): the client moved there (its connection here
   * is dead and not noticed yet). Then this instance lets it go, silently: the newer state
   * replaces it here, and that connection's close will not remove it.
   */
  applyRemote(instanceId: string, update: Uint8Array, now: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      return;
    }
    entries = entries.filter((e) => {
      const owner = this.owners.get(e.clientId);
      if (owner === undefined) return true;
      if (e.clock <= (this.states.clockOf(e.clientId) ?? 0)) return false;
      this.owners.delete(e.clientId);
      owner.clientIds.delete(e.clientId);
      this.states.forget(e.clientId);
      this.local.delete(e.clientId);
      return true;
    });
    let states = this.remote.get(instanceId);
    if (states === undefined) {
      states = new AwarenessStates();
      this.remote.set(instanceId, states);
      // An instance this room had not heard from: it may have just loaded the room and know
      // none of our clients (they renew only every 15 s). Tell it now, once.
      for (const entry of this.states.present()) this.local.set(entry.clientId, entry);
      if (this.local.size > 0) this.options.onChange();
    }
    this.queue(states.apply(entries, now), false);
  }

  /** R22: the instances alive now; the states of clients of any other instance are removed and the removal relayed */
  keepInstances(alive: ReadonlySet<string>, now: number): void {
    for (const [instanceId, states] of this.remote) {
      if (alive.has(instanceId)) continue;
      this.remote.delete(instanceId);
      this.queue(states.remove(states.present().map((e) => e.clientId), now), false);
    }
  }

  /** R10: a connection left: its clients' states are removed and the removal relayed */
  leave(connection: Connection, now: number): void {
    for (const clientId of connection.clientIds) {
      if (this.owners.get(clientId) === connection) this.owners.delete(clientId);
    }
    this.queue(this.states.remove(connection.clientIds, now));
  }

  /**
   * R8, R25, R27: a connection's awareness message. Echoes of states the room already has
   * (y-websocket clients send back every state they receive) are dropped silently and counted;
   * the rest must be the connection's own client ids — at most four, counting the ids this
   * message would add — with states of at most MAX_AWARENESS_STATE_BYTES, or the whole
   * message is dropped (the connection stays open).
   */
  receive(connection: Connection, update: Uint8Array, now: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (err) {
      this.options.refuse(connection, CloseCode.unsupportedData, (err as Error).message, 'awareness-malformed');
      return;
    }
    const own: AwarenessEntry[] = [];
    const added: number[] = [];
    let echoes = 0;
    for (const entry of entries) {
      if (this.owners.get(entry.clientId) === connection) own.push(entry);
      else if (this.isEcho(entry)) echoes += 1;
      else if (this.owners.has(entry.clientId)) {
        return this.drop(connection, 'awareness-foreign-id', 'sent awareness for a client id it does not own', now);
      } else {
        // New here, or (R32) a client of another instance with a newer clock than its copy
        // there (no echo, isEcho said): it moved to this instance, which now speaks for it.
        own.push(entry);
        if (!added.includes(entry.clientId)) added.push(entry.clientId);
      }
    }
    if (echoes > 0) this.options.count?.('awareness-echo', echoes);
    if (connection.clientIds.size + added.length > MAX_CLIENT_IDS_PER_CONNECTION) {
      return this.drop(connection, 'awareness-too-many-ids', `would speak for more than ${MAX_CLIENT_IDS_PER_CONNECTION} client ids`, now);
    }
    // JSON length in UTF-16 units: a bound on characters, cheap, close enough to bytes for a cap
    if (own.some((e) => e.state.length > MAX_AWARENESS_STATE_BYTES)) {
      return this.drop(connection, 'awareness-too-large', `sent an awareness state over ${MAX_AWARENESS_STATE_BYTES} bytes`, now);
    }
    for (const clientId of added) {
      connection.clientIds.add(clientId);
      this.owners.set(clientId, connection);
      for (const states of this.remote.values()) states.forget(clientId);
    }
    this.queue(this.states.apply(own, now));
  }

  /**
   * R27: what the room already has — a clock it knows for this client, not newer — or the
   * removal of a client it never knew: a client sends that only back, never for itself.
   */
  private isEcho(entry: AwarenessEntry): boolean {
    let known = this.states.clockOf(entry.clientId);
    for (const states of this.remote.values()) {
      const clock = states.clockOf(entry.clientId);
      if (clock !== undefined && (known === undefined || clock > known)) known = clock;
    }
    if (known !== undefined) return entry.clock <= known;
    return entry.state === NULL_STATE;
  }

  /** R8, R27: drops the whole message; a warning (one per connection per minute), always a count */
  private drop(connection: Connection, reason: DropReason, what: string, now: number): void {
    this.options.count?.(reason);
    const held = connection.mayWarn(now);
    if (held === null) return;
    const more = held > 0 ? ` (${held} more dropped since the last warning)` : '';
    this.options.log('warn', `${this.options.key}: ${connection.label} ${what}: message dropped${more}`);
  }

  /** `local`: changes of this instance's own clients, which other instances must hear of too */
  private queue(changed: readonly AwarenessEntry[], local = true): void {
    if (changed.length === 0) return;
    for (const entry of changed) {
      this.pending.set(entry.clientId, entry);
      if (local) this.local.set(entry.clientId, entry);
    }
    this.options.onChange();
  }

  /** Expires awareness of clients that stopped renewing it (clients renew every 15 s). */
  expire(before: number, now: number): void {
    this.queue(this.states.expire(before, now));
    for (const states of this.remote.values()) this.queue(states.expire(before, now), false);
    for (const [clientId, at] of this.relayedAt) if (at < before) this.relayedAt.delete(clientId);
  }

  /** R26: when the awareness held back by the per-client pacing is due (null: nothing held) */
  get dueAt(): number | null {
    let due: number | null = null;
    for (const clientId of this.pending.keys()) {
      const at = (this.relayedAt.get(clientId) ?? -Infinity) + AWARENESS_RELAY_MS;
      if (due === null || at < due) due = at;
    }
    return due;
  }

  /**
   * Relays the changes that are due to `connections` (R9, R26): latest state per client, at
   * most one relay per client every AWARENESS_RELAY_MS (a removal goes at once), one frame for
   * all — except that a connection is not sent its own clients' states back. Returns this
   * instance's own clients' relayed changes as one awareness update, to publish (R21).
   */
  flush(connections: Iterable<Connection>, now: number): Uint8Array | null {
    const due: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.pending) {
      const last = this.relayedAt.get(clientId);
      if (entry.state !== NULL_STATE && last !== undefined && now - last < AWARENESS_RELAY_MS) continue;
      due.push(entry);
      this.pending.delete(clientId);
      this.relayedAt.set(clientId, now);
    }
    if (due.length > 0) {
      const byOwner = new Map<Connection, number>();
      for (const entry of due) {
        const owner = this.owners.get(entry.clientId);
        if (owner !== undefined) byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
      }
      const frame = encodeAwareness(encodeAwarenessUpdate(due));
      for (const connection of connections) {
        const owned = byOwner.get(connection);
        if (owned === undefined) connection.send(frame, now);
        else if (owned < due.length) {
          const others = due.filter((e) => this.owners.get(e.clientId) !== connection);
          connection.send(encodeAwareness(encodeAwarenessUpdate(others)), now);
        }
      }
    }
    if (this.local.size === 0) return null;
    const publish: AwarenessEntry[] = [];
    for (const [clientId, entry] of this.local) {
      if (this.pending.has(clientId)) continue; // held back: published when relayed
      publish.push(entry);
      this.local.delete(clientId);
    }
    return publish.length === 0 ? null : encodeAwarenessUpdate(publish);
  }
}
