/**
 * The anonymous id a device votes with: made up once, kept in local storage, so a reload or
 * a second tab keeps the same dots and the same limit. It says nothing about the person.
 * The server accepts `^[A-Za-z0-9_-]{8,64}$`.
 */
const KEY = 'concerto:participant';
export const PARTICIPANT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** 22 url-safe characters (128 random bits); `crypto.randomUUID` only exists on https. */
export function newParticipantId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** This device's id; a fresh one is kept if none (or a damaged one) was stored. */
export function participantId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()): string {
  try {
    const stored = storage?.getItem(KEY) ?? null;
    if (stored !== null && PARTICIPANT_ID.test(stored)) return stored;
  } catch {
    // storage refused (private mode): the id lasts for this page
  }
  const id = newParticipantId();
  try {
    storage?.setItem(KEY, id);
  } catch {
    // not remembered: a reload gets a new id, and the server still caps each id's dots
  }
  return id;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
