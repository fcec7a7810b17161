/**
 * Helpers for the board's tests.
 */
import * as Y from 'yjs';

/** How many `update` events `run` made the document emit (SPEC R1, R3). */
export function updatesDuring(doc: Y.Doc, run: () => unknown): number {
  let count = 0;
  const onUpdate = (): void => {
    count++;
  };
  doc.on('update', onUpdate);
  try {
    run();
  } finally {
    doc.off('update', onUpdate);
  }
  return count;
}

/** Delivers each replica's missing updates to the other. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
