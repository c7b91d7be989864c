// Exact weights of the method (docs/brief.md, "The method") and their float shares.
//
// Every number is the decimal it prints as (ratioFromNumber). With x_w = X_w/10^a,
// S_w = s_w/10^b, population p_w = q_w/10^c and β = m/10^d, S̄ = Ps/(Qs·10^b) where
// Ps = Σ q_v·s_v and Qs = Σ q_v, so
//     f_w = 1 + β(S_w/S̄ − 1) = [(10^d − m)·Ps + m·Qs·s_w] / (10^d·Ps)
//     weight_w ∝ N_w = c0·X_w + c1·Y_w,  c0 = (10^d − m)·Ps,  c1 = m·Qs,  Y_w = X_w·s_w
// and share_w = N_w / D with D = Σ N_w = c0·ΣX + c1·ΣY. All integers: exact.
// X, Y and their tie classes do not depend on β, so a vector for a new β costs
// O(wards) float work plus a few BigInt products.
//
// Float shares and their error (u = 2^-53, all terms ≥ 0):
//   a_w = X_w/ΣX, b_w = Y_w/ΣY: Number() of each BigInt and one division, ≤ 3u.
//   λ = c0·ΣX/D, μ = c1·ΣY/D: ≤ 3u.  share_w = λ·a_w + μ·b_w: ≤ 8u.
//   e_w = A·share_w: ≤ 9u relative. largest-remainder.ts uses 16u.
// A vector keeps λ, μ, a and b (Blend) and its shares are those same doubles, blended
// where they are used on a small borough (no per-ward array per β) or kept as one array
// on a large one; its maxShare may exceed the largest share (a safe bound, see Blend).
//
// Choices where the brief is silent:
// - A negative proxy value, imd_score or population is refused like a missing one
//   (a negative weight has no meaning and would break largest remainder).
// - β > 0 needs population and imd_score in every ward of the project (S̄ is over
//   all wards), even wards where the line's proxy is 0.
import { ratioFromNumber, ratioToNumber } from '../decimal';
import { listCodes } from './order';
import type { Refusal } from './types';

export type Refused = Refusal;

const POW10: bigint[] = [1n];
export function pow10(k: number): bigint {
  while (POW10.length <= k) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[k]!;
}

const HUGE = 2n ** 1000n;

/** n/d as a float: ≤ 3u relative error (one correct rounding when the numbers are huge). */
export function quotient(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  if (n < HUGE && d < HUGE) return Number(n) / Number(d);
  return ratioToNumber({ n, d });
}

/** Values brought to one power-of-ten scale: value_w = ints[w] / 10^exp. */
export interface ScaledDecimals {
  ints: bigint[];
  exp: number;
  /** Indices of null / non-finite values. */
  missing: number[];
  negative: number[];
}

export function scaleDecimals(values: readonly (number | null | undefined)[]): ScaledDecimals {
  const n = values.length;
  const nums: bigint[] = new Array<bigint>(n);
  const exps = new Int32Array(n);
  const missing: number[] = [];
  const negative: number[] = [];
  let exp = 0;
  for (let w = 0; w < n; w++) {
    const v = values[w];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      missing.push(w);
      nums[w] = 0n;
      continue;
    }
    if (v < 0) negative.push(w);
    if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) {
      nums[w] = BigInt(v);
      continue;
    }
    const r = ratioFromNumber(v);
    const e = r.d.toString().length - 1; // d is a power of ten
    nums[w] = r.n;
    exps[w] = e;
    if (e > exp) exp = e;
  }
  for (let w = 0; w < n; w++) {
    const e = exps[w]!;
    if (e !== exp) nums[w] = nums[w]! * pow10(exp - e);
  }
  return { ints: nums, exp, missing, negative };
}

/** cls[w] = the first ward index with the same key: equal class ⇒ exactly equal weight. */
function classesOf(keys: readonly bigint[]): Int32Array {
  const cls = new Int32Array(keys.length);
  const first = new Map<bigint, number>();
  keys.forEach((k, w) => {
    const f = first.get(k);
    if (f === undefined) first.set(k, w);
    cls[w] = f ?? w;
  });
  return cls;
}

