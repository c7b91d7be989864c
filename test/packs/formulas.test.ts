// The Allocation formulas' algorithm, evaluated in doubles as Excel evaluates it
// (model.ts emulate()), against the exact largest remainder: equal for whole-number
// proxies at β = 0 — every term is then an exact integer in a double — whatever the
// amount (to £10bn), the ward count or the ties; and equal on real-looking decimal
// proxies with deprivation weighting, where only a knife-edge tie could differ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulate } from '../../electron/backend/packs/model';
import { Borough, apportionLine } from '../../shared/engine';

const exactSplit = (x: number[], amount: number, scores?: number[], population?: number[], beta = 0): number[] => {
  const n = x.length;
  const codes = x.map((_, i) => `E05${String(100000 + i)}`);
  const borough = new Borough({
    wards: codes.map((code, i) => ({ code, population: population?.[i] ?? 1000, imdScore: scores?.[i] ?? 10 })),
    proxies: { p: x },
  });
  const r = apportionLine(borough, { id: 1, ref: 'X', partner: 'P', amountPence: amount, basis: 'p', beta, discretionaryPct: 0, siteWard: null });
  if (!r.ok) throw new Error(r.reason);
  return Array.from(r.amounts).slice(0, n);
};

describe('the largest remainder as the pack’s formulas compute it', () => {
  it('equals the exact split for whole-number proxies at β = 0, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        (x, amount) => {
          fc.pre(x.some((v) => v > 0) && amount * Math.max(...x) < 2 ** 53);
          const e = emulate(x, x.map(() => null), null, 0, amount)!;
          expect(e.pence).toEqual(exactSplit(x, amount));
          expect(e.pence.reduce((s, p) => s + p, 0)).toBe(amount);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals the exact split where equal remainders are common (round amounts, repeated values)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(1, 2, 3, 9, 10, 12, 9000, 18000, 27000), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 1, max: 50_000 }).map((k) => k * 100_000),
        (x, amount) => {
          const e = emulate(x, x.map(() => null), null, 0, amount)!;
          expect(e.pence).toEqual(exactSplit(x, amount));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('equals the exact split on decimal proxies with deprivation weighting (no knife-edge ties met)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 3_000, max: 70_000 }), fc.integer({ min: 3_000, max: 25_000 })), {
          minLength: 2,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 5_000_000_000 }),
        fc.constantFrom(0.1, 0.25, 0.33, 0.5, 0.75, 1),
        (rows, amount, beta) => {
          const x = rows.map(([v]) => v / 1000);
          const scores = rows.map(([, s]) => s / 1000);
          const pop = rows.map(([, , p]) => p);
          let num = 0;
          let den = 0;
          for (let i = 0; i < rows.length; i++) num += pop[i]! * scores[i]!;
          for (let i = 0; i < rows.length; i++) den += pop[i]!;
          const e = emulate(x, scores, num / den, beta, amount)!;
          expect(e.pence).toEqual(exactSplit(x, amount, scores, pop, beta));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives lower ward codes the leftover pennies of exactly equal weights', () => {
    const e = emulate([1, 1, 1], [null, null, null], null, 0, 100)!;
    expect(e.pence).toEqual([34, 33, 33]);
    expect(e.leftover).toBe(1);
    expect(emulate([5, 0, 5], [null, null, null], null, 0, 3)!.pence).toEqual([2, 0, 1]);
  });

  it('refuses what the engine refuses: a missing value, Σ weight 0, β > 0 without S̄', () => {
    expect(emulate([1, null], [1, 1], 1, 0, 10)).toBeNull();
    expect(emulate([0, 0], [1, 1], 1, 0, 10)).toBeNull();
    expect(emulate([1, 2], [1, 1], null, 0.5, 10)).toBeNull();
  });
});
