// Class breaks and colours (docs/method.md, "Ward maps"): stable, readable, ordered,
// and printable in greyscale.
import { describe, expect, it } from 'vitest';
import { classBreaks, classColours, classOf, colourOf, legendLabels, NO_FIGURE_COLOUR, readable } from '../../shared/map/breaks';
import { formatBreak, formatMeasureValue, parseMeasure } from '../../shared/map/measure';

/** Relative luminance (WCAG), what a greyscale print keeps. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

describe('class breaks', () => {
  it('are quantiles over the wards rounded to 2 significant figures', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(classBreaks(values)).toEqual([3, 5, 7, 9]);
    // 5678.9 rounds up to 5700, above the largest value: that break would leave the top class empty.
    expect(classBreaks([1234.5, 2345.6, 3456.7, 4567.8, 5678.9])).toEqual([2300, 3500, 4600]);
    expect(readable(2144.47)).toBe(2100);
    expect(readable(0.01234)).toBe(0.012);
    expect(readable(-35.5)).toBe(-36);
    expect(readable(0)).toBe(0);
  });

  it('depend only on the values, not their order, and ignore wards with no figure', () => {
    const values = [3498.77, 2144.47, 2392.14, 2980.42, 3150.46, 2601.2, 4122.9, 1999.99, 2750];
    const shuffled = [...values].reverse();
    expect(classBreaks(shuffled)).toEqual(classBreaks(values));
    expect(classBreaks([...values, null, null])).toEqual(classBreaks(values));
    // Sorted, the 2nd, 4th, 6th and 8th of 9 (floor(i·9/5)), rounded.
    expect(classBreaks(values)).toEqual([2100, 2600, 3000, 3500]);
  });

  it('give fewer classes when values repeat, and none when there is nothing to split', () => {
    expect(classBreaks([5, 5, 5, 5, 5])).toEqual([]);
    expect(classBreaks([1, 1, 1, 1, 9, 9, 9, 9])).toEqual([9]);
    expect(classBreaks([])).toEqual([]);
    expect(classBreaks([null, null])).toEqual([]);
  });

  it('put every value in one class, break values in the upper class', () => {
    const breaks = [3, 5, 7, 9];
    expect([1, 2.99, 3, 4, 5, 8.99, 9, 100].map((v) => classOf(v, breaks))).toEqual([0, 0, 1, 1, 2, 3, 4, 4]);
    expect(classOf(null, breaks)).toBeNull();
    expect(colourOf(null, breaks)).toBe(NO_FIGURE_COLOUR);
    expect(colourOf(100, breaks)).toBe(classColours(5)[4]);
  });

  it('every class of every real-size map is used when values are spread', () => {
    const values = Array.from({ length: 87 }, (_, i) => 1000 + i * 37.3);
    const breaks = classBreaks(values);
    expect(breaks).toHaveLength(4);
    expect(new Set(values.map((v) => classOf(v, breaks))).size).toBe(5);
  });
});

describe('colours', () => {
  it('get darker class by class for every class count, so greyscale keeps the order', () => {
    for (let k = 1; k <= 5; k++) {
      const colours = classColours(k);
      expect(colours).toHaveLength(k);
      for (let i = 1; i < k; i++) expect(luminance(colours[i]!)).toBeLessThan(luminance(colours[i - 1]!) - 0.05);
    }
  });
});

describe('legend and figures', () => {
  it('reads as plain ranges', () => {
    expect(legendLabels([2300, 2700], (x) => formatBreak(x, 'per_head'))).toEqual(['under £2,300', '£2,300 to under £2,700', '£2,700 and over']);
    expect(legendLabels([], String)).toEqual(['all wards']);
    expect(formatMeasureValue(2144.47, 'per_head')).toBe('£2,144.47 per head');
    expect(formatMeasureValue(123456789, 'pence')).toBe('£1,234,568');
    expect(formatMeasureValue(27.345, 'value')).toBe('27.35');
    expect(formatMeasureValue(null, 'value')).toBe('no figure');
  });

  it('parses the CLI measures', () => {
    expect(parseMeasure('per_head')).toEqual({ kind: 'per_head' });
    expect(parseMeasure('influenceable_per_head')).toEqual({ kind: 'influenceable_per_head' });
    expect(parseMeasure('proxy:imd_score')).toEqual({ kind: 'proxy', name: 'imd_score' });
    expect(parseMeasure('line:KC-EDU')).toEqual({ kind: 'line', ref: 'KC-EDU' });
    expect(parseMeasure('proxy:')).toBeNull();
    expect(parseMeasure('total')).toBeNull();
  });
});
