import type { SessionDescription } from '@concerto/contract';

/**
 * The capability tokens a device holds, per session. A link's token arrives in the fragment
 * (`#token=…`) and leaves the address bar at once (so a copied address or the history never
 * carries it); once the server has said what it opens, it is kept in local storage under what
 * it is (the facilitator's, the projector's, or a group's), so the same address reopened from
 * a bookmark or the history works again on this device, until « Oublier ce lien » forgets it.
 * Storage can be missing or refused (private mode): then only the link in hand counts.
 */

/** The pages a link opens; a group's canvas names its group. */
export type Place = { page: 'group'; groupId: string } | { page: 'facilitate' | 'plenary' | 'projection' };

/** What a token is, as the server described it. */
export type Slot = 'facilitator' | 'projector' | `group:${string}`;

export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const DEVICE = 'concerto:link:';
const TAB = 'concerto:token:';

function safe(get: () => KeyValueStorage): KeyValueStorage | null {
  try {
    return get();
  } catch {
    return null;
  }
}

const device = () => safe(() => window.localStorage);
const tab = () => safe(() => window.sessionStorage);

function keysOf(storage: KeyValueStorage | null, prefix: string): string[] {
  if (storage === null) return [];
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // unreadable: nothing kept
  }
  return keys.sort();
}

function get(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) || null;
  } catch {
    return null;
  }
}

function set(storage: KeyValueStorage | null, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // not remembered: the link in hand still works for this page
  }
}

export function placeKey(place: Place): string {
  return place.page === 'group' ? place.groupId : place.page;
}

export function slotOf(you: SessionDescription['you']): Slot {
  if (you.role === 'facilitator') return 'facilitator';
  if (you.role === 'projector' || you.groupId === null) return 'projector';
  return `group:${you.groupId}`;
}

/**
 * Which kept tokens may open a place, best first: the place's own, then the facilitator's (it
 * opens everything), then others, which at least let the page say what they open.
 */
export function slotOrder(place: Place, slots: readonly Slot[]): Slot[] {
  const rank = (slot: Slot): number => {
    if (place.page === 'group') return slot === `group:${place.groupId}` ? 0 : slot === 'facilitator' ? 1 : slot === 'projector' ? 3 : 2;
    if (place.page === 'facilitate') return slot === 'facilitator' ? 0 : slot === 'projector' ? 2 : 1;
    if (place.page === 'plenary') return slot === 'facilitator' ? 0 : slot === 'projector' ? 2 : 1;
    return slot === 'projector' ? 0 : slot === 'facilitator' ? 1 : 2;
  };
  return [...slots].sort((a, b) => rank(a) - rank(b));
}

/**
 * The token of the link just opened: taken from the fragment, which is then cleared from the
 * address bar; kept for the tab until the server has said what it is.
 */
export function takeLinkToken(sessionId: string, place: Place): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('token');
  if (!fromLink) return null;
  set(tab(), `${TAB}${sessionId}:${placeKey(place)}`, fromLink);
  fragment.delete('token');
  const rest = fragment.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
  return fromLink;
}

/** The token for a place without a link in hand: the tab's own, else the best kept on the device. */
export function keptToken(sessionId: string, place: Place, storage = device(), tabStorage = tab()): string | null {
  const own = get(tabStorage, `${TAB}${sessionId}:${placeKey(place)}`);
  if (own !== null) return own;
  const prefix = `${DEVICE}${sessionId}:`;
  const slots = keysOf(storage, prefix).map((key) => key.slice(prefix.length) as Slot);
  for (const slot of slotOrder(place, slots)) {
    const token = get(storage, `${prefix}${slot}`);
    if (token !== null) return token;
  }
  return null;
}

/**
 * Tokens taken from a link since the app started: the app takes the link's token before the page
 * renders (to ask for the session meanwhile), and the tab's storage may refuse to keep it.
 */
const takenHere = new Map<string, string>();

/** The token a page uses: the link's just opened, else one kept for the place. */
export function tokenFor(sessionId: string, place: Place): string | null {
  const key = `${sessionId}:${placeKey(place)}`;
  const fromLink = takeLinkToken(sessionId, place);
  if (fromLink !== null) takenHere.set(key, fromLink);
  return fromLink ?? takenHere.get(key) ?? keptToken(sessionId, place);
}

/** The server said what this token opens: keep it on the device under that. */
export function keepToken(sessionId: string, you: SessionDescription['you'], token: string, storage = device()): void {
  set(storage, `${DEVICE}${sessionId}:${slotOf(you)}`, token);
}

/** A token the server refused: not offered again. */
export function dropToken(sessionId: string, token: string, storage = device(), tabStorage = tab()): void {
  for (const [key, taken] of takenHere) if (key.startsWith(`${sessionId}:`) && taken === token) takenHere.delete(key);
  for (const [store, prefix] of [[storage, `${DEVICE}${sessionId}:`], [tabStorage, `${TAB}${sessionId}:`]] as const) {
    for (const key of keysOf(store, prefix)) if (get(store, key) === token) set(store, key, null);
  }
}

/** « Oublier ce lien sur cet appareil »: every token of the session, on the device and in the tab. */
export function forgetSession(sessionId: string, storage = device(), tabStorage = tab()): void {
  for (const key of takenHere.keys()) if (key.startsWith(`${sessionId}:`)) takenHere.delete(key);
  for (const key of keysOf(storage, `${DEVICE}${sessionId}:`)) set(storage, key, null);
  for (const key of keysOf(tabStorage, `${TAB}${sessionId}:`)) set(tabStorage, key, null);
}

/** Does this device keep any token of the session? */
export function holdsSession(sessionId: string, storage = device(), tabStorage = tab()): boolean {
  return keysOf(storage, `${DEVICE}${sessionId}:`).length > 0 || keysOf(tabStorage, `${TAB}${sessionId}:`).length > 0;
}

/**
 * Where a token really leads when it does not open this place: a participant's token on another
 * group's canvas or on the console, a projector's on the console. Null when it opens the place.
 */
export type Elsewhere = { page: 'group'; groupId: string } | { page: 'projection' } | { page: 'plenary' };

export function elsewhereOf(place: Place, you: SessionDescription['you']): Elsewhere | null {
  if (you.role === 'facilitator') return null;
  const home: Elsewhere = you.role === 'participant' && you.groupId !== null ? { page: 'group', groupId: you.groupId } : { page: 'projection' };
  if (place.page === 'facilitate') return home;
  if (place.page === 'group') {
    if (you.role === 'projector') return null; // a projector reads every canvas
    return you.groupId === place.groupId ? null : home;
  }
  return null;
}
