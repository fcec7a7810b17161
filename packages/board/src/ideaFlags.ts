import type * as Y from 'yjs';

/*
 * The facilitator's marks on plenary ideas: hidden (kept, but not projected) or highlighted.
 * In the plenary document's `ideaFlags` map: idea id → `{ hidden, highlighted }`.
 */

export const IDEA_FLAGS_MAP = 'ideaFlags';

export interface IdeaFlags {
  hidden: boolean;
  highlighted: boolean;
}

export function readIdeaFlags(doc: Y.Doc): Map<string, IdeaFlags> {
  const out = new Map<string, IdeaFlags>();
  let map: Y.Map<unknown>;
  try {
    map = doc.getMap<unknown>(IDEA_FLAGS_MAP);
  } catch {
    return out;
  }
  for (const [id, value] of map.entries()) {
    if (typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    out.set(id, { hidden: v['hidden'] === true, highlighted: v['highlighted'] === true });
  }
  return out;
}

export function setIdeaFlags(doc: Y.Doc, ideaId: string, flags: Partial<IdeaFlags>, origin?: unknown): void {
  const current = readIdeaFlags(doc).get(ideaId) ?? { hidden: false, highlighted: false };
  const next = { ...current, ...flags };
  if (next.hidden === current.hidden && next.highlighted === current.highlighted && readIdeaFlags(doc).has(ideaId)) return;
  doc.transact(() => doc.getMap<unknown>(IDEA_FLAGS_MAP).set(ideaId, next), origin);
}
