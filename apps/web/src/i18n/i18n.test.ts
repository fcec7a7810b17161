import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

import { en } from './en.js';
import { fr } from './fr.js';
import { formatClock, pickLocale } from './index.js';

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };

/** The arguments of an ICU message, those inside plural branches included. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (typeof element.value === 'string' && element.type !== 0) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(parse(message) as unknown as Element[]);
  return [...names].sort();
}

describe('messages', () => {
  it('French and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('French and English use the same placeholders', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(fr[key])]);
    }
  });

  it('French follows French typography', () => {
    for (const [key, message] of Object.entries(fr)) {
      expect([key, /'/.test(message)]).toEqual([key, false]);
      expect([key, / [:;!?»]/.test(message)]).toEqual([key, false]);
      expect([key, /« /.test(message)]).toEqual([key, false]);
    }
  });

  it('uses the product words', () => {
    expect(fr['push.button']).toBe('Partager en plénière');
    expect(fr['move.open']).toBe('Déplacer vers…');
    expect(fr['connection.offline']).toBe('Hors ligne\u00a0: vos notes sont gardées et seront envoyées dès le retour de la connexion.');
    expect(fr['problem.invalidLink']).toBe('Ce lien n’est plus valable. Demandez un nouveau lien à l’animation.');
  });
});

describe('locale', () => {
  it('prefers the saved choice, then the browser, then French', () => {
    expect(pickLocale('en', ['fr-FR'])).toBe('en');
    expect(pickLocale(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(null, ['de-DE'])).toBe('fr');
    expect(pickLocale('xx', [])).toBe('fr');
  });

  it('writes French times as 14 h 30', () => {
    const at = new Date(2024, 8, 18, 14, 5).getTime();
    expect(formatClock(at, 'fr')).toBe('14\u00a0h\u00a005');
  });
});
