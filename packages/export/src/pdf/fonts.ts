/**
 * The embedded font: DejaVu Sans (npm `dejavu-fonts-ttf`; Bitstream Vera licence plus public
 * domain changes: free to embed and redistribute). It covers French and Latin text, Greek,
 * Cyrillic, Hebrew, Arabic letters and many symbols, so a compte-rendu needs no system font and
 * reads the same on every machine. PDF/A wants every font embedded; pdfkit embeds a subset of
 * the glyphs actually used.
 *
 * Emoji come from a second, monochrome font: Noto Emoji (npm `@expo-google-fonts/noto-emoji`,
 * SIL Open Font Licence). pdfkit cannot draw colour emoji fonts (bitmap or COLR layers), but it
 * embeds this one like any TrueType font, and fontkit's shaping joins skin tones and ZWJ
 * families into one glyph. Text is written in runs, each in the font that has its characters.
 *
 * Characters neither font has (CJK…) would print as empty boxes or nothing at all; they are
 * replaced by a visible placeholder instead, one per run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { PLACEHOLDER } from '../text.js';

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** the fallback for emoji, regular and bold; without it emoji print as the placeholder */
  emoji?: { regular: Uint8Array; bold: Uint8Array };
}

/** A piece of text drawn in one font. */
export interface Run {
  text: string;
  emoji: boolean;
}

let bundled: PdfFonts | null = null;

/** DejaVu Sans and DejaVu Sans Bold, read once from the installed package. */
export function bundledFonts(): PdfFonts {
  if (bundled === null) {
    const require = createRequire(import.meta.url);
    const file = (path: string) => new Uint8Array(readFileSync(require.resolve(path)));
    bundled = {
      regular: file('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      bold: file('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
      emoji: {
        regular: file('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
        bold: file('@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf'),
      },
    };
  }
  return bundled;
}

const ZERO_WIDTH_JOINERS = new Set([0x200d, 0xfe0e, 0xfe0f]);
const coverageCache = new WeakMap<Uint8Array, Set<number>>();

function coverageOf(font: Uint8Array): Set<number> {
  let set = coverageCache.get(font);
  if (set === undefined) {
    set = new Set(fontkit.create(Buffer.from(font.buffer, font.byteOffset, font.byteLength)).characterSet);
    coverageCache.set(font, set);
  }
  return set;
}

/** Maps text onto what the fonts can draw. */
export class Glyphs {
  private readonly covered: (codePoint: number) => boolean;
  private readonly emoji: (codePoint: number) => boolean;
  private readonly memo = new Map<string, string>();

  constructor(fonts: PdfFonts) {
    const regular = coverageOf(fonts.regular);
    const bold = coverageOf(fonts.bold);
    this.covered = (cp) => cp === 0x0a || (regular.has(cp) && bold.has(cp));
    const emoji = fonts.emoji === undefined ? null : [coverageOf(fonts.emoji.regular), coverageOf(fonts.emoji.bold)];
    // Digits, #, * and spaces are in the emoji font too (for keycaps): they stay in the text font.
    this.emoji = (cp) => emoji !== null && cp > 0xff && emoji.every((set) => set.has(cp));
  }

  /**
   * The text cut into runs: what the text font draws, and emoji for the emoji font (with the
   * joiners, variation selectors and skin tones that belong to them). What neither has becomes
   * the placeholder, as in `fit`.
   */
  runs(text: string): Run[] {
    const runs: Run[] = [];
    let current: Run | null = null;
    let missing = false;
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      const inEmoji = current?.emoji === true && (ZERO_WIDTH_JOINERS.has(cp) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || this.emoji(cp));
      let piece: string;
      let emoji: boolean;
      if (inEmoji) {
        piece = char;
        emoji = true;
        missing = false;
      } else if (this.covered(cp) && !(missing && ZERO_WIDTH_JOINERS.has(cp))) {
        piece = char;
        emoji = false;
        missing = false;
      } else if (this.emoji(cp)) {
        piece = char;
        emoji = true;
        missing = false;
      } else {
        if (missing) continue;
        piece = PLACEHOLDER;
        emoji = false;
        missing = true;
      }
      if (current !== null && current.emoji === emoji) current.text += piece;
      else runs.push((current = { text: piece, emoji }));
    }
    return runs;
  }

  /**
   * The text with every run of characters the fonts lack (with the joiners and variation
   * selectors that glue an emoji sequence together) replaced by one placeholder.
   */
  fit(text: string): string {
    const known = this.memo.get(text);
    if (known !== undefined) return known;
    let out = '';
    let missing = false;
    let changed = false;
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (this.covered(cp) && !(missing && ZERO_WIDTH_JOINERS.has(cp))) {
        out += char;
        missing = false;
      } else {
        changed = true;
        if (!missing) out += PLACEHOLDER;
        missing = true;
      }
    }
    const result = changed ? out : text;
    if (this.memo.size < 10_000) this.memo.set(text, result);
    return result;
  }
}
