/**
 * The look of the PDF: one place for sizes and colours. Text colours reach at least 4.5:1
 * against the surface they sit on (the web client's tokens, apps/web/src/styles/tokens.css).
 */
import type { NoteColor } from '@concerto/board';

/** A4 in points. */
export const PAGE = { size: 'A4', margin: 56, footer: 28 } as const;

export const COLORS = {
  text: '#1f2328',
  muted: '#4b5563',
  accent: '#1d4ed8',
  rule: '#d1d5db',
  canvas: '#eef0f3',
  frame: '#ffffff',
  frameBorder: '#6b7280',
  noteBorder: '#9ca3af',
  /** star and key-idea border: dark amber, 7:1 on the note colours */
  keyIdea: '#92400e',
} as const;

export const NOTE_FILL: Record<NoteColor, string> = {
  yellow: '#fff3a3',
  orange: '#ffd8a8',
  pink: '#ffc9de',
  blue: '#c5e4ff',
  green: '#c9f0c4',
  purple: '#e2d4ff',
};

/** Names the alternative text uses, so colour is never the only signal. */
export const NOTE_COLOR_NAME: Record<NoteColor, string> = {
  yellow: 'jaune', orange: 'orange', pink: 'rose', blue: 'bleue', green: 'verte', purple: 'violette',
};

export const TYPE = {
  body: 10.5,
  small: 8.5,
  lineGap: 2,
  /** heading level → size, space before, space after */
  headings: {
    1: { size: 22, before: 0, after: 10 },
    2: { size: 17, before: 6, after: 8 },
    3: { size: 13, before: 12, after: 5 },
    4: { size: 11.5, before: 9, after: 3 },
    5: { size: 10.5, before: 6, after: 2 },
  },
} as const;

export type HeadingLevel = keyof typeof TYPE.headings;

/** Font names registered on every document (pdf/fonts.ts). */
export const FONT = { regular: 'Concerto-Regular', bold: 'Concerto-Bold', emoji: 'Concerto-Emoji', emojiBold: 'Concerto-Emoji-Bold' } as const;

export const STAR = '\u2605';