function classesOfPairs(x: readonly bigint[], y: readonly bigint[]): Int32Array {
  const cls = new Int32Array(x.length);
  const first = new Map<bigint, Map<bigint, number>>();
  for (let w = 0; w < x.length; w++) {
    let inner = first.get(x[w]!);
    if (!inner) first.set(x[w]!, (inner = new Map()));
    const f = inner.get(y[w]!);
    if (f === undefined) inner.set(y[w]!, w);
    cls[w] = f ?? w;
  }
  return cls;
}

function sum(xs: readonly bigint[]): bigint {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
}

function sharesOf(ints: readonly bigint[], total: bigint): Float64Array {
  const out = new Float64Array(ints.length);
  if (total === 0n) return out;
  const small = total < HUGE;
  const t = Number(total);
  for (let w = 0; w < ints.length; w++) {
    const x = ints[w]!;
    out[w] = x === 0n ? 0 : small ? Number(x) / t : ratioToNumber({ n: x, d: total });
  }
  return out;
}

function zerosOf(ints: readonly bigint[]): Uint8Array {
  const z = new Uint8Array(ints.length);
  for (let w = 0; w < ints.length; w++) if (ints[w] === 0n) z[w] = 1;
  return z;
}

/** The borough's deprivation data, needed only when β > 0. */
export interface Deprivation {
  /** imd_score at a common scale. */
  s: bigint[];
  /** Σ population·imd and Σ population at the scales of s and population. */
  ps: bigint;
  qs: bigint;
  /** S̄ as a float, for display. */
  mean: number;
}

export function deprivationOf(
  codes: readonly string[],
  population: readonly (number | null)[],
  imd: readonly (number | null)[],
): Deprivation | Refused {
  const pop = scaleDecimals(population);
  const score = scaleDecimals(imd);
  const names = (idx: number[]) => listCodes(idx.map((w) => codes[w]!));
  if (score.missing.length)
    return { ok: false, reason: `imd_score is missing for ward(s) ${names(score.missing)}; deprivation weighting (β > 0) needs it in every ward` };
  if (score.negative.length) return { ok: false, reason: `imd_score is negative for ward(s) ${names(score.negative)}` };
  if (pop.missing.length)
    return {
      ok: false,
      reason: `population is missing for ward(s) ${names(pop.missing)}; deprivation weighting (β > 0) needs it for S̄, the population-weighted mean imd_score`,
    };
  if (pop.negative.length) return { ok: false, reason: `population is negative for ward(s) ${names(pop.negative)}` };
  let ps = 0n;
  for (let w = 0; w < codes.length; w++) ps += pop.ints[w]! * score.ints[w]!;
  const qs = sum(pop.ints);
  if (qs === 0n) return { ok: false, reason: 'the borough population is 0, so S̄ (the mean imd_score) is undefined' };
  if (ps === 0n) return { ok: false, reason: 'S̄, the population-weighted mean imd_score, is 0: deprivation weighting is undefined' };
  return { s: score.ints, ps, qs, mean: quotient(ps, qs * pow10(score.exp)) };
}

/** max over the array (0 when empty): an upper bound of every share, see Blend. */
function maxOf(a: Float64Array): number {
  let m = 0;
  for (let w = 0; w < a.length; w++) if (a[w]! > m) m = a[w]!;
  return m;
}

/** Every ward's weight is exactly equal and positive: the tie classes are all one. */
function uniformOf(cls: Int32Array, zero: Uint8Array): boolean {
  let same = zero[0] === 0;
  for (let w = 1; same && w < cls.length; w++) same = cls[w] === cls[0];
  return same;
}

/** β = m/10^d as the decimal it prints as, and 10^d − m; cached (a project uses a few βs). */
interface BetaRatio {
  m: bigint;
  rest: bigint;
}
const BETA_CACHE = new Map<number, BetaRatio>();

