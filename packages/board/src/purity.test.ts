import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('./', import.meta.url);
const sources = readdirSync(here).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('R21 the package is pure: no I/O, timers, logging or environment', () => {
  const forbidden: [string, RegExp][] = [
    ['platform imports', /from\s+['"](node:|fs|path|os|http|net|child_process)/],
    ['environment', /\bprocess\./],
    ['logging', /\bconsole\./],
    ['timers', /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\(/],
    ['network', /\b(fetch|WebSocket|XMLHttpRequest)\b/],
    ['storage', /\b(localStorage|sessionStorage|indexedDB)\b/],
  ];
  for (const name of sources) {
    it(name, () => {
      const code = readFileSync(new URL(name, here), 'utf8');
      for (const [what, pattern] of forbidden) expect(code, what).not.toMatch(pattern);
    });
  }

  it('imports nothing but yjs and its own modules', () => {
    for (const name of sources) {
      const code = readFileSync(new URL(name, here), 'utf8');
      for (const [, from] of code.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        expect(from === 'yjs' || /^\.\/[A-Za-z]+\.js$/.test(from!), `${name} imports ${from}`).toBe(true);
      }
    }
  });
});
