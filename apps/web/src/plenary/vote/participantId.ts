import { useSyncExternalStore } from 'react';
import { deviceStorage } from '../../app/deviceStorage.js';

/**
 * The anonymous id a device votes with in a session: made up once, kept in local storage under
 * the session, so a reload, a second tab or a second window of the same browser is the same
 * voter with the same dots and the same limit. It says nothing about the person, and is not
 * the same from one session to the next. The server accepts `^[A-Za-z0-9_-]{8,64}$`.
 */
const PREFIX = 'concerto:voter:';
export const PARTICIPANT_ID = /^[A-Za-z0-9_-]{8,64}$/;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** 22 url-safe characters (128 random bits); `crypto.randomUUID` only exists on https. */
export function newParticipantId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function stored(storage: Storage | null, key: string): string | null {
  try {
    const value = storage?.getItem(key) ?? null;
    return value !== null && PARTICIPANT_ID.test(value) ? value : null;
  } catch {
    return null;
  }
}

/** Ids made on a device whose storage refuses: kept for the page, per session. */
const unkept = new Map<string, string>();

/**
 * This device's id in the session; a fresh one is kept if none (or a damaged one) was stored.
 * Read again at every use: two windows opened at once may both make one, and the one kept last
 * is the one both then use.
 */
export function participantId(sessionId: string, storage: Storage | null = deviceStorage()): string {
  const key = `${PREFIX}${sessionId}`;
  const existing = stored(storage, key);
  if (existing !== null) return existing;
  const id = unkept.get(key) ?? newParticipantId();
  try {
    storage?.setItem(key, id);
  } catch {
    // not remembered: this page keeps it, and the server still caps each id's dots
  }
  const kept = stored(storage, key);
  if (kept === null) unkept.set(key, id);
  return kept ?? id;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

/** The voter id, following another window of the same browser that set it. */
export function useParticipantId(sessionId: string): string {
  return useSyncExternalStore(subscribe, () => participantId(sessionId));
}
