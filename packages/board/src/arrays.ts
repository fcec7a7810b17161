import { clampIndex } from './values.js';

/**
 * Where to re-insert an entry so that it ends at position `toIndex` among the valid entries,
 * once it has been deleted from raw index `from`. Indices are raw array indices, so garbage
 * entries that readers skip stay where they are. Returns null when the entry is already there.
 */
export function planMove(validIndices: readonly number[], from: number, toIndex: number): number | null {
  const position = validIndices.indexOf(from);
  const others = validIndices.filter((index) => index !== from).map((index) => (index > from ? index - 1 : index));
  const target = clampIndex(toIndex, 0, others.length);
  if (target === position) return null;
  const before = others[target];
  if (before !== undefined) return before;
  const last = others[others.length - 1];
  return last === undefined ? from : last + 1;
}
