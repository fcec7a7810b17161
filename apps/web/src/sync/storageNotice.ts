/**
 * Issue 10 item 9: what the server says of its storage, over every room this page has open
 * (a canvas, the plenary, the console's group watches). While the server cannot store, it
 * relays nothing (what is typed stays on this device, in IndexedDB) and says so with its
 * storage status message (docs/contract.md); once the backlog is stored it says so again.
 *
 * `suspended` while any open room's server says so; then `restored` for RESTORED_MS, so
 * « Enregistrement rétabli » is seen and heard; then `ok`. Pure: the timer is injected.
 */
import { useSyncExternalStore } from 'react';

export type StorageNotice = 'ok' | 'suspended' | 'restored';

/** how long « Enregistrement rétabli » stays */
export const RESTORED_MS = 4_000;

/** one open room's view of its server's storage */
export interface StorageSource {
  /** the server said storage is suspended (true) or stored the backlog (false) */
  set(suspended: boolean): void;
  /** the room is closed: it no longer counts (without « rétabli »: nothing was stored) */
  close(): void;
}

interface Timers {
  after(ms: number, run: () => void): () => void;
}

const browserTimers: Timers = {
  after(ms, run) {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  },
};

export class StorageNotices {
  private readonly suspended = new Set<object>();
  private current: StorageNotice = 'ok';
  private cancelRestored: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly timers: Timers = browserTimers) {}

  get notice(): StorageNotice {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  source(): StorageSource {
    const key = {};
    return {
      set: (suspended) => {
        if (suspended) this.suspended.add(key);
        else if (!this.suspended.delete(key)) return;
        this.settle(suspended ? 'suspended' : 'restored');
      },
      close: () => {
        if (this.suspended.delete(key)) this.settle('ok');
      },
    };
  }

  /** `after`: what the change means unless another room is still suspended */
  private settle(after: StorageNotice): void {
    this.cancelRestored?.();
    this.cancelRestored = null;
    const next = this.suspended.size > 0 ? 'suspended' : after;
    if (next === 'restored') {
      this.cancelRestored = this.timers.after(RESTORED_MS, () => {
        this.cancelRestored = null;
        this.show('ok');
      });
    }
    this.show(next);
  }

  private show(notice: StorageNotice): void {
    if (notice === this.current) return;
    this.current = notice;
    for (const listener of this.listeners) listener();
  }
}

/** the page's storage notices: every room opened by `openRoom` reports here */
export const storageNotices = new StorageNotices();

export function useStorageNotice(notices: StorageNotices = storageNotices): StorageNotice {
  return useSyncExternalStore(notices.subscribe, () => notices.notice);
}
