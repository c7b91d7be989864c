// fast-check generators of boroughs and spend lines that stress exactness: decimals
// that are not binary fractions, arbitrary doubles, many equal weights, zeros, and
// amounts up to £1 trillion (1e14 pence).
import fc from 'fast-check';
import type { EngineInput, EngineLine } from '../../shared/engine/types';

const nonNegZero = (x: number) => (Object.is(x, -0) ? 0 : x);

/** Proxy-like values: small integers (many ties), zeros, decimals, raw doubles. */
export const proxyValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 3, 5, 10) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(0.1, 0.2, 0.3, 0.7, 12.5, 1234.5678, 0.3333333333333333) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).map(nonNegZero) },
);

export const amount = fc.oneof(
  fc.integer({ min: 0, max: 50 }),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fc.bigInt({ min: 0n, max: 100_000_000_000_000n }).map(Number),
  fc.constantFrom(100_000_000_000_000, 99_999_999_999_999, 2 ** 31, 6_000_000),
);

export const beta = fc.oneof(
  fc.constantFrom(0, 0.5, 1, 0.25, 0.35, 0.1),
  fc.double({ min: 0, max: 1, noNaN: true }).map(nonNegZero),
);

export interface World {
  input: EngineInput;
  /** proxy names usable as a basis */
  proxies: string[];
}

/** A borough of 1–9 wards with population, IMD and two proxies, wards in random order. */
export const world: fc.Arbitrary<World> = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.record({
      codes: fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: n, maxLength: n }),
      population: fc.array(fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(1500.5, 0.25)), { minLength: n, maxLength: n }),
      imd: fc.array(
        fc.oneof(fc.constantFrom(10, 20, 33.333, 5.5), fc.double({ min: 0, max: 90, noNaN: true }).map(nonNegZero)),
        { minLength: n, maxLength: n },
      ),
      a: fc.array(proxyValue, { minLength: n, maxLength: n }),
      b: fc.array(proxyValue, { minLength: n, maxLength: n }),
    }),
  )
  .map(({ codes, population, imd, a, b }) => ({
    input: {
      wards: codes.map((c, i) => ({ code: `E05${String(c).padStart(6, '0')}`, population: population[i]!, imdScore: imd[i]! })),
      proxies: { a, b, population },
    },
    proxies: ['a', 'b', 'population', 'even'],
  }));

/** A line of one of the world's bases (including site and direct). */
export function lineOf(w: World, id: number): fc.Arbitrary<EngineLine> {
  const codes = w.input.wards.map((x) => x.code);
  return fc
    .record({
      amountPence: amount,
      basis: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...w.proxies) }, { weight: 1, arbitrary: fc.constantFrom('site', 'direct') }),
      beta,
      discretionaryPct: fc.oneof(fc.constantFrom(0, 12.5, 33.3, 100, 7.25), fc.integer({ min: 0, max: 100 })),
      partner: fc.constantFrom('Council', 'NHS', 'Police'),
      ref: fc.constantFrom('A', 'B', 'C', 'D'),
      site: fc.constantFrom(...codes),
      figures: fc.array(fc.tuple(fc.constantFrom(...codes), fc.integer({ min: 0, max: 1_000_000 })), { maxLength: 3 }),
      override: fc.constantFrom(null, null, null, 'green' as const, 'red' as const),
    })
    .map((r) => ({
      id,
      ref: `${r.ref}${id}`,
      partner: r.partner,
      amountPence: r.amountPence,
      basis: r.basis,
      beta: r.beta,
      discretionaryPct: r.discretionaryPct,
      confidenceOverride: r.override,
      siteWard: r.basis === 'site' ? r.site : null,
      direct: r.basis === 'direct' ? new Map(r.figures) : null,
    }));
}

export const worldWithLines = (maxLines: number) =>
  world.chain((w) =>
    fc
      .integer({ min: 0, max: maxLines })
      .chain((m) => fc.tuple(...Array.from({ length: m }, (_, i) => lineOf(w, i + 1))))
      .map((lines) => ({ ...w, lines: lines as EngineLine[] })),
  );

/** The same borough with its wards (and proxy columns) in another order. */
export function permute(input: EngineInput, order: number[]): EngineInput {
  return {
    wards: order.map((i) => input.wards[i]!),
    proxies: Object.fromEntries(Object.entries(input.proxies).map(([k, v]) => [k, order.map((i) => v[i]!)])),
  };
}
