// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimerState } from '@concerto/board';

import { fr } from '../i18n/fr.js';
import { TimerDisplay } from './TimerDisplay.js';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
let host: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
  host = document.createElement('div');
  document.body.appendChild(host);
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  host.remove();
  vi.useRealTimers();
});

function render(timer: TimerState | null, offsetMs = 0): void {
  act(() => {
    root ??= createRoot(host);
    root.render(
      <IntlProvider locale="fr" messages={fr}>
        <TimerDisplay timer={timer} offsetMs={offsetMs} />
      </IntlProvider>,
    );
  });
}

const shown = () => host.querySelector('[role="timer"]')?.textContent ?? null;
const spoken = () => host.querySelector('[aria-live="polite"]')?.textContent ?? '';

describe('TimerDisplay', () => {
  it('shows nothing without a running timer', () => {
    render(null);
    expect(shown()).toBeNull();
    render({ endsAt: 0, durationMs: 60_000, running: false, remainingMs: 30_000 });
    expect(shown()).toBeNull();
  });

  it('counts down in mm:ss against the server clock, and speaks only at one minute left and at the end', () => {
    // This device is 30 s behind the server: the offset puts it right.
    render({ endsAt: 1_000_000 + 30_000 + 62_000, durationMs: 62_000, running: true, remainingMs: 62_000 }, 30_000);
    expect(shown()).toContain('01:02');
    const said = new Set<string>();
    for (let s = 0; s < 64; s++) {
      act(() => vi.advanceTimersByTime(1000));
      said.add(spoken());
    }
    expect([...said].filter((text) => text !== '')).toEqual(['Minuteur\u00a0: plus qu’une minute.', 'Minuteur\u00a0: le temps est écoulé.']);
    expect(shown()).toContain('Temps écoulé');
    expect(host.querySelector('.timer--ended')).not.toBeNull();
  });
});
