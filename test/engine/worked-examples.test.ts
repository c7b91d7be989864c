// Hand-checked examples, one per basis, with the arithmetic written out.
import { describe, expect, it } from 'vitest';
import { Allocation, apportionLine, Borough, neighbourhoodSummary } from '../../shared/engine';
import type { EngineInput, EngineLine } from '../../shared/engine';
import { lineSensitivity, neighbourhoodPence } from '../../shared/engine/sensitivity';
import { refApportion } from './reference';

// Four wards, listed out of code order on purpose (ties must go by code, not position).
//   code        population  imd  income_deprived  claimants  pupils
//   E05000004     1000       10        100             0         0
//   E05000001     2000       40        600            30         0
//   E05000003     3000       20        300            10         0
//   E05000002     4000       30       1000          (missing)    0
const input: EngineInput = {
  wards: [
    { code: 'E05000004', population: 1000, imdScore: 10 },
    { code: 'E05000001', population: 2000, imdScore: 40 },
    { code: 'E05000003', population: 3000, imdScore: 20 },
    { code: 'E05000002', population: 4000, imdScore: 30 },
  ],
  proxies: {
    population: [1000, 2000, 3000, 4000],
    income_deprived: [100, 600, 300, 1000],
    claimants: [0, 30, 10, null],
    pupils: [0, 0, 0, 0],
  },
};
const borough = new Borough(input);

let nextId = 1;
function line(fields: Partial<EngineLine>): EngineLine {
  const id = nextId++;
  return { id, ref: `L${id}`, partner: 'Council', amountPence: 0, basis: 'population', beta: 0, discretionaryPct: 0, siteWard: null, ...fields };
}

/** Pence by ward code, to read the expectations against the table above. */
function byCode(l: EngineLine, b = borough, inp = input): Record<string, number> | string {
  const res = apportionLine(b, l);
  if (!res.ok) return res.reason;
  return Object.fromEntries(inp.wards.map((w, i) => [w.code, res.amounts[i]!]));
}

