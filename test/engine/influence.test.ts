// Influence-able pence: an exact running Σ of pence × pct / 100, rounded once, half up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, div, mul, ratio, ratioFromNumber, roundHalfUp } from '../../shared/decimal';
import { decimalPct, InfluenceSum } from '../../shared/engine/influence';

describe('InfluenceSum', () => {
  it('rounds the exact sum once, half up', () => {
    const s = new InfluenceSum();
    s.add(1, decimalPct(50)); // 0.5
    expect(s.pence()).toBe(1);
    s.add(1, decimalPct(12.5)); // 0.625
    expect(s.pence()).toBe(1);
    s.add(3, decimalPct(12.5)); // 1.0
    expect(s.pence()).toBe(1);
    s.add(3, decimalPct(12.5), -1);
    s.add(1, decimalPct(50), -1); // 0.125
    expect(s.pence()).toBe(0);
  });

  it('equals exact rational arithmetic for any terms, added and taken away', () => {
    const term = fc.record({
      pence: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.bigInt({ min: 0n, max: 100_000_000_000_000n }).map(Number)),
      pct: fc.oneof(fc.constantFrom(0, 12.5, 33.3, 7.25, 100, 0.001), fc.double({ min: 0, max: 100, noNaN: true })),
      keep: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(term, { maxLength: 30 }), (terms) => {
        const s = new InfluenceSum();
        let exact = ratio(0n);
        for (const t of terms) s.add(t.pence, decimalPct(t.pct));
        for (const t of terms) {
          if (t.keep) exact = add(exact, div(mul(ratio(BigInt(t.pence)), ratioFromNumber(t.pct)), ratio(100n)));
          else s.add(t.pence, decimalPct(t.pct), -1);
        }
        expect(s.pence()).toBe(Number(roundHalfUp(exact)));
      }),
      { numRuns: 500 },
    );
  });
});
