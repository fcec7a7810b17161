import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode, STORAGE_STATUS_MESSAGE, StorageStatus } from '@concerto/contract';
import { failureOf, followStorageStatus } from './openRoom.js';
import { StorageNotices } from './storageNotice.js';

describe('failureOf', () => {
  it('retries a storage outage (1013), a restart (1012) and a rate limit (1008); stops on a refused link', () => {
    expect(failureOf(CloseCode.tryAgainLater)).toBeNull();
    expect(failureOf(CloseCode.serviceRestart)).toBeNull();
    expect(failureOf(CloseCode.tooManyMessages)).toBeNull();
    expect(failureOf(CloseCode.unauthorized)).toBe('invalid-link');
    expect(failureOf(CloseCode.notFound)).toBe('not-found');
  });
});

/** what followStorageStatus needs of a provider: its message handlers and its events */
class FakeProvider {
  messageHandlers: ((encoder: unknown, decoder: { arr: Uint8Array; pos: number }) => void)[] = [];
  private readonly listeners = new Map<string, Set<(arg: never) => void>>();
  on(name: string, listener: (arg: never) => void): void {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
  }
  off(name: string, listener: (arg: never) => void): void {
    this.listeners.get(name)?.delete(listener);
  }
  emit(name: string, arg: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener(arg as never);
  }
  /** a storage status message from the server, as y-websocket hands it over (type read) */
  receive(status: number): void {
    this.messageHandlers[STORAGE_STATUS_MESSAGE]!({}, { arr: new Uint8Array([STORAGE_STATUS_MESSAGE, status]), pos: 1 });
  }
}

describe('followStorageStatus (issue 10 item 9)', () => {
  function setup() {
    const provider = new FakeProvider();
    const notices = new StorageNotices({ after: () => () => undefined });
    const stop = followStorageStatus(provider as unknown as WebsocketProvider, notices);
    return { provider, notices, stop };
  }

  it('follows what the server says', () => {
    const { provider, notices } = setup();
    provider.emit('status', { status: 'connected' });
    provider.receive(StorageStatus.suspended);
    provider.emit('sync', true); // a room with nothing pending answers at once: still suspended
    expect(notices.notice).toBe('suspended');
    provider.receive(StorageStatus.stored);
    expect(notices.notice).toBe('restored');
  });

  it('a reconnect that syncs without hearing « suspended » finds storage working (a restarted server says nothing)', () => {
    const { provider, notices } = setup();
    provider.emit('status', { status: 'connected' });
    provider.receive(StorageStatus.suspended);
    provider.emit('status', { status: 'disconnected' });
    expect(notices.notice).toBe('suspended');
    provider.emit('status', { status: 'connected' });
    provider.emit('sync', true);
    expect(notices.notice).toBe('restored');
  });

  it('a closed room stops counting', () => {
    const { provider, notices, stop } = setup();
    provider.receive(StorageStatus.suspended);
    stop();
    expect(notices.notice).toBe('ok');
  });
});
