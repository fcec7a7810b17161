import { describe, expect, it } from 'vitest';
import { frenchDay, frenchTime, isIsoDay } from './dates.js';
import { bundledFonts, cleanText, PLACEHOLDER, reportFileName, slugify } from './index.js';
import { Glyphs } from './pdf/fonts.js';
import { oneLine } from './text.js';

describe('cleanText', () => {
  it('replaces controls and half surrogates with a visible placeholder, keeps newlines', () => {
    expect(cleanText('a\u0000b\u0007c\u009bd\ud800e\r\nf\tg')).toBe(`a${PLACEHOLDER}b${PLACEHOLDER}c${PLACEHOLDER}d${PLACEHOLDER}e\nf g`);
  });
  it('composes accents typed as combining marks', () => {
    expect(cleanText('e\u0301te\u0301')).toBe('été');
  });
  it('oneLine keeps French no-break spaces', () => {
    expect(oneLine(' a\n b\u00a0: «\u202fc\u202f» ')).toBe('a b\u00a0: «\u202fc\u202f»');
  });
});

describe('Glyphs.fit (DejaVu Sans)', () => {
  const glyphs = new Glyphs(bundledFonts());
  it('keeps French, Latin, Greek, Cyrillic, Hebrew, Arabic and typographic signs', () => {
    const text = 'Œuvre « déjà » l’été — ça, naïve, Ærø, Ωμέγα, Привет, עברית, عربى, ★ • … 😀';
    expect(glyphs.fit(text)).toBe(text);
  });
  it('replaces each run of missing glyphs, emoji sequences included, by one placeholder', () => {
    expect(glyphs.fit('漢字 ok 👍🏽 👨‍👩‍👧 🦄!')).toBe(`${PLACEHOLDER} ok ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER}!`);
  });
});

describe('Glyphs.runs (DejaVu Sans, then Noto Emoji)', () => {
  const glyphs = new Glyphs(bundledFonts());
  it('sends emoji, with their skin tones and joiners, to the emoji font, and keeps the rest in the text font', () => {
    expect(glyphs.runs('Super 👍🏽 et 👨‍👩‍👧 !')).toEqual([
      { text: 'Super ', emoji: false },
      { text: '👍🏽', emoji: true },
      { text: ' et ', emoji: false },
      { text: '👨‍👩‍👧', emoji: true },
      { text: ' !', emoji: false },
    ]);
  });
  it('leaves digits and plain text alone, and puts the placeholder only where neither font has a glyph', () => {
    expect(glyphs.runs('12 # 漢字 🦄')).toEqual([{ text: `12 # ${PLACEHOLDER} `, emoji: false }, { text: '🦄', emoji: true }]);
    expect(glyphs.runs('sans emoji')).toEqual([{ text: 'sans emoji', emoji: false }]);
  });
  it('without an emoji font, emoji become the placeholder as before', () => {
    const plain = new Glyphs({ regular: bundledFonts().regular, bold: bundledFonts().bold });
    expect(plain.runs('ok 👍🏽')).toEqual([{ text: `ok ${PLACEHOLDER}`, emoji: false }]);
  });
});

describe('dates', () => {
  it('writes French dates and times', () => {
    expect(frenchDay('2024-09-18')).toBe('18 septembre 2024');
    expect(frenchDay('2024-08-01')).toBe('1er août 2024');
    expect(frenchTime(Date.UTC(2024, 8, 18, 12, 30))).toBe('14\u00a0h\u00a030');
    expect(isIsoDay('2024-13-01')).toBe(false);
    expect(isIsoDay(20240918)).toBe(false);
  });
});

describe('file names', () => {
  it('are ASCII slugs with the session day', () => {
    expect(slugify('Feuille de route : « inclusion » numérique — Œuvre')).toBe('feuille-de-route-inclusion-numerique-oeuvre');
    const session = { title: 'Séance <script>/../../etc', createdAt: Date.UTC(2024, 8, 18), settings: { date: '2024-09-20' } };
    expect(reportFileName(session, 'pdf')).toBe('compte-rendu-seance-script-etc-2024-09-20.pdf');
    expect(reportFileName({ ...session, settings: {} }, 'md')).toBe('compte-rendu-seance-script-etc-2024-09-18.md');
    expect(reportFileName({ ...session, title: '漢字' }, 'json')).toBe('archive-seance-2024-09-20.json');
  });
});
