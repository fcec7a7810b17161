/**
 * Which notes a large board mounts first. Every note on screen goes in the first frame, so the
 * first full view does not wait for the notes before them in document order; the others follow
 * in document order, `limit` at a time. The result is always in document order, so the cards'
 * stacking is the same as when every note is mounted.
 */
export function notesToMount(ids: readonly string[], limit: number, onScreen: (id: string) => boolean): readonly string[] {
  if (ids.length <= limit) return ids;
  const visible = new Set<string>();
  for (const id of ids) if (onScreen(id)) visible.add(id);
  let others = Math.max(0, limit - visible.size);
  return ids.filter((id) => {
    if (visible.has(id)) return true;
    if (others === 0) return false;
    others--;
    return true;
  });
}
