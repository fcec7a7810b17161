import { useEffect } from 'react';
import type { RefObject } from 'react';
import type * as Y from 'yjs';
import { getThemeLabel, getThemeSynthesis, getThemesArray } from '@concerto/board';

import { bindTextField } from '../sync/yTextBinding.js';

/**
 * Binds a field to a theme's label or synthesis `Y.Text`, like the canvas binds a note's text
 * (two facilitators typing both keep their words). Moving a theme re-creates its entry with new
 * texts, so the binding follows whichever `Y.Text` the theme holds now.
 */
export function useThemeText(
  doc: Y.Doc,
  themeId: string,
  field: 'label' | 'synthesis',
  ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
  origin: unknown,
): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const themes = getThemesArray(doc);
    let bound: Y.Text | null = null;
    let unbind = () => {};
    const rebind = () => {
      const text = field === 'label' ? getThemeLabel(doc, themeId) : getThemeSynthesis(doc, themeId);
      if (text === bound) return;
      unbind();
      bound = text;
      unbind = text === null ? () => {} : bindTextField(element, text, { origin });
    };
    rebind();
    themes.observeDeep(rebind);
    return () => {
      themes.unobserveDeep(rebind);
      unbind();
    };
  }, [doc, themeId, field, ref, origin]);
}
