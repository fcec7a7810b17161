/**
 * What the browser remembers, and where (links' tokens: see links.ts): the display name and
 * language for this device (local storage), and the last known session description (so a
 * reload offline still opens the canvas). Storage can be missing or full (private mode): every call tolerates that.
 */
function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // nothing to do: the value just is not remembered
  }
}

const local = () => window.localStorage;

export function loadName(): string {
  return read(local, 'concerto:name') ?? '';
}

export function saveName(name: string): void {
  write(local, 'concerto:name', name);
}

export function loadLocale(): string | null {
  return read(local, 'concerto:locale');
}

export function saveLocale(locale: string): void {
  write(local, 'concerto:locale', locale);
}

export function loadCached<T>(key: string): T | null {
  const raw = read(local, `concerto:cache:${key}`);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function saveCached(key: string, value: unknown): void {
  write(local, `concerto:cache:${key}`, JSON.stringify(value));
}

export function loadCursorsOn(): boolean {
  return read(local, 'concerto:cursors') !== 'off';
}

export function saveCursorsOn(on: boolean): void {
  write(local, 'concerto:cursors', on ? 'on' : 'off');
}
