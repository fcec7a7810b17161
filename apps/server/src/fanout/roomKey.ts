/** One string per (session, room), the same on every instance; the Redis channel suffix too. */
export function roomKey(sessionId: string, room: string): string {
  // Session ids never contain '/' (they are URL path segments), so the key is unambiguous.
  return `${sessionId}/${room}`;
}
