/**
 * Text as it is shown in the compte-rendu. Anyone in a room can type anything, so every string
 * is made printable before a format sees it: the formats then only have to escape, never guess.
 */

// C0 and C1 controls except tab and newline, plus DEL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Shown in place of what cannot be shown (a control character, a glyph the font lacks). */
export const PLACEHOLDER = '\ufffd';

/**
 * A display-safe copy: NFC (accents typed as combining marks become one character), line ends
 * unified, tabs as spaces, controls and half surrogate pairs replaced by a visible placeholder.
 */
export function cleanText(value: string): string {
  return value
    .replace(LONE_SURROGATES, PLACEHOLDER)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, PLACEHOLDER)
    .replace(/\n{3,}/g, '\n\n');
}

/** Whitespace but the no-break spaces French typography puts before « : » and inside « ». */
const BREAKING_SPACE = /(?:(?![\u00a0\u202f])\s)+/g;

/** One line: newlines become spaces, runs of spaces shrink, ends trimmed (headings, labels, metadata). */
export function oneLine(value: string): string {
  return cleanText(value).replace(BREAKING_SPACE, ' ').trim();
}

/** At most `max` characters (code points), with an ellipsis when cut. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
