import { useSyncExternalStore } from 'react';

/** The pages of the app, from the path (the token travels in the fragment, never in the path). */
export type Route =
  | { page: 'home' }
  | { page: 'group'; sessionId: string; groupId: string }
  | { page: 'plenary' | 'facilitate' | 'projection'; sessionId: string }
  | { page: 'programme'; programmeId: string }
  | { page: 'not-found' };

const RESERVED = new Set(['plenary', 'facilitate', 'projection']);

function decode(part: string): string | null {
  try {
    const value = decodeURIComponent(part);
    return value === '' ? null : value;
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((part) => part !== '');
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'p' && parts.length === 2) {
    const programmeId = decode(parts[1] ?? '');
    return programmeId === null ? { page: 'not-found' } : { page: 'programme', programmeId };
  }
  if (parts[0] !== 's' || parts.length !== 3) return { page: 'not-found' };
  const sessionId = decode(parts[1] ?? '');
  const second = decode(parts[2] ?? '');
  if (sessionId === null || second === null) return { page: 'not-found' };
  if (RESERVED.has(second)) return { page: second as 'plenary' | 'facilitate' | 'projection', sessionId };
  return { page: 'group', sessionId, groupId: second };
}

const CHANGE = 'concerto:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(CHANGE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(CHANGE, listener);
  };
}

/** The current path; re-renders on back/forward and on `navigate`. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}
