/**
 * What the browser remembers, and where: the link's token for this tab (session storage, so
 * it survives a reload but not the tab), the display name and language for this device
 * (local storage), and the last known session description (so a reload offline still opens
 * the canvas). Storage can be missing or full (private mode): every call tolerates that.
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
const session = () => window.sessionStorage;

/**
 * The token of a link: taken from the fragment (`#token=…`), which is then cleared from the
 * address bar so it is not shared by a copied URL or kept in history; kept for the tab.
 */
export function takeToken(sessionId: string, place: string): string | null {
  const key = `concerto:token:${sessionId}:${place}`;
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('token');
  if (fromLink) {
    write(session, key, fromLink);
    fragment.delete('token');
    const rest = fragment.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
    return fromLink;
  }
  return read(session, key);
}

/**
 * Another token of this session that this tab already holds: a participant who opened the
 * plenary from their group's canvas, or the facilitator from the console, needs no new link.
 * The places listed come first, in order, then any other of the session.
 */
export function findToken(sessionId: string, places: readonly string[]): string | null {
  const prefix = `concerto:token:${sessionId}:`;
  for (const place of places) {
    const token = read(session, `${prefix}${place}`);
    if (token) return token;
  }
  try {
    const storage = session();
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) return storage.getItem(key);
    }
  } catch {
    // no session storage: only the link's own token counts
  }
  return null;
}

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
