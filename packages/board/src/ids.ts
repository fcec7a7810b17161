/** URL-safe and free of ':' so plenary ids `${groupId}:${keyIdeaId}` stay unambiguous. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ID_LENGTH = 16;

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A random id of 16 characters (96 bits). Uses Web Crypto, present in Node 20 and every
 * browser, so the package needs no platform import.
 */
export function newId(): string {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (source === undefined) throw new Error('newId needs globalThis.crypto.getRandomValues');
  const bytes = source.getRandomValues(new Uint8Array(ID_LENGTH));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
