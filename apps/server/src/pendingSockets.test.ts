import { describe, expect, it } from 'vitest';
import { FakeClock } from './testing/fakeClock.js';
import { PendingSockets, UNFINISHED_TIMEOUT_MS } from './pendingSockets.js';
import type { PendingSocket } from './pendingSockets.js';

class FakeSocket implements PendingSocket {
  destroyed = false;
  private onClose: (() => void) | null = null;
  constructor(readonly remoteAddress: string) {}
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.onClose?.();
  }
  once(_event: 'close', listener: () => void): void {
    this.onClose = listener;
  }
}

describe('PendingSockets', () => {
  it('closes a socket that has not finished its request within the timeout, and only that one', async () => {
    const clock = new FakeClock();
    const refused: string[] = [];
    const guard = new PendingSockets(10, clock, (reason) => refused.push(reason));
    const silent = new FakeSocket('10.0.0.1');
    const legit = new FakeSocket('10.0.0.1');
    guard.opened(silent);
    guard.opened(legit);
    guard.finished(legit);
    await clock.advance(UNFINISHED_TIMEOUT_MS - 1);
    expect(silent.destroyed).toBe(false);
    await clock.advance(1);
    expect([silent.destroyed, legit.destroyed]).toEqual([true, false]);
    expect(refused).toEqual(['unfinished-upgrade']);
    expect(guard.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('caps unfinished sockets per remote address; other addresses and finished ones do not count', () => {
    const clock = new FakeClock();
    const refused: string[] = [];
    const guard = new PendingSockets(3, clock, (reason, address) => refused.push(`${reason} ${address}`));
    const first = [1, 2, 3].map(() => new FakeSocket('10.0.0.1'));
    for (const s of first) guard.opened(s);
    const fourth = new FakeSocket('10.0.0.1');
    guard.opened(fourth);
    expect(fourth.destroyed).toBe(true);
    const elsewhere = new FakeSocket('10.0.0.2');
    guard.opened(elsewhere);
    expect(elsewhere.destroyed).toBe(false);
    guard.finished(first[0]!);
    first[1]!.destroy(); // closed by the client
    const again = new FakeSocket('10.0.0.1');
    guard.opened(again);
    expect(again.destroyed).toBe(false);
    expect(refused).toEqual(['too-many-pending 10.0.0.1']);
    expect(guard.size).toBe(3);
  });
});
