import type { CreateSessionResponse, SessionLinks } from '@concerto/contract';

/*
 * « Mes séances »: the sessions created on this device, so the facilitator finds their links
 * again (there are no accounts: the facilitator link is the only key to a session, and the
 * group links cannot be issued again). Kept in local storage, on this device only.
 */

export interface SavedSession {
  id: string;
  title: string;
  date: string | null;
  savedAt: number;
  links: SessionLinks;
}

const KEY = 'concerto:my-sessions';
const MAX = 50;

function isSaved(value: unknown): value is SavedSession {
  const v = value as SavedSession | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.title === 'string'
    && typeof v.links === 'object' && v.links !== null && typeof v.links.facilitator === 'string'
    && Array.isArray(v.links.groups);
}

export function loadMySessions(storage: Storage | null = safeLocal()): SavedSession[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSaved) : [];
  } catch {
    return [];
  }
}

function store(list: readonly SavedSession[], storage: Storage | null): void {
  try {
    storage?.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch {
    // full or forbidden (private mode): the list is just not remembered
  }
}

/** Remembers a session just created (newest first). */
export function rememberSession(created: CreateSessionResponse, date: string | null, now = Date.now(), storage: Storage | null = safeLocal()): SavedSession {
  const saved: SavedSession = { id: created.id, title: created.title, date, savedAt: now, links: created.links };
  store([saved, ...loadMySessions(storage).filter((s) => s.id !== created.id)], storage);
  return saved;
}

export function forgetSession(id: string, storage: Storage | null = safeLocal()): void {
  store(loadMySessions(storage).filter((s) => s.id !== id), storage);
}

export function findSavedSession(id: string, storage: Storage | null = safeLocal()): SavedSession | null {
  return loadMySessions(storage).find((s) => s.id === id) ?? null;
}

function safeLocal(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
