import { useEffect } from 'react';
import type { RefObject } from 'react';

/** Room left above a focused control, below the sticky element. */
const GAP = 8;

/**
 * Keeps what the keyboard focuses out from under a line that sticks to the top of the page
 * (the démarche's status line): the page's `scroll-padding-top` follows the line's height while
 * it sticks — on a phone a merge's confirmation wraps to three lines — so the browser scrolls a
 * control going back up the page below it rather than under it (WCAG 2.4.11). `content`: what
 * the line says, since it sticks only while it says something (at the same height as empty).
 */
export function useStickyClearance(ref: RefObject<HTMLElement | null>, content: string): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const update = () => {
      const sticky = getComputedStyle(element).position === 'sticky';
      root.style.scrollPaddingTop = sticky ? `${Math.ceil(element.getBoundingClientRect().height) + GAP}px` : '';
    };
    const observer = new ResizeObserver(update);
    observer.observe(element);
    update();
    return () => {
      observer.disconnect();
      root.style.scrollPaddingTop = '';
    };
  }, [ref, content]);
}
