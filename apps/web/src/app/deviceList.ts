/**
 * A short list kept in this device's local storage, newest first, one entry per id: « Mes
 * séances » and « Mes démarches » (there are no accounts, so the links are the only keys, and
 * this is where a facilitator finds theirs again). Whatever another version or a person left
 * under the key is read leniently; a full or forbidden storage just does not remember.
 */
import { deviceStorage } from './deviceStorage.js';

const MAX = 50;

export interface DeviceList<T extends { id: string }> {
  load(storage?: Storage | null): T[];
  /** puts `entry` first, replacing the one with its id */
  remember(entry: T, storage?: Storage | null): T;
  forget(id: string, storage?: Storage | null): void;
  find(id: string, storage?: Storage | null): T | null;
}

export function deviceList<T extends { id: string }>(key: string, isValid: (value: unknown) => value is T): DeviceList<T> {
  const load = (storage: Storage | null = deviceStorage()): T[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isValid) : [];
    } catch {
      return [];
    }
  };
  const store = (list: readonly T[], storage: Storage | null): void => {
    try {
      storage?.setItem(key, JSON.stringify(list.slice(0, MAX)));
    } catch {
      // full or forbidden (private mode): the list is just not remembered
    }
  };
  return {
    load,
    remember(entry, storage = deviceStorage()) {
      store([entry, ...load(storage).filter((e) => e.id !== entry.id)], storage);
      return entry;
    },
    forget(id, storage = deviceStorage()) {
      store(load(storage).filter((e) => e.id !== id), storage);
    },
    find(id, storage = deviceStorage()) {
      return load(storage).find((e) => e.id === id) ?? null;
    },
  };
}
