import type { CreateSessionResponse, SessionLinks } from '@concerto/contract';

import { deviceList } from './deviceList.js';

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

function isSaved(value: unknown): value is SavedSession {
  const v = value as SavedSession | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.title === 'string'
    && typeof v.links === 'object' && v.links !== null && typeof v.links.facilitator === 'string'
    && Array.isArray(v.links.groups);
}

const list = deviceList('concerto:my-sessions', isSaved);

export function loadMySessions(storage?: Storage | null): SavedSession[] {
  return list.load(storage);
}

/** Remembers a session just created (newest first). */
export function rememberSession(created: CreateSessionResponse, date: string | null, now = Date.now(), storage?: Storage | null): SavedSession {
  return list.remember({ id: created.id, title: created.title, date, savedAt: now, links: created.links }, storage);
}

export function forgetSession(id: string, storage?: Storage | null): void {
  list.forget(id, storage);
}

export function findSavedSession(id: string, storage?: Storage | null): SavedSession | null {
  return list.find(id, storage);
}
