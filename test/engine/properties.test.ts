// Properties of the apportionment, checked by fast-check against an independent exact
// implementation (reference.ts) and against the engine's own exact path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionLine, Borough, largestRemainder, largestRemainderExact } from '../../shared/engine';
import type { EngineInput } from '../../shared/engine';
import { amount, beta, lineOf, permute, world } from './arbitraries';
import { refApportion } from './reference';

const RUNS = { numRuns: 400 };
const worldAndLine = world.chain((w) => lineOf(w, 1).map((line) => ({ ...w, line })));

describe('apportionment properties', () => {
  it('equals the exact reference implementation, penny for penny (or both refuse)', () => {
    fc.assert(
      fc.property(worldAndLine, ({ input, line }) => {
        const res = apportionLine(new Borough(input), line);
        const ref = refApportion(input, line);
        if (!res.ok) expect(ref, res.reason).toBeNull();
        else expect([...res.amounts].map(BigInt)).toEqual(ref);
      }),
      RUNS,
    );
  });

  it('gives whole pence ≥ 0 that add up to A exactly (direct: to A + the flagged difference)', () => {
    fc.assert(
      fc.property(worldAndLine, ({ input, line }) => {
        const res = apportionLine(new Borough(input), line);
        if (!res.ok) return;
        for (const x of res.amounts) expect(Number.isInteger(x) && x >= 0).toBe(true);
        const sum = [...res.amounts].reduce((s, x) => s + x, 0);
        expect(sum).toBe(line.amountPence + (res.directDifference ?? 0));
        if (line.basis !== 'direct') expect(res.directDifference).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the wards', () => {
    const arb = worldAndLine.chain((x) => fc.shuffledSubarray([...x.input.wards.keys()], { minLength: x.input.wards.length }).map((order) => ({ ...x, order })));
    fc.assert(
      fc.property(arb, ({ input, line, order }) => {
        const a = apportionLine(new Borough(input), line);
        const shuffled = permute(input, order);
        const b = apportionLine(new Borough(shuffled), line);
        expect(b.ok).toBe(a.ok);
        if (!a.ok || !b.ok) return;
        const byCode = (inp: EngineInput, amounts: ArrayLike<number>) => Object.fromEntries(inp.wards.map((w, i) => [w.code, amounts[i]]));
        expect(byCode(shuffled, b.amounts)).toEqual(byCode(input, a.amounts));
      }),
      RUNS,
    );
  });

  it('β = 0 gives plain proxy shares, whatever the IMD scores (even missing)', () => {
    fc.assert(
      fc.property(worldAndLine, ({ input, line }) => {
        const noImd = { ...input, wards: input.wards.map((w) => ({ ...w, imdScore: null })) };
        const l = { ...line, beta: 0 };
        const res = apportionLine(new Borough(noImd), l);
        const ref = refApportion(input, l);
        if (!res.ok) expect(ref).toBeNull();
        else expect([...res.amounts].map(BigInt)).toEqual(ref);
      }),
      RUNS,
    );
  });

  it('a ward whose proxy is 0 gets 0: k = Σ fractions < the number of positive fractions', () => {
    fc.assert(
      fc.property(worldAndLine, ({ input, line }) => {
        if (line.basis === 'site' || line.basis === 'direct' || line.basis === 'even') return;
        const res = apportionLine(new Borough(input), line);
        if (!res.ok) return;
        input.proxies[line.basis]!.forEach((x, w) => {
          if (x === 0) expect(res.amounts[w]).toBe(0);
        });
      }),
      RUNS,
    );
  });
});

describe('float fast path = exact BigInt path', () => {
  // Many wards, weights drawn from a handful of values (exact ties everywhere), amounts up to 1e14.
  const tieWorld = fc.integer({ min: 1, max: 60 }).chain((n) =>
    fc.record({
      x: fc.array(fc.oneof(fc.constantFrom(0, 1, 2, 0.1, 0.2, 0.3), fc.integer({ min: 0, max: 3 })), { minLength: n, maxLength: n }),
      imd: fc.array(fc.constantFrom(10, 20, 30, 12.345), { minLength: n, maxLength: n }),
      pop: fc.array(fc.constantFrom(1000, 2000, 1234.5), { minLength: n, maxLength: n }),
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n }),
    }),
  );

  function check(input: EngineInput, basis: string, b: number, A: number) {
    const borough = new Borough(input);
    const v = borough.weightVector(basis, b);
    if (!v.ok) return;
    const out = new Float64Array(borough.size);
    largestRemainder(borough, v, A, out);
    const nums = Array.from({ length: borough.size }, (_, w) => v.numerator(w));
    expect([...out].map(BigInt)).toEqual(largestRemainderExact(BigInt(A), nums, v.den, borough.rank));
  }

  it('on random boroughs and amounts up to 1e14', () => {
    fc.assert(
      fc.property(world, fc.constantFrom('a', 'b', 'population', 'even'), beta, amount, (w, basis, b, A) => check(w.input, basis, b, A)),
      { numRuns: 600 },
    );
  });

  it('with many equal weights', () => {
    fc.assert(
      fc.property(tieWorld, fc.constantFrom('x', 'even'), beta, amount, ({ x, imd, pop, order }, basis, b, A) => {
        const input: EngineInput = {
          wards: order.map((i) => ({ code: `E05${String(i).padStart(6, '0')}`, population: pop[i]!, imdScore: imd[i]! })),
          proxies: { x: order.map((i) => x[i]!) },
        };
        check(input, basis, b, A);
      }),
      { numRuns: 600 },
    );
  });

  it('where A·share lands within a hair of .5 or of an integer', () => {
    // share = 1/6, 1/3, 1/2 (proxies 0.1, 0.2, 0.3): A = 6j + 3 puts two fractions exactly on
    // .5 and one on an integer; A = 6j + 3 ± 1 puts them 1/6 away, at any magnitude.
    const input: EngineInput = {
      wards: ['E05000009', 'E05000001', 'E05000005'].map((code) => ({ code, population: 1, imdScore: 1 })),
      proxies: { x: [0.1, 0.2, 0.3] },
    };
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 16_666_666_666_666n }), fc.integer({ min: -1, max: 1 }), (j, d) => {
        const A = Number(6n * j + 3n) + d;
        if (A >= 0) check(input, 'x', 0, A);
      }),
      { numRuns: 300 },
    );
  });
});
