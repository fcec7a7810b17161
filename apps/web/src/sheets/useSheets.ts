import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import * as Y from 'yjs';
import { SHEETS_MAP, getSheetText, readSheets, transactionTouchesSheets } from '@concerto/board';
import type { Sheet } from '@concerto/board';

import { bindTextField } from '../sync/yTextBinding.js';

/**
 * The group's action sheets, live. They are re-read only when a transaction touched the sheets,
 * their texts and scales, or the key ideas (their titles and order), not on every note moved
 * on a busy board; React
 * sees a new array only when their content changed.
 */
export function useSheets(doc: Y.Doc): readonly Sheet[] {
  const store = useMemo(() => {
    let current = readSheets(doc);
    let json = JSON.stringify(current);
    return {
      subscribe(listener: () => void) {
        const onChange = () => {
          const next = readSheets(doc);
          const nextJson = JSON.stringify(next);
          if (nextJson === json) return;
          current = next;
          json = nextJson;
          listener();
        };
        const onTransaction = (transaction: Y.Transaction) => {
          if (transactionTouchesSheets(transaction)) onChange();
        };
        doc.on('afterTransaction', onTransaction);
        onChange(); // what changed between the first read and this subscription
        return () => doc.off('afterTransaction', onTransaction);
      },
      get: () => current,
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The field's own undo in the sheet: captureTimeout groups a burst of typing, as for notes. */
const SHEET_UNDO_CAPTURE_MS = 600;

/**
 * Binds the field with its own undo: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo what this
 * tab typed in this field only — never another person's words, nor the board's changes. The
 * browser's own history cannot do it: remote edits rewrite the field's value under it.
 */
function bindWithUndo(element: HTMLTextAreaElement, text: Y.Text, origin: unknown): () => void {
  const undo = new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: SHEET_UNDO_CAPTURE_MS });
  const unbind = bindTextField(element, text, { origin, undo });
  return () => {
    unbind();
    undo.destroy();
  };
}

/**
 * Binds a field to a sheet field's `Y.Text` (one minimal splice per input, remote edits move
 * the caret: two people typing in it both keep their words). The text exists by name as soon
 * as the sheet does (board SPEC S2), so two people opening the sheet, or first using a field
 * the facilitator added, at the same instant type into the same text. The binding follows the
 * sheet: none while it does not exist, and the sheet's text once it does; each binding has
 * its own undo (`bindWithUndo`).
 */
export function useSheetText(
  doc: Y.Doc,
  keyIdeaId: string,
  fieldId: string,
  ref: RefObject<HTMLTextAreaElement | null>,
  origin: unknown,
  enabled: boolean,
): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null || !enabled) return;
    let sheets: Y.Map<unknown> | null = null;
    try {
      sheets = doc.getMap<unknown>(SHEETS_MAP);
    } catch {
      return; // a name another client used for another kind of type: no sheet to bind
    }
    let bound: Y.Text | null = null;
    let unbind = () => {};
    const rebind = () => {
      const text = getSheetText(doc, keyIdeaId, fieldId);
      if (text === bound) return;
      unbind();
      bound = text;
      unbind = text === null ? () => {} : bindWithUndo(element, text, origin);
    };
    rebind();
    sheets.observeDeep(rebind);
    return () => {
      sheets.unobserveDeep(rebind);
      unbind();
    };
  }, [doc, keyIdeaId, fieldId, ref, origin, enabled]);
}
