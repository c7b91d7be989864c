// The UK digit grouping written out in shared/money.ts (no Intl on the first screen):
// checked against Intl.NumberFormat en-GB itself, over generated whole numbers and the edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatPounds } from '../../shared/money';

const intl = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

describe('formatCount', () => {
  it('groups every safe whole number as en-GB Intl does', () => {
    for (const n of [0, 7, 999, 1000, -1000, 12_345, 999_999, 1_000_000, -123_456_789, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])
      expect(formatCount(n)).toBe(intl.format(n));
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === intl.format(n)), { numRuns: 5000 });
  });

  it('formats pounds with the same grouping, pence exact', () => {
    expect(formatPounds(123_456_789)).toBe('£1,234,568');
    expect(formatPounds(123_456_789, { pence: true })).toBe('£1,234,567.89');
    expect(formatPounds(-99_999)).toBe('-£999.99');
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e15 }), (p) => formatPounds(p, { pence: true }) === `£${intl.format(Math.floor(p / 100))}.${String(p % 100).padStart(2, '0')}`));
  });
});
