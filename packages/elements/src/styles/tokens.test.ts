import { describe, expect, it } from 'vitest';
import { colorTokens } from './colors.js';

/** WCAG 2 relative luminance of `#rgb` or `#rrggbb`. */
function luminance(hex: string): number {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((start) => {
    const channel = Number.parseInt(full.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Text colour on background colour, as the elements pair them. */
const pairs = [
  ['text', 'surface'],
  ['text-muted', 'surface'],
  ['brand', 'surface'],
  ['on-brand', 'brand'],
  ['success', 'success-surface'],
  ['danger', 'surface'],
  ['text', 'surface-raised'],
] as const;

const schemes = [
  ['light', 0],
  ['dark', 1],
] as const;

function color(role: string, index: number): string {
  const value = colorTokens[role]?.[index];
  if (value === undefined) throw new Error(`No colour ${role}[${index}]`);
  return value;
}

describe('the colour tokens', () => {
  it.each(schemes)('give elder mode at least 7:1 for every text pair in %s', (_scheme, offset) => {
    for (const [text, background] of pairs) {
      const ratio = contrast(color(text, 2 + offset), color(background, 2 + offset));
      expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(7);
    }
  });

  it.each(schemes)(
    'give standard mode at least 4.5:1 for every text pair in %s',
    (_scheme, offset) => {
      for (const [text, background] of pairs) {
        const ratio = contrast(color(text, offset), color(background, offset));
        expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it('computes contrast the WCAG way (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#1a56c4', '#1a56c4')).toBe(1);
  });
});
