// @vitest-environment happy-dom
import { Suspense } from 'react';
import type { ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';

import { lazyPage } from './lazyPage.js';

function Hello({ name }: { name: string }) {
  return <p>Bonjour {name}</p>;
}

type Loaded = { default: ComponentType<{ name: string }> };

/** What the first commit shows, and later ones. */
function render(Page: ComponentType<{ name: string }>): { first: string; now: () => string } {
  const element = document.createElement('div');
  flushSync(() => createRoot(element).render(<Suspense fallback={<p>Chargement</p>}><Page name="Ana" /></Suspense>));
  return { first: element.textContent ?? '', now: () => element.textContent ?? '' };
}

describe('lazyPage', () => {
  it('renders a preloaded page in the first commit, without its fallback', async () => {
    const page = lazyPage<{ name: string }>(() => Promise.resolve({ default: Hello }));
    await page.preload();
    expect(render(page.Page).first).toBe('Bonjour Ana');
  });

  it('suspends on a page not loaded yet, then shows it', async () => {
    let arrive: (module: Loaded) => void = () => {};
    const page = lazyPage<{ name: string }>(() => new Promise<Loaded>((resolve) => (arrive = resolve)));
    const shown = render(page.Page);
    expect(shown.first).toBe('Chargement');
    arrive({ default: Hello });
    // React reveals it after its fallback throttle: the very delay preloading avoids
    await vi.waitFor(() => expect(shown.now()).toBe('Bonjour Ana'), { timeout: 2_000 });
  });

  it('tries a chunk that failed to load again, and its preload never rejects', async () => {
    let calls = 0;
    const page = lazyPage<{ name: string }>((): Promise<Loaded> => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({ default: Hello })));
    await expect(page.preload()).resolves.toBeUndefined();
    await page.preload();
    expect(calls).toBe(2);
    expect(render(page.Page).first).toBe('Bonjour Ana');
  });
});
