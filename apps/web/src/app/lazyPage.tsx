import { lazy } from 'react';
import type { ComponentType } from 'react';

export interface LazyPage<P extends object> {
  Page: ComponentType<P>;
  /** starts loading the page's chunk (once); resolves when it is there, never rejects */
  preload(): Promise<void>;
}

/**
 * A page in a chunk of its own that can be loaded before the first render. A page still loading
 * when rendered suspends, as with `lazy`; a page already loaded renders at once. That matters:
 * React throttles the reveal of content that replaces a Suspense fallback by 300 ms, which on
 * a group's link came on top of everything else before the first view of the board.
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => {
    loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (err: unknown) => {
        // A chunk that failed to load (offline, a new deployment) is tried again next time.
        loading = null;
        throw err;
      },
    );
    return loading;
  };
  const Lazy = lazy(start);
  function Page(props: P) {
    const Loaded = loaded ?? Lazy;
    return <Loaded {...props} />;
  }
  return {
    Page,
    preload: () => start().then(() => undefined, () => undefined),
  };
}
