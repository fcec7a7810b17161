/**
 * Connections that have not finished their first request or websocket upgrade (issue 10,
 * item 1). Node lets a silent or slowloris socket live ~90 s (its `headersTimeout` plus the
 * check interval), one descriptor each. Here each such socket is closed after
 * UNFINISHED_TIMEOUT_MS, and one remote address may hold at most `limit` of them: more are
 * closed at once. A legitimate client sends its headers within one round trip, so neither
 * rule touches it; a reverse proxy forwards whole requests, so its address is not starved.
 */
import type { Clock } from './clock.js';

/** an unfinished request or upgrade is closed after this long */
export const UNFINISHED_TIMEOUT_MS = 10_000;

/** what is needed of a `net.Socket` */
export interface PendingSocket {
  readonly remoteAddress?: string | undefined;
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

export type PendingRefusal = 'too-many-pending' | 'unfinished-upgrade';

export class PendingSockets {
  private readonly pending = new Map<PendingSocket, { address: string; cancel: () => void }>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
    private readonly onRefuse: (reason: PendingRefusal, address: string) => void,
    private readonly timeoutMs = UNFINISHED_TIMEOUT_MS,
  ) {}

  /** a new connection: counted until `finished`, closed if over the cap or still unfinished at the timeout */
  opened(socket: PendingSocket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (this.perAddress.get(address) ?? 0) + 1;
    if (count > this.limit) {
      this.onRefuse('too-many-pending', address);
      socket.destroy();
      return;
    }
    this.perAddress.set(address, count);
    const cancel = this.clock.after(this.timeoutMs, () => {
      if (!this.pending.has(socket)) return;
      this.finished(socket);
      this.onRefuse('unfinished-upgrade', address);
      socket.destroy();
    });
    this.pending.set(socket, { address, cancel });
    socket.once('close', () => this.finished(socket));
  }

  /** the socket's request (or upgrade) arrived whole, or it closed: it no longer counts */
  finished(socket: PendingSocket): void {
    const entry = this.pending.get(socket);
    if (entry === undefined) return;
    this.pending.delete(socket);
    entry.cancel();
    const left = (this.perAddress.get(entry.address) ?? 1) - 1;
    if (left <= 0) this.perAddress.delete(entry.address);
    else this.perAddress.set(entry.address, left);
  }

  /** unfinished sockets now (all addresses) */
  get size(): number {
    return this.pending.size;
  }
}