function betaRatio(beta: number): BetaRatio {
  let r = BETA_CACHE.get(beta);
  if (!r) {
    const q = ratioFromNumber(beta);
    r = { m: q.n, rest: q.d - q.n };
    if (BETA_CACHE.size >= 10_000) BETA_CACHE.clear();
    BETA_CACHE.set(beta, r);
  }
  return r;
}

/** Wards from which a vector keeps its blended shares as an array (see WeightVector.single). */
const SINGLE_FROM = 64;

function blended(a: Float64Array, b: Float64Array, lambda: number, mu: number): Float64Array {
  const s = new Float64Array(a.length);
  for (let w = 0; w < a.length; w++) s[w] = lambda * a[w]! + mu * b[w]!;
  return s;
}

/** One basis's values, exact and as β = 0 / β = 1 float shares, independent of β. */
export class ProxyTable {
  readonly x: bigint[];
  readonly sx: bigint;
  readonly a: Float64Array;
  readonly zeroX: Uint8Array;
  readonly clsX: Int32Array;
  readonly maxA: number;
  readonly uniformX: boolean;
  private weighted: {
    y: bigint[];
    sy: bigint;
    b: Float64Array;
    zeroY: Uint8Array;
    clsY: Int32Array;
    clsXY: Int32Array;
    maxB: number;
    uniformY: boolean;
    uniformXY: boolean;
  } | null = null;

  constructor(readonly name: string, x: bigint[]) {
    this.x = x;
    this.sx = sum(x);
    this.a = sharesOf(x, this.sx);
    this.zeroX = zerosOf(x);
    this.clsX = classesOf(x);
    this.maxA = maxOf(this.a);
    this.uniformX = uniformOf(this.clsX, this.zeroX);
  }

  /** Y_w = X_w·s_w and what derives from it; computed once, on the first β > 0. */
  withScores(dep: Deprivation) {
    if (!this.weighted) {
      const y = this.x.map((xw, w) => xw * dep.s[w]!);
      const sy = sum(y);
      const b = sharesOf(y, sy);
      const zeroY = zerosOf(y);
      const clsY = classesOf(y);
      const clsXY = classesOfPairs(this.x, y);
      this.weighted = { y, sy, b, zeroY, clsY, clsXY, maxB: maxOf(b), uniformY: uniformOf(clsY, zeroY), uniformXY: uniformOf(clsXY, this.zeroX) };
    }
    return this.weighted;
  }
}

/**
 * Float shares given as share_w = λ·a_w + μ·b_w (evaluated in that order, in doubles),
 * so a vector for a new β allocates no per-ward array; β = 0 is λ = 1, μ = 0 (share = a)
 * and β = 1 is λ = 0, μ = 1 (share = b), both exact. maxShare = λ·max a + μ·max b in
 * doubles bounds every share_w from above: rounding is monotonic, so each product and
 * the sum can only grow when a_w, b_w are replaced by their maxima.
 */
export interface Blend {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly lambda: number;
  readonly mu: number;
  readonly maxShare: number;
  readonly uniform: boolean;
}

/**
 * Weights of one (basis, β): float shares for the fast path and exact N_w / D for the
 * fallback. Wards of one class have exactly equal weights (ties broken by ward code);
 * wards of different classes may still be equal by coincidence, which the exact
 * fallback settles.
 */