describe('worked examples', () => {
  it('population, β = 0: shares 0.1/0.2/0.3/0.4 of 1001p, the leftover penny to the largest fraction', () => {
    // exact = 100.1, 200.2, 300.3, 400.4 → floors 100 + 200 + 300 + 400 = 1000, k = 1
    // largest fraction .4 (E05000002) → 401
    expect(byCode(line({ amountPence: 1001 }))).toEqual({ E05000004: 100, E05000001: 200, E05000003: 300, E05000002: 401 });
  });

  it('income_deprived with β = 0.5 on £10,000', () => {
    // S̄ = (1000·10 + 2000·40 + 3000·20 + 4000·30) / 10000 = 270000 / 10000 = 27
    // f_w = 1 + 0.5·(S_w/27 − 1) = (27 + S_w)/54 → 37/54, 67/54, 47/54, 57/54
    // weight = x·f → 3700/54, 40200/54, 14100/54, 57000/54; Σ = 115000/54
    // exact = 1,000,000 · weight/Σ = 200·x·(27 + S)/(23·54)... = 740000/23, 8040000/23, 2820000/23, 11400000/23
    //       = 32173 + 21/23, 349565 + 5/23, 122608 + 16/23, 495652 + 4/23
    // floors sum to 999,998 → k = 2 → fractions 21/23 (E05000004) and 16/23 (E05000003) get a penny
    expect(byCode(line({ amountPence: 1_000_000, basis: 'income_deprived', beta: 0.5 }))).toEqual({
      E05000004: 32174,
      E05000001: 349565,
      E05000003: 122609,
      E05000002: 495652,
    });
  });

  it('even, β = 0: an exact tie goes to the lower ward codes', () => {
    // 10p / 4 = 2.5 each → floors 8, k = 2, all fractions .5 → E05000001 and E05000002
    expect(byCode(line({ amountPence: 10, basis: 'even' }))).toEqual({ E05000004: 2, E05000001: 3, E05000003: 2, E05000002: 3 });
  });

  it('even, β = 1: weights proportional to the IMD score', () => {
    // f_w = S_w / 27 → weights ∝ 10, 40, 20, 30 (Σ 100) → 10p splits 1, 4, 2, 3 exactly
    expect(byCode(line({ amountPence: 10, basis: 'even', beta: 1 }))).toEqual({ E05000004: 1, E05000001: 4, E05000003: 2, E05000002: 3 });
  });

  it('site: everything in the site ward', () => {
    expect(byCode(line({ amountPence: 5000, basis: 'site', siteWard: 'E05000003' }))).toEqual({
      E05000004: 0,
      E05000001: 0,
      E05000003: 5000,
      E05000002: 0,
    });
    expect(byCode(line({ amountPence: 5000, basis: 'site', siteWard: null }))).toMatch(/site_ward/);
    expect(byCode(line({ amountPence: 5000, basis: 'site', siteWard: 'E05999999' }))).toMatch(/E05999999/);
  });

  it('direct: figures as given; a mismatch is allocated and flagged with Σ figures − A', () => {
    const direct = new Map([
      ['E05000001', 700],
      ['E05000002', 300],
    ]);
    const matching = apportionLine(borough, line({ amountPence: 1000, basis: 'direct', direct }));
    expect(matching).toEqual({ ok: true, amounts: Float64Array.from([0, 700, 0, 300]) });
    const short = apportionLine(borough, line({ amountPence: 1200, basis: 'direct', direct }));
    expect(short).toEqual({ ok: true, amounts: Float64Array.from([0, 700, 0, 300]), directDifference: -200 });
    expect(byCode(line({ amountPence: 1200, basis: 'direct', direct: new Map() }))).toMatch(/no ward figures/);
    expect(byCode(line({ amountPence: 1200, basis: 'direct', direct: null }))).toMatch(/no ward figures/);
    expect(byCode(line({ amountPence: 1, basis: 'direct', direct: new Map([['E05999999', 1]]) }))).toMatch(/E05999999/);
  });

  it('a proxy missing for a ward: not allocated, the reason names the proxy and the ward', () => {
    const reason = byCode(line({ amountPence: 1000, basis: 'claimants' }));
    expect(reason).toMatch(/claimants/);
    expect(reason).toMatch(/E05000002/);
    expect(byCode(line({ amountPence: 1000, basis: 'no_such_proxy' }))).toMatch(/no_such_proxy/);
  });

  it('Σ weight = 0: not allocated, never NaN or silent zeros', () => {
    expect(byCode(line({ amountPence: 1000, basis: 'pupils' }))).toMatch(/Σ weight is 0/);
    expect(byCode(line({ amountPence: 1000, basis: 'pupils', beta: 0.5 }))).toMatch(/Σ weight is 0/);
  });

  it('β > 0 needs imd_score in every ward; β = 0 does not need it at all', () => {
    const noImd: EngineInput = { ...input, wards: input.wards.map((w, i) => (i === 2 ? { ...w, imdScore: null } : w)) };
    const b = new Borough(noImd);
    expect(byCode(line({ amountPence: 1001, basis: 'population', beta: 0.25 }), b, noImd)).toMatch(/imd_score.*E05000003/);
    expect(byCode(line({ amountPence: 1001 }), b, noImd)).toEqual({ E05000004: 100, E05000001: 200, E05000003: 300, E05000002: 401 });
    const zeroImd: EngineInput = { ...input, wards: input.wards.map((w) => ({ ...w, imdScore: 0 })) };
    expect(byCode(line({ amountPence: 10, basis: 'even', beta: 1 }), new Borough(zeroImd), zeroImd)).toMatch(/S̄/);
  });

  it('a ward with a zero proxy gets nothing, not even a leftover penny', () => {
    // claimants-like proxy 0, 1, 1, 1 on 2p: exact 0, 2/3, 2/3, 2/3; k = 2 → the two lowest codes among the 1s
    const b = new Borough({ wards: input.wards, proxies: { c: [0, 1, 1, 1] } });
    const res = apportionLine(b, line({ amountPence: 2, basis: 'c' }));
    expect(res.ok && [...res.amounts]).toEqual([0, 1, 0, 1]);
  });

  it('an exact tie that floats get wrong: proxies 0.1, 0.2, 0.3 on 3p', () => {
    // Exactly: Σx = 0.6, exact = 0.5, 1, 1.5 → floors 0, 1, 1, k = 1, fractions .5 and .5 tie → lower code.
    // Naive floats: 0.1 + 0.2 + 0.3 = 0.6000000000000001, 3·0.1/Σ = 0.49999999999999994,
    // 3·0.2/Σ = 0.9999999999999998 (floor 0!), 3·0.3/Σ = 1.4999999999999998 → a different split.
    const wards = [
      { code: 'E05000002', population: 1, imdScore: 1 },
      { code: 'E05000003', population: 1, imdScore: 1 },
      { code: 'E05000001', population: 1, imdScore: 1 },
    ];
    const x = [0.1, 0.2, 0.3];
    const b = new Borough({ wards, proxies: { x } });
    const res = apportionLine(b, line({ amountPence: 3, basis: 'x' }));
    // E05000001 (x = 0.3) has the lower code of the tied pair → 2p
    expect(res.ok && [...res.amounts]).toEqual([0, 1, 2]);
    expect(naiveFloat(3, x, ['E05000002', 'E05000003', 'E05000001'])).not.toEqual([0, 1, 2]);

    // The same tie at A = 99,999,999,999,999p (6j + 3): exact A/6 = j + .5, A/3 = 2j + 1, A/2 = 3j + 1.5,
    // while A·share in floats is off by up to ~0.01: the exact fallback decides, by code.
    const A = 99_999_999_999_999;
    const big = apportionLine(b, line({ amountPence: A, basis: 'x' }));
    expect(big.ok && [...big.amounts]).toEqual([16_666_666_666_666, 33_333_333_333_333, 50_000_000_000_000]);
  });

  it('a near tie one part in 10^15 apart is decided exactly, not by code', () => {
    // x = 0.5000000000000001, 0.5, 0.9999999999999999 (Σ = 2 exactly); A = 2 → exact_w = x_w
    // k = 2: 0.9999999999999999 and 0.5000000000000001 win, although 0.5 has the lowest code.
    const b = new Borough({
      wards: ['E05000003', 'E05000001', 'E05000002'].map((code) => ({ code, population: 1, imdScore: 1 })),
      proxies: { x: [0.5000000000000001, 0.5, 0.9999999999999999] },
    });
    const res = apportionLine(b, line({ amountPence: 2, basis: 'x' }));
    expect(res.ok && [...res.amounts]).toEqual([1, 0, 1]);
  });

  it('the engine agrees with the exact reference on every example above', () => {
    for (const l of [
      line({ amountPence: 1001 }),
      line({ amountPence: 1_000_000, basis: 'income_deprived', beta: 0.5 }),
      line({ amountPence: 10, basis: 'even' }),
      line({ amountPence: 123_457, basis: 'income_deprived', beta: 0.35 }),
    ]) {
      const res = apportionLine(borough, l);
      expect(res.ok && [...res.amounts].map(BigInt)).toEqual(refApportion(input, l));
    }
  });
});

