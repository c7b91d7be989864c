// Exact helpers for the business case: decimals as BigInt ratios, common
// denominators, and the one rounding each reported figure gets.
import { gcd, parseDecimal, ratioFromNumber, reduce, roundHalfUp, type Ratio } from '../../decimal';

export const dec = (x: number | string): Ratio => {
  const r = typeof x === 'string' ? parseDecimal(x) : ratioFromNumber(x);
  if (!r) throw new RangeError(`not a decimal: ${x}`);
  return reduce(r);
};

export const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/** Pence, rounded half up (away from zero) once, as a JavaScript number. */
export const toPence = (r: Ratio): number => Number(roundHalfUp(r));

/** a ÷ b to 4 decimals, half up; null when b is 0 (no costs: the ratio has no meaning). */
export function ratio4(a: Ratio, b: Ratio): number | null {
  if (b.n === 0n) return null;
  const q = roundHalfUp({ n: a.n * b.d * 10_000n * (b.n < 0n ? -1n : 1n), d: a.d * (b.n < 0n ? -b.n : b.n) });
  return Number(q) / 10_000;
}