export class WeightVector {
  readonly ok = true;
  /** An upper bound of every float share (the largest one, or a little more): bounds every e_w for the error estimate. */
  readonly maxShare: number;
  /** Every ward's weight is exactly equal (`even` at β = 0, a constant proxy): exact_w = A/n. */
  readonly uniform: boolean;
  /** share_w = lambda·a_w + mu·b_w (see Blend). */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly lambda: number;
  readonly mu: number;
  /**
   * The shares as one array when they are one already (β = 0 or 1) or the borough is
   * large enough for a per-ward array to pay (then computed here, as blended); else
   * null and the fast path blends as it goes. Either way the same doubles.
   */
  readonly single: Float64Array | null;
  private materialised: Float64Array | null;
  constructor(
    readonly basis: string,
    readonly beta: number,
    shares: Float64Array | Blend,
    readonly zero: Uint8Array,
    readonly cls: Int32Array,
    readonly den: bigint,
    private readonly x: readonly bigint[],
    private readonly y: readonly bigint[] | null,
    private readonly c0: bigint,
    private readonly c1: bigint,
  ) {
    if (shares instanceof Float64Array) {
      this.a = this.b = shares;
      this.lambda = 1;
      this.mu = 0;
      this.maxShare = maxOf(shares);
      this.uniform = uniformOf(cls, zero);
      this.single = shares;
    } else {
      this.a = shares.a;
      this.b = shares.b;
      this.lambda = shares.lambda;
      this.mu = shares.mu;
      this.maxShare = shares.maxShare;
      this.uniform = shares.uniform;
      this.single =
        shares.lambda === 1 && shares.mu === 0
          ? shares.a
          : shares.lambda === 0 && shares.mu === 1
            ? shares.b
            : shares.a.length >= SINGLE_FROM
              ? blended(shares.a, shares.b, shares.lambda, shares.mu)
              : null;
    }
    this.materialised = this.single;
  }

  /** The float shares, one per ward. */
  get shares(): Float64Array {
    return (this.materialised ??= blended(this.a, this.b, this.lambda, this.mu));
  }

  /** N_w: exact_w = A·N_w / den. */
  numerator(w: number): bigint {
    if (this.c1 === 0n) return this.x[w]!;
    if (this.c0 === 0n) return this.y![w]!;
    return this.c0 * this.x[w]! + this.c1 * this.y![w]!;
  }

  /**
   * r/den as a float for 0 ≤ r < den, kept below 1 (r/den = 1 − 10^-17 would round to
   * 1): within 3u + 2^-53 of the exact fraction, inside largest-remainder's bound.
   */
  fraction(r: bigint): number {
    const f = quotient(r, this.den);
    return f < 1 ? f : 1 - 2 ** -53;
  }
}

export function weightVectorOf(table: ProxyTable, beta: number, dep: () => Deprivation | Refused): WeightVector | Refused {
  const label = table.name === 'even' ? 'even' : `proxy "${table.name}"`;
  if (beta === 0) {
    if (table.sx === 0n) return { ok: false, reason: `Σ weight is 0: ${label} is 0 in every ward` };
    const blend: Blend = { a: table.a, b: table.a, lambda: 1, mu: 0, maxShare: table.maxA, uniform: table.uniformX };
    return new WeightVector(table.name, beta, blend, table.zeroX, table.clsX, table.sx, table.x, null, 1n, 0n);
  }
  const d = dep();
  if ('ok' in d) return d;
  const w = table.withScores(d);
  const { m, rest } = betaRatio(beta);
  // Not reduced by their gcd: N_w is only needed by the rare exact fallback.
  const c0 = rest * d.ps;
  const c1 = m * d.qs;
  const p = c0 * table.sx;
  const q = c1 * w.sy;
  const den = p + q;
  if (den === 0n) return { ok: false, reason: `Σ weight is 0: ${label} at β = ${beta} gives every ward a weight of 0` };
  // β = 1: N_w = Y_w, D = ΣY.
  if (c0 === 0n) {
    const blend: Blend = { a: table.a, b: w.b, lambda: 0, mu: 1, maxShare: w.maxB, uniform: w.uniformY };
    return new WeightVector(table.name, beta, blend, w.zeroY, w.clsY, w.sy, table.x, w.y, 0n, 1n);
  }
  const lambda = quotient(p, den);
  const mu = quotient(q, den);
  const blend: Blend = { a: table.a, b: w.b, lambda, mu, maxShare: lambda * table.maxA + mu * w.maxB, uniform: w.uniformXY };
  return new WeightVector(table.name, beta, blend, table.zeroX, w.clsXY, den, table.x, w.y, c0, c1);
}
