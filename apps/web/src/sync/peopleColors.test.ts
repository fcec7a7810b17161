import { describe, expect, it } from 'vitest';

import { colorFor, contrastRatio, PEOPLE_COLORS, PEOPLE_TEXT, readableColor } from './peopleColors.js';

describe('people’s colours', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // the case: « OB » in white on yellow
    expect(contrastRatio('#f5c400', '#ffffff')).toBeCloseTo(1.64, 1);
  });

  it.each(PEOPLE_COLORS)('%s carries white text at WCAG AA (4.5:1) and stands out from the canvas (3:1)', (color) => {
    expect(contrastRatio(color, PEOPLE_TEXT)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(color, '#eef0f3')).toBeGreaterThanOrEqual(3);
  });

  it('gives every client id a palette colour', () => {
    for (const id of [0, 1, 7, 8, 123456789, -3]) expect(PEOPLE_COLORS).toContain(colorFor(id));
  });

  it('keeps an announced colour only when white text reads on it', () => {
    expect(readableColor('#0e7490', 1)).toBe('#0e7490');
    expect(readableColor('#123456', 1)).toBe('#123456');
    expect(readableColor('#f5c400', 1)).toBe(colorFor(1));
    expect(readableColor('#ffffff', 2)).toBe(colorFor(2));
    expect(readableColor('red', 3)).toBe(colorFor(3));
    expect(readableColor(42, 4)).toBe(colorFor(4));
  });
});
