// Rounded figures shown beside their total add up to it (issue 14 item 7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentShares, roundColumn } from '../../shared/engine/shown-figures';

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

describe('roundColumn', () => {
  it('gives the pounds lost to rounding back to the largest remainders, so the column adds up to the total shown', () => {
    // £1.49 + £1.49 + £1.02 = £4.00: rounded each, £1 + £1 + £1 = £3.
    expect(Array.from(roundColumn([149, 149, 102]))).toEqual([200, 100, 100]);
    // Ties go to the earlier part; parts with no remainder never gain.
    expect(Array.from(roundColumn([150, 150, 300]))).toEqual([200, 100, 300]);
    expect(Array.from(roundColumn([]))).toEqual([]);
    expect(() => roundColumn([1.5])).toThrow(/not a whole/);
  });

  it('property: whole units, within one unit of each exact part, summing to the total rounded half up', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { maxLength: 300 }), fc.constantFrom(1, 100, 1000), (xs, unit) => {
        const shown = roundColumn(xs, unit);
        const total = sum(xs);
        expect(sum(shown)).toBe(Math.floor((total + unit / 2) / unit) * unit);
        xs.forEach((x, i) => {
          expect(shown[i]! % unit).toBe(0);
          expect(Math.abs(shown[i]! - x)).toBeLessThan(unit);
        });
      }),
    );
  });
});

describe('percentShares', () => {
  it('turns 0.4% + 94.5% + 5.1% (shown 0% + 94% + 5% = 99%) into shares adding to 100%', () => {
    const shares = percentShares([4, 945, 51]);
    expect(shares).toEqual([0, 95, 5]);
    expect(sum(shares)).toBe(100);
    expect(percentShares([1, 1, 1], 1)).toEqual([33.4, 33.3, 33.3]);
    expect(percentShares([0, 0])).toEqual([0, 0]);
  });

  it('property: adds to exactly 100 and each share is within one step of the exact one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 50 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2 }), (parts, d) => {
        const whole = sum(parts);
        fc.pre(whole > 0 && Number.isSafeInteger(whole));
        const shares = percentShares(parts, d);
        const step = 10 ** -d;
        expect(Math.round(sum(shares) * 10 ** d)).toBe(100 * 10 ** d);
        parts.forEach((p, i) => expect(Math.abs(shares[i]! - (100 * p) / whole)).toBeLessThan(step + 1e-9));
      }),
    );
  });
});