describe('sensitivity range', () => {
  // Three wards, neighbourhood = E01.   population  imd   x
  //                              E01        2        3    2
  //                              E02        8        1    4
  //                              E03        9        4    6
  // S̄ = (2·3 + 8·1 + 9·4)/19 = 50/19. A = 8p. E01's neighbourhood amount:
  //   x, β = 0:    8·(2, 4, 6)/12 = 1.33, 2.67, 4      → floors 7, k = 1 → E02      → E01 = 1
  //   x, β = 0.5:  weights 2.14, 2.76, 7.56 → 1.37, 1.77, 4.85 → k = 2 → E03, E02 → E01 = 1
  //   x, β = 1:    weights 2.28, 1.52, 9.12 → 1.41, 0.94, 5.65 → k = 2 → E02, E03 → E01 = 1
  //   population:  8·(2, 8, 9)/19 = 0.84, 3.37, 3.79   → k = 2 → E01, E03        → E01 = 1
  //   x, β = 0.75 (the line): weights 2.21, 2.14, 8.34 → 1.393, 1.349, 5.258 → k = 1 → E01 → E01 = 2
  // E01's exact share rises with β (.1667, .1718, .1742, .1765), but the rounded penny does
  // not: the line lies outside the brief's four. 'brief' reports [1, 1]; 'containing' [1, 2].
  const wards = [
    { code: 'E01', population: 2, imdScore: 3 },
    { code: 'E02', population: 8, imdScore: 1 },
    { code: 'E03', population: 9, imdScore: 4 },
  ];
  const tri: EngineInput = { wards, proxies: { x: [2, 4, 6] } };
  const l = line({ amountPence: 8, basis: 'x', beta: 0.75, discretionaryPct: 50 });

  it('the four variants, by hand', () => {
    const b = new Borough(tri);
    const res = apportionLine(b, l);
    expect(res.ok && [...res.amounts]).toEqual([2, 1, 5]);
    const nb = Int32Array.from([0]);
    expect(lineSensitivity(b, l, nb, neighbourhoodPence(res.ok ? res.amounts : new Float64Array(3), nb))).toEqual({ low: 1, high: 1 });
  });

  it("'brief' follows the brief; 'containing' widens to the actual amount", () => {
    const a = new Allocation(tri, [l, line({ amountPence: 100, basis: 'site', siteWard: 'E01' })]);
    const nb = { name: 'North', wards: ['E01'] };
    const brief = neighbourhoodSummary(a, nb);
    expect(brief.total_pence).toBe(102);
    expect(brief.sensitivity).toEqual({ low_pence: 101, high_pence: 101 });
    expect(neighbourhoodSummary(a, nb, { sensitivity: 'containing' }).sensitivity).toEqual({ low_pence: 101, high_pence: 102 });
  });
});

/** What a spreadsheet-style float implementation does: the thing the engine must not do. */
function naiveFloat(A: number, x: number[], codes: string[]): number[] {
  const total = x.reduce((s, v) => s + v, 0);
  const e = x.map((v) => (A * v) / total);
  const out = e.map(Math.floor);
  let k = A - out.reduce((s, v) => s + v, 0);
  const order = [...x.keys()].sort((i, j) => e[j]! - out[j]! - (e[i]! - out[i]!) || (codes[i]! < codes[j]! ? -1 : 1));
  for (const w of order) if (k-- > 0) out[w]! += 1;
  return out;
}
