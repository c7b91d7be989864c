// The brief's method ("The method", ../shared/docs/brief.md) written out once more, in
// exact rational arithmetic on BigInt, for tests that check the app's figures. It uses
// nothing from shared/ or electron/ (not even shared/decimal.ts): every number is
// taken as the decimal it prints as (docs/method.md), then worked with exactly.

/** n / d with d > 0 (not necessarily reduced). */
export interface Rat {
  n: bigint;
  d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};
const norm = (n: bigint, d: bigint): Rat => {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};

export const rat = (n: bigint, d = 1n): Rat => norm(n, d);
export const ZERO = rat(0n);
export const ONE = rat(1n);
export const add = (a: Rat, b: Rat): Rat => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rat, b: Rat): Rat => norm(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rat, b: Rat): Rat => norm(a.n * b.n, a.d * b.d);
export const div = (a: Rat, b: Rat): Rat => norm(a.n * b.d, a.d * b.n);
export const cmp = (a: Rat, b: Rat): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const sum = (xs: Rat[]): Rat => xs.reduce(add, ZERO);

/** floor(a) for any sign. */
export function floor(a: Rat): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** Rounded to the nearest integer, halves away from zero (a ≥ 0: half up). */
export function roundHalfUp(a: Rat): bigint {
  if (a.n < 0n) return -roundHalfUp({ n: -a.n, d: a.d });
  return floor(add(a, rat(1n, 2n)));
}

/** A decimal numeral ("1234.5", "-0.25", "1e-7", "2.5E+3") as an exact fraction. */
export function decimalText(text: string): Rat {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a decimal: "${text}"`);
  const digits = BigInt((m[2] || '0') + (m[3] ?? ''));
  const exp = BigInt(m[4] ?? '0') - BigInt((m[3] ?? '').length);
  const signed = m[1] === '-' ? -digits : digits;
  return exp >= 0n ? rat(signed * 10n ** exp) : rat(signed, 10n ** -exp);
}

/** A double as the decimal it prints as (its shortest round-trip form). */
export function decimal(x: number): Rat {
  if (!Number.isFinite(x)) throw new Error(`not finite: ${x}`);
  return decimalText(String(x));
}

/** "1234567.89" pounds → 123456789n pence (at most 2 decimals, no separators). */
export function pence(gbp: string): bigint {
  const r = mul(decimalText(gbp), rat(100n));
  if (r.d !== 1n) throw new Error(`not whole pence: ${gbp}`);
  return r.n;
}

/** Code-point order (all the tests' strings are ASCII, where this is plain `<`). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Largest remainder: floor of each exact amount, then the pennies left over one each to
 * the largest fractional parts, ties to the lower ward code.
 */
export function largestRemainder(A: bigint, exact: Rat[], codes: string[]): bigint[] {
  const floors = exact.map(floor);
  const fracs = exact.map((e, i) => sub(e, rat(floors[i]!)));
  let left = A - floors.reduce((s, x) => s + x, 0n);
  const order = codes.map((_, i) => i).sort((i, j) => cmp(fracs[j]!, fracs[i]!) || byCodePoint(codes[i]!, codes[j]!));
  for (const i of order) {
    if (left <= 0n) break;
    floors[i]! += 1n;
    left--;
  }
  if (left !== 0n) throw new Error('largest remainder: pennies left over');
  return floors;
}

export interface ExactWard {
  code: string;
  population: number;
  imdScore: number;
}

/**
 * f_w = 1 + β·(S_w/S̄ − 1), weight_w = x_w·f_w, exact_w = A·weight_w/Σ weight, then
 * largest remainder. null when a value is missing or Σ weight is 0 (not allocated).
 */
export function apportionExact(wards: ExactWard[], A: bigint, x: (number | null)[], beta: number | string): bigint[] | null {
  if (x.some((v) => v === null)) return null;
  const b = typeof beta === 'string' ? decimalText(beta) : decimal(beta);
  const pop = wards.map((w) => decimal(w.population));
  const S = wards.map((w) => decimal(w.imdScore));
  const sBar = div(sum(S.map((s, i) => mul(s, pop[i]!))), sum(pop));
  const f = S.map((s) => add(ONE, mul(b, sub(div(s, sBar), ONE))));
  const weight = x.map((v, i) => mul(decimal(v!), f[i]!));
  const total = sum(weight);
  if (total.n === 0n) return null;
  const exact = weight.map((w) => div(mul(rat(A), w), total));
  return largestRemainder(A, exact, wards.map((w) => w.code));
}

/** The wards2024 (or wards2019) reference pack, as shipped in resources/reference/. */
export interface PackFile {
  id: string;
  title: string;
  authorities: [string, string][];
  wards: [string, string, number, ...(number | null)[]][];
}

export const PACK_PROXIES = [
  'population',
  'children_0_15',
  'adults_16_59',
  'older_60_plus',
  'working_age',
  'income_deprived',
  'employment_deprived',
  'imd_score',
] as const;

/** One authority's wards from a pack, sorted by code, with every standard proxy value. */
export function packWards(pack: PackFile, lad: string): { code: string; name: string; values: Record<string, number | null> }[] {
  const index = pack.authorities.findIndex((a) => a[0] === lad);
  if (index < 0) throw new Error(`${lad} is not in pack ${pack.id}`);
  return pack.wards
    .filter((w) => w[2] === index)
    .map((w) => ({
      code: w[0],
      name: w[1],
      values: Object.fromEntries(PACK_PROXIES.map((p, i) => [p, (w[3 + i] as number | null | undefined) ?? null])),
    }))
    .sort((a, b) => byCodePoint(a.code, b.code));
}
