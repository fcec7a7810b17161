import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import type * as Y from 'yjs';
import { SHEETS_MAP, ensureSheetText, getKeyIdeasArray, getSheetText, readSheets } from '@concerto/board';
import type { Sheet } from '@concerto/board';

import { bindTextField } from '../sync/yTextBinding.js';

/**
 * The group's action sheets, live. They are re-read only when a transaction touched the sheets
 * or the key ideas (their titles and order), not on every note moved on a busy board; React
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
        // A name another client used for another kind of type cannot be observed: read once.
        const observed = [() => doc.getMap<unknown>(SHEETS_MAP), () => getKeyIdeasArray(doc)].flatMap((get) => {
          try {
            return [get()];
          } catch {
            return [];
          }
        });
        for (const type of observed) type.observeDeep(onChange);
        onChange(); // what changed between the first read and this subscription
        return () => {
          for (const type of observed) type.unobserveDeep(onChange);
        };
      },
      get: () => current,
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * Binds a field to a sheet field's `Y.Text` (one minimal splice per input, remote edits move
 * the caret: two people typing in it both keep their words). When two people opened the sheet
 * at once, the merge keeps one sheet (board SPEC S2): the binding follows whichever text the
 * sheet holds now. A field the facilitator added after the sheet was opened has no text yet:
 * it is created when someone first focuses the field, not when the sheet is shown, so merely
 * looking never races another writer.
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
    const sheets = doc.getMap<unknown>(SHEETS_MAP);
    let bound: Y.Text | null = null;
    let unbind = () => {};
    const rebind = () => {
      const text = getSheetText(doc, keyIdeaId, fieldId);
      if (text === bound) return;
      unbind();
      bound = text;
      unbind = text === null ? () => {} : bindTextField(element, text, { origin });
    };
    const onFocus = () => {
      if (bound === null) ensureSheetText(doc, keyIdeaId, fieldId, origin);
    };
    rebind();
    sheets.observeDeep(rebind);
    element.addEventListener('focus', onFocus);
    return () => {
      element.removeEventListener('focus', onFocus);
      sheets.unobserveDeep(rebind);
      unbind();
    };
  }, [doc, keyIdeaId, fieldId, ref, origin, enabled]);
}
