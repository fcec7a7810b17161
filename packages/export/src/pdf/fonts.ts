/**
 * The embedded font: DejaVu Sans (npm `dejavu-fonts-ttf`; Bitstream Vera licence plus public
 * domain changes: free to embed and redistribute). It covers French and Latin text, Greek,
 * Cyrillic, Hebrew, Arabic letters and many symbols, so a compte-rendu needs no system font and
 * reads the same on every machine. PDF/A wants every font embedded; pdfkit embeds a subset of
 * the glyphs actually used.
 *
 * Characters the font lacks (CJK, most emoji) would print as empty boxes or nothing at all; they
 * are replaced by a visible placeholder instead, one per run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { PLACEHOLDER } from '../text.js';

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

let bundled: PdfFonts | null = null;

/** DejaVu Sans and DejaVu Sans Bold, read once from the installed package. */
export function bundledFonts(): PdfFonts {
  if (bundled === null) {
    const require = createRequire(import.meta.url);
    const file = (name: string) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)));
    bundled = { regular: file('DejaVuSans.ttf'), bold: file('DejaVuSans-Bold.ttf') };
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
  private readonly memo = new Map<string, string>();

  constructor(fonts: PdfFonts) {
    const regular = coverageOf(fonts.regular);
    const bold = coverageOf(fonts.bold);
    this.covered = (cp) => cp === 0x0a || (regular.has(cp) && bold.has(cp));
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
