// Exact rational arithmetic on BigInt, for the few places where a float could
// move a penny or make a rebuilt reference pack differ by one ulp.
// A Ratio is n/d with d > 0 (not necessarily reduced).

export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const TEN = 10n;

/** Parses a plain decimal string ("-12.345", "1e-7", "0.1") exactly. Returns null if it is not one. */
export function parseDecimal(text: string): Ratio | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, intPart = '', fracPart = '', expPart] = m;
  if (intPart === '' && fracPart === '') return null;
  let n = BigInt((intPart || '0') + fracPart);
  const scale = fracPart.length - (expPart ? Number(expPart) : 0);
  if (!Number.isSafeInteger(scale) || Math.abs(scale) > 400) return null;
  if (sign === '-') n = -n;
  if (scale >= 0) return { n, d: TEN ** BigInt(scale) };
  return { n: n * TEN ** BigInt(-scale), d: 1n };
}

/**
 * A finite double as the decimal it prints as (JavaScript's shortest
 * round-trip form): 0.35 becomes 35/100, which is what a user typed.
 */
export function ratioFromNumber(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const r = parseDecimal(String(x));
  if (!r) throw new RangeError(`cannot read ${x} as a decimal`);
  return r;
}

export const ratio = (n: bigint, d: bigint = 1n): Ratio => (d < 0n ? { n: -n, d: -d } : { n, d });
export const add = (a: Ratio, b: Ratio): Ratio =>
  a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
export const sub = (a: Ratio, b: Ratio): Ratio => add(a, { n: -b.n, d: b.d });
export const mul = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });
export const div = (a: Ratio, b: Ratio): Ratio => {
  if (b.n === 0n) throw new RangeError('division by zero');
  return ratio(a.n * b.d, a.d * b.n);
};
export const cmp = (a: Ratio, b: Ratio): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function reduce(a: Ratio): Ratio {
  const g = gcd(a.n, a.d);
  return g > 1n ? { n: a.n / g, d: a.d / g } : a;
}

/** floor(n/d) for d > 0 (BigInt division truncates toward zero). */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/** Rounds n/d to the nearest integer, halves away from zero (money's "half up"). */
export function roundHalfUp(a: Ratio): bigint {
  const neg = a.n < 0n;
  const n = neg ? -a.n : a.n;
  const q = (2n * n + a.d) / (2n * a.d);
  return neg ? -q : q;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** The double nearest to n/d (ties to even): one correctly rounded conversion. */
export function ratioToNumber(a: Ratio): number {
  let { n, d } = a;
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return 0;
  const neg = n < 0n;
  if (neg) n = -n;
  // Choose e so that q = floor(n * 2^-e / d) has exactly 53 bits.
  let e = bitLength(n) - bitLength(d) - 53;
  const scaled = (shift: number): [bigint, bigint] => {
    const num = shift < 0 ? n << BigInt(-shift) : n;
    const den = shift > 0 ? d << BigInt(shift) : d;
    return [num / den, num % den * 2n - den];
  };
  let [q, half] = scaled(e);
  if (bitLength(q) > 53) {
    e += 1;
    [q, half] = scaled(e);
  } else if (bitLength(q) < 53) {
    e -= 1;
    [q, half] = scaled(e);
  }
  // half = 2*remainder - den: > 0 above the midpoint, 0 exactly on it.
  if (half > 0n || (half === 0n && (q & 1n) === 1n)) q += 1n;
  if (e < -1074 + 52) {
    // Subnormal range: fall back to two steps; never reached by money or proxies.
    return (neg ? -1 : 1) * Number(q) * 2 ** e;
  }
  const value = Number(q) * 2 ** e;
  return neg ? -value : value;
}

/** Shortest decimal text of a ratio that is a finite decimal, else its nearest double. */
export function formatRatio(a: Ratio): string {
  return String(ratioToNumber(a));
}
