/**
 * Which browser profile a presence comes from (`user.device` in awareness), so that one person
 * with the board open in two tabs, or a phone that reconnected before its old connection timed
 * out, is one person present and not two. It is public: every client of the room reads it.
 * It is therefore made up on its own and never derived from the voter id
 * (`plenary/vote/participantId.ts`), which must stay secret: anyone who knew it could vote in its name.
 */
import { deviceStorage } from '../app/deviceStorage.js';
import { newParticipantId } from '../plenary/vote/participantId.js';

const KEY = 'concerto:presence-device';
const VALID = /^[A-Za-z0-9_-]{8,64}$/;

/** made on a device whose storage refuses: one per page */
let unkept: string | null = null;

export function presenceDeviceId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = deviceStorage()): string {
  try {
    const existing = storage?.getItem(KEY) ?? null;
    if (existing !== null && VALID.test(existing)) return existing;
  } catch {
    // unreadable: this page's own
  }
  unkept ??= newParticipantId();
  try {
    storage?.setItem(KEY, unkept);
  } catch {
    // not remembered: the next page of this device gets another and counts once more
  }
  return unkept;
}

/**
 * The key one person present is counted under: the device and the name (two people taking
 * turns on one shared tablet, each in a tab under their own name, are two). A client that
 * announces no device (another client, an older version) counts on its own.
 */
export function presenceKey(state: { user?: { name?: unknown; device?: unknown } } | null | undefined, clientId: number): string {
  const device = state?.user?.device;
  const name = state?.user?.name;
  return typeof device === 'string' && VALID.test(device) ? `${device}\n${typeof name === 'string' ? name.trim() : ''}` : `client:${clientId}`;
}
