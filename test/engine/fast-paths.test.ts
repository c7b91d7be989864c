// The engine's shortcuts against plain, exact computations: neighbourhood amounts by
// ranking a few wards, blended float shares (and their per-ward arrays on large
// boroughs), a reused Borough, lazily made results, pennies added while copying, the
// 80:20 focus found from sorted amounts, and the β and percentage caches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Allocation, apportionLine, Borough, focusLines, largestRemainder, largestRemainderExact, neighbourhoodAmount } from '../../shared/engine';
import type { EngineInput, EngineLine } from '../../shared/engine';
import { compareText } from '../../shared/engine/order';
import { decimalPct } from '../../shared/engine/influence';
import { ratioFromNumber } from '../../shared/decimal';
import { amount, beta, lineOf, world } from './arbitraries';
import { refApportion } from './reference';

/** Many wards with weights from a handful of values: exact ties and near ones everywhere. */
const tieInput = (min: number, max: number) =>
  fc.integer({ min, max }).chain((n) =>
    fc
      .record({
        x: fc.array(fc.oneof(fc.constantFrom(0, 1, 2, 0.1, 0.2, 0.3), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1e6 })), {
          minLength: n,
          maxLength: n,
        }),
        imd: fc.array(fc.constantFrom(10, 20, 30, 12.345), { minLength: n, maxLength: n }),
        pop: fc.array(fc.constantFrom(1000, 2000, 1234.5), { minLength: n, maxLength: n }),
        order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n }),
      })
      .map(({ x, imd, pop, order }) => ({
        wards: order.map((i) => ({ code: `E05${String(i).padStart(6, '0')}`, population: pop[i]!, imdScore: imd[i]! })),
        proxies: { x: order.map((i) => x[i]!) },
      })),
  );

/** Pence per ward by the BigInt-only rule (the reference of the fast path). */
function exactSplit(borough: Borough, basis: string, b: number, A: number): bigint[] | null {
  const v = borough.weightVector(basis, b);
  if (!v.ok) return null;
  const nums = Array.from({ length: borough.size }, (_, w) => v.numerator(w));
  return largestRemainderExact(BigInt(A), nums, v.den, borough.rank);
}

describe('neighbourhoodAmount (ranking a few wards, else the full path)', () => {
  const check = (input: EngineInput, basis: string, b: number, A: number, pick: number[]) => {
    const borough = new Borough(input);
    const exact = exactSplit(borough, basis, b, A);
    if (!exact) return;
    const wards = Int32Array.from(pick.map((i) => i % borough.size));
    const want = [...wards].reduce((s, w) => s + exact[w]!, 0n);
    const v = borough.weightVector(basis, b);
    if (!v.ok) throw new Error(v.reason);
    expect(neighbourhoodAmount(borough, v, A, wards)).toBe(Number(want));
  };

  it('equals the exact split summed over the wards (duplicates included), on random boroughs', () => {
    fc.assert(
      fc.property(world, fc.constantFrom('a', 'b', 'population', 'even'), beta, amount, fc.array(fc.nat(20), { maxLength: 9 }), (w, basis, b, A, pick) =>
        check(w.input, basis, b, A, pick),
      ),
      { numRuns: 800 },
    );
  });

  it('with exact and near ties, on boroughs of up to 150 wards', () => {
    fc.assert(
      fc.property(tieInput(1, 150), fc.constantFrom('x', 'even'), beta, amount, fc.array(fc.nat(200), { maxLength: 9 }), (input, basis, b, A, pick) =>
        check(input, basis, b, A, pick),
      ),
      { numRuns: 500 },
    );
  });
});

