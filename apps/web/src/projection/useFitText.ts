import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';

/**
 * The largest font size between `max` and `min` (px) at which `content` fits its parent, the
 * stage: one group's two ideas fill the screen, ten groups shrink to what fits, never below
 * `min` (the stage then scrolls). Re-fits when `version` changes and when the screen resizes.
 */
export function useFitText(content: RefObject<HTMLElement | null>, max: number, min: number, version: unknown): void {
  useLayoutEffect(() => {
    const element = content.current;
    const stage = element?.parentElement;
    if (!element || !stage) return;
    const fit = () => {
      const fits = (size: number) => {
        element.style.fontSize = `${size}px`;
        return element.scrollHeight <= stage.clientHeight && element.scrollWidth <= stage.clientWidth;
      };
      // Binary search on whole pixels: a handful of layouts, not one per pixel.
      let low = min;
      let high = max;
      if (fits(high)) return;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (fits(middle)) low = middle;
        else high = middle;
      }
      fits(low);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(stage);
    return () => observer.disconnect();
  }, [content, max, min, version]);
}
