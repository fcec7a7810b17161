import { useEffect, useState } from 'react';

/**
 * This device's clock, re-rendering every `intervalMs` while `active` (a running timer) and
 * never otherwise, so an idle page does no work. Ticks are aligned on the interval so a
 * countdown changes digit when the second changes, not up to a second late.
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    let timeout: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      timeout = setTimeout(tick, intervalMs - (current % intervalMs) + 5);
    };
    tick();
    return () => clearTimeout(timeout);
  }, [active, intervalMs]);
  return active ? now : Date.now();
}
