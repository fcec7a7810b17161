/**
 * The colours people are shown in (avatars, cursors, their name tags): white text on each, so
 * every colour reaches WCAG AA (4.5:1) against white; also 3:1 against the canvas, for cursors.
 * A colour another client announces is used only when it passes too: awareness is anyone's
 * input, and an old client or a hand-made one could announce white text on yellow (1.6:1).
 */

/** The text colour written on people's colours. */
export const PEOPLE_TEXT = '#ffffff';

export const PEOPLE_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#b45309', '#0e7490', '#be185d', '#4d7c0f'] as const;

const AA = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 0xff) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function colorFor(clientId: number): string {
  return PEOPLE_COLORS[Math.abs(clientId) % PEOPLE_COLORS.length] ?? PEOPLE_COLORS[0];
}

/** The colour to show someone in: theirs when it is a #rrggbb that white text reads on, else one of ours. */
export function readableColor(announced: unknown, clientId: number): string {
  return typeof announced === 'string' && /^#[0-9a-f]{6}$/i.test(announced) && contrastRatio(announced, PEOPLE_TEXT) >= AA
    ? announced
    : colorFor(clientId);
}
