import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

import { useT } from '../i18n/index.js';

/** The counter shows once this few characters are left. */
export const COUNTER_FROM = 100;

/** Characters left, or null while the limit is still far. */
export function charactersLeft(length: number, max: number): number | null {
  const left = Math.max(0, max - length);
  return left <= COUNTER_FROM ? left : null;
}

/**
 * « Encore 42 caractères » under a text field near its limit, so a long note is not cut
 * mid-word without warning. Only reaching the limit is announced (a live region that spoke at
 * every key would drown the typing); the count is read with the field (aria-describedby).
 */
export function LengthCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const t = useT();
  const left = charactersLeft(length, max);
  return (
    <>
      <p id={id} className={`length-counter${left === 0 ? ' length-counter--full' : ''}`} hidden={left === null}>
        {left === null ? '' : left === 0 ? t('note.lengthFull', { max }) : t('note.lengthLeft', { count: left })}
      </p>
      <span className="sr-only" role="status">{left === 0 ? t('note.lengthFull', { max }) : ''}</span>
    </>
  );
}

/** The length of a shared text, kept up to date with everyone's typing. */
export function useSharedLength(text: Y.Text | null): number {
  const [length, setLength] = useState(() => text?.length ?? 0);
  useEffect(() => {
    if (text === null) return;
    const update = () => setLength(text.length);
    update();
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  return length;
}