describe('largestRemainder on large boroughs (blended shares kept as one array)', () => {
  it('equals the exact BigInt path', () => {
    fc.assert(
      fc.property(tieInput(64, 200), fc.constantFrom('x', 'even'), beta, amount, (input, basis, b, A) => {
        const borough = new Borough(input);
        const v = borough.weightVector(basis, b);
        if (!v.ok) return;
        const out = new Float64Array(borough.size);
        largestRemainder(borough, v, A, out);
        expect([...out].map(BigInt)).toEqual(exactSplit(borough, basis, b, A));
      }),
      { numRuns: 300 },
    );
  });

  it('shares are λ·a + μ·b, whichever way they are held', () => {
    fc.assert(
      fc.property(fc.oneof(tieInput(1, 40), tieInput(64, 100)), beta, (input, b) => {
        const v = new Borough(input).weightVector('x', b);
        if (!v.ok) return;
        const blended = v.a.map((a, w) => v.lambda * a + v.mu * v.b[w]!);
        expect([...v.shares]).toEqual([...blended]);
        for (const s of v.shares) expect(s).toBeLessThanOrEqual(v.maxShare);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Allocation', () => {
  const linesOf = (w: { input: EngineInput; proxies: string[] }, max: number) =>
    fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: max }).chain((ids) => fc.tuple(...ids.map((id) => lineOf(w, id))));

  it('keeps every line as apportionLine splits it, totals included (ids in any order, repeated)', () => {
    fc.assert(
      fc.property(world.chain((w) => linesOf(w, 20).map((ls) => ({ w, ls }))), ({ w, ls }) => {
        const lines = ls as EngineLine[];
        const a = new Allocation(w.input, lines);
        const last = new Map<number, EngineLine>();
        for (const l of lines) last.set(l.id, l);
        const borough = new Borough(w.input);
        const totals = new Array<number>(borough.size).fill(0);
        for (const [id, l] of last) {
          const want = apportionLine(borough, l);
          const got = a.result(id)!;
          expect(got.ok).toBe(want.ok);
          if (!want.ok || !got.ok) continue;
          expect([...got.amounts]).toEqual([...want.amounts]);
          expect(got.directDifference).toEqual(want.directDifference);
          expect(a.result(id)).toBe(got); // made once, then the same object
          [...want.amounts].forEach((x, i) => (totals[i]! += x));
        }
        expect([...a.wardTotals()]).toEqual(totals);
        expect(a.size).toBe(last.size);
        expect([...a.lines()].map((e) => e.line.id)).toEqual([...last.keys()]);
        for (const e of a.lines()) expect(e.result).toBe(a.result(e.line.id));
      }),
      { numRuns: 300 },
    );
  });

  it('amounts of £21m and more (kept as Float64) and edits of them', () => {
    const input: EngineInput = {
      wards: ['E05000003', 'E05000001', 'E05000002'].map((code, i) => ({ code, population: 1000 * (i + 1), imdScore: 10 + i })),
      proxies: { x: [0.1, 0.2, 0.3] },
    };
    const big = (id: number, amountPence: number, b = 0): EngineLine => ({ id, ref: `B${id}`, partner: 'P', amountPence, basis: 'x', beta: b, discretionaryPct: 0, siteWard: null });
    const lines = [big(1, 2 ** 31 + 3), big(2, 99_999_999_999_999, 0.5), big(3, 1001)];
    const a = new Allocation(input, lines);
    a.setLine(big(3, 3 * 2 ** 40 + 1, 1));
    a.setLine(big(1, 7));
    const b = new Borough(input);
    const want = [big(1, 7), lines[1]!, big(3, 3 * 2 ** 40 + 1, 1)].map((l) => apportionLine(b, l));
    want.forEach((w, i) => {
      const got = a.result(i + 1)!;
      if (!w.ok || !got.ok) throw new Error('not allocated');
      expect([...got.amounts]).toEqual([...w.amounts]);
    });
    const totals = [0, 1, 2].map((ward) => want.reduce((s, w) => s + (w.ok ? w.amounts[ward]! : 0), 0));
    expect([...a.wardTotals()]).toEqual(totals);
  });
});

describe('a Borough reused for the same wards and proxies', () => {
  const input = (): EngineInput => ({
    wards: [
      { code: 'E05000002', population: 2000, imdScore: 20 },
      { code: 'E05000001', population: 1000, imdScore: 40.5 },
      { code: 'E05000003', population: 3000, imdScore: 10 },
    ],
    proxies: { x: [1, 2, 3.5], population: [2000, 1000, 3000] },
  });
  const line: EngineLine = { id: 1, ref: 'A', partner: 'P', amountPence: 1_000_001, basis: 'x', beta: 0.5, discretionaryPct: 0, siteWard: null };
  const split = (a: Allocation) => {
    const r = a.result(1)!;
    return r.ok ? [...r.amounts] : r.reason;
  };
  const fresh = (inp: EngineInput) => split(new Allocation(new Borough(inp), [line]));

  it('is shared by allocations of equal inputs, and not by different ones', () => {
    const a = new Allocation(input(), [line]);
    const b = new Allocation(input(), [line]);
    expect(b.borough).toBe(a.borough);
    const changed = input();
    (changed.proxies.x as number[])[2] = 3.25;
    const c = new Allocation(changed, [line]);
    expect(c.borough).not.toBe(a.borough);
    expect(split(c)).toEqual(fresh(changed));
    expect(split(a)).toEqual(fresh(input()));
  });

  it('never goes stale when the caller changes its arrays in place', () => {
    const inp = input();
    const a = new Allocation(inp, [line]);
    const before = split(a);
    (inp.proxies.x as number[])[0] = 9;
    (inp.wards[1] as { imdScore: number }).imdScore = 41;
    const b = new Allocation(inp, [line]);
    expect(split(b)).toEqual(fresh(inp));
    expect(split(b)).not.toEqual(before);
    expect(split(a)).toEqual(before);
    delete (inp.proxies as Record<string, unknown>).population;
    expect(split(new Allocation(inp, [{ ...line, basis: 'population' }]))).toEqual(split(new Allocation(new Borough(inp), [{ ...line, basis: 'population' }])));
  });
});

describe('focusLines', () => {
  /** The rule as written: sort everything, then take lines while the ones before add up to < 80%. */
  function refFocus(lines: EngineLine[]): number[] {
    const amt = (l: EngineLine) => (Number.isSafeInteger(l.amountPence) && l.amountPence > 0 ? l.amountPence : 0);
    const sorted = [...lines].sort((a, b) => amt(b) - amt(a) || compareText(a.ref, b.ref) || a.id - b.id);
    const total = sorted.reduce((s, l) => s + BigInt(amt(l)), 0n);
    const out: number[] = [];
    let before = 0n;
    for (const l of sorted) {
      if (5n * before >= 4n * total) break;
      out.push(l.id);
      before += BigInt(amt(l));
    }
    return out;
  }
  const focusLine = fc.record({
    id: fc.integer({ min: 1, max: 1000 }),
    ref: fc.constantFrom('A', 'B', 'a', '', 'Z1', '\u{1F600}', '\uFF21'),
    amountPence: fc.oneof(fc.constantFrom(0, 1, 5, 100, -3, 1.5, NaN, 2 ** 52), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 53 - 1 })),
  });

  it('equals sorting every line by the full order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(focusLine, { maxLength: 40 }), fc.array(focusLine, { maxLength: 400 })), (ls) => {
        const lines = ls.map((l) => ({ ...l, partner: '', basis: 'even', beta: 0, discretionaryPct: 0, siteWard: null }));
        expect(focusLines(lines).map((l) => l.id)).toEqual(refFocus(lines));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('caches keyed by a double', () => {
  it('a weight vector per exact β (neighbouring doubles, −0, βs past two decimals)', () => {
    const b = new Borough({
      wards: ['E1', 'E2', 'E3'].map((code, i) => ({ code, population: 100 * (i + 1), imdScore: 5 + 7 * i })),
      proxies: { x: [3, 1, 2] },
    });
    // 0.1 and 0.09999999999999999 (and 0.35, 0.35000000000000003) are both exactly 10 (35) when × 100.
    const betas = [0, -0, 0.1, 0.09999999999999999, 0.35000000000000003, 0.35, 0.07, 0.07 + 2 ** -56, 0.5, 0.125, 1, 1 - 2 ** -53, 0.3333333333333333];
    for (const x of betas) {
      const v = b.weightVector('x', x);
      if (!v.ok) throw new Error(v.reason);
      if (x !== 0) expect(v.beta).toBe(x);
      expect(b.weightVector('x', x)).toBe(v);
    }
    expect(b.weightVector('x', -0)).toBe(b.weightVector('x', 0));
    expect(b.weightVector('x', 0.07 + 2 ** -56)).not.toBe(b.weightVector('x', 0.07));
    expect(b.weightVector('x', 0.09999999999999999)).not.toBe(b.weightVector('x', 0.1));
  });

  it('a discretionary % is the decimal it prints as, neighbouring doubles included', () => {
    // 10.3 and 10.299999999999999 (0.05 and 0.049999999999999996) are both exactly 1030 (5) when × 100.
    for (const pct of [0, 10.3, 10.299999999999999, 0.049999999999999996, 0.05, 12.3, 12.300000000000002, 7.25, 100, 33.3, 0.01, 1e-7, 99.99999999999999, 50.5]) {
      for (let i = 0; i < 2; i++) {
        const r = ratioFromNumber(pct);
        const d = decimalPct(pct);
        expect(d.m).toBe(r.n);
        expect(10n ** BigInt(d.j)).toBe(r.d);
      }
    }
  });
});

describe('sensitivity through the tracker equals the reference on many-ward boroughs', () => {
  it('with a few wards and with many', () => {
    fc.assert(
      fc.property(
        tieInput(2, 80).chain((input) =>
          fc.record({
            input: fc.constant(input),
            nb: fc.subarray(input.wards.map((w) => w.code), { minLength: 1, maxLength: Math.min(9, input.wards.length) }),
            A: amount,
            b: beta,
          }),
        ),
        ({ input, nb, A, b }) => {
          const l: EngineLine = { id: 1, ref: 'L', partner: 'P', amountPence: A, basis: 'x', beta: b, discretionaryPct: 0, siteWard: null };
          const t = new Allocation(input, [l]).neighbourhood(nb);
          const f = t.lineFigures(1);
          const variants = [0, 0.5, 1]
            .map((beta) => ({ basis: 'x', beta }))
            .concat([{ basis: 'population', beta: 0 }])
            .map((v) => refApportion(input, { ...l, ...v }))
            .filter((a): a is bigint[] => a !== null)
            .map((a) => Number(a.reduce((s, x, w) => (nb.includes(input.wards[w]!.code) ? s + x : s), 0n)));
          if (!f) {
            expect(refApportion(input, l)).toBeNull();
            return;
          }
          expect(f.low).toBe(Math.min(...variants));
          expect(f.high).toBe(Math.max(...variants));
        },
      ),
      { numRuns: 300 },
    );
  });
});
