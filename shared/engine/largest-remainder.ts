// Largest remainder (docs/brief.md): each ward gets floor(exact_w), exact_w = A·N_w/D;
// the k = A − Σ floors leftover pennies go to the k largest fractional parts, ties to
// the lower ward code. Every decision equals exact rational arithmetic's:
//
// Fast path: e_w = A·share_w in floats, |e_w − exact_w| ≤ 9u·e_w (weights.ts); we use
// err = 16u·A·(max share) + 2^-50 for every ward.
// - floor(e_w) is exact unless frac(e_w) lies within err of 0 or 1; those wards
//   (once per tie class) get floor and remainder from BigInt: q, r = divmod(A·N_w, D).
// - The k-th and (k+1)-th largest fractions t ≥ t' (bucket counts) decide the pennies.
//   With E ≥ every ward's error, t − t' > 2E means the float order is the exact one.
//   Otherwise the band of fractions chained to [t', t] by gaps ≤ 2E is settled apart:
//   wards above the band win, wards below lose (more than 2E away, so certainly);
//   inside the band, one tie class means exactly equal weights → lower codes win;
//   else the band's exact remainders r (same D) are compared in BigInt.
// Equal weights everywhere (`even` at β = 0) skip all that: floor(A/n) each, A mod n
// pennies to the lowest codes.
// A neighbourhood's part of a line (sensitivity) needs no k-th fraction: a ward of it
// gets a penny iff fewer than k fractions exceed its own, and that float count is the
// exact one when no other fraction lies within 2E of the ward's (else the full path).
// Why a ward with weight 0 never gets a leftover penny: exact_w = 0 has fraction 0,
// and k = Σ fractions < the number of wards with a positive fraction (each is < 1),
// so the k largest fractions are all positive.
import type { Borough, Scratch } from './borough';
import type { WeightVector } from './weights';

const K = 2 ** -49;
const FLOOR_SLACK = 2 ** -50;
const TINY = 1e-280;
/** Above this the float path's e_w − floor(e_w) could be inexact: use BigInt throughout. */
const FLOAT_LIMIT = 2 ** 52;
/** neighbourhoodAmount ranks each ward of a neighbourhood this small (Kernel.few). */
const FEW_WARDS = 6;

/** Writes the line's pence per ward (input ward order) into out. */
export function largestRemainder(b: Borough, v: WeightVector, amount: number, out: Float64Array): void {
  apportionInto(b, v, amount, out, false);
}

/**
 * largestRemainder that may leave the last step undone: returns −1 when out is
 * complete, else the fraction t from which a ward gets a penny (out then holds the
 * floors and b.scratch.frac the fractions: ward w's pence are out[w] + (frac[w] ≥ t)).
 * The caller then adds the pennies in its own pass over the wards.
 */
export function largestRemainderFloors(b: Borough, v: WeightVector, amount: number, out: Float64Array): number {
  return apportionInto(b, v, amount, out, true) ?? -1;
}

/**
 * Σ over the given wards of the line's pence, by the same rule; cheaper than
 * largestRemainder when only a neighbourhood's part is wanted (sensitivity).
 */
export function neighbourhoodAmount(b: Borough, v: WeightVector, amount: number, wards: Int32Array): number {
  const out = b.scratch.out;
  if (wards.length <= FEW_WARDS && amount > 0 && amount <= FLOAT_LIMIT && !v.uniform) {
    const s = kernelOf(b.scratch).few(b, v, amount, out, wards);
    if (s >= 0) return s;
  }
  const t = apportionInto(b, v, amount, out, true);
  let s = 0;
  if (t === null) for (let i = 0; i < wards.length; i++) s += out[wards[i]!]!;
  else {
    const fr = b.scratch.frac;
    for (let i = 0; i < wards.length; i++) {
      const w = wards[i]!;
      s += out[w]! + +(fr[w]! >= t);
    }
  }
  return s;
}

/**
 * Largest remainder into out. With floorsOnly, the last step may be left undone: then
 * out holds floors and the return value is the fraction t from which a ward gets a
 * penny (frac holds the fractions); otherwise out is complete and it returns null.
 */
function apportionInto(b: Borough, v: WeightVector, amount: number, out: Float64Array, floorsOnly: boolean): number | null {
  const n = b.size;
  if (amount === 0) {
    out.fill(0, 0, n);
    return null;
  }
  if (amount > FLOAT_LIMIT) {
    exactInto(b, v, amount, out);
    return null;
  }
  if (v.uniform) {
    evenly(b, amount, out);
    return null;
  }
  return kernelOf(b.scratch).run(b, v, amount, out, floorsOnly);
}

/** Equal weights: floor(A/n) each, the k = A mod n leftover pennies to the lowest codes. */
function evenly(b: Borough, amount: number, out: Float64Array) {
  const n = b.size;
  const q = Math.floor(amount / n); // exact: amount < 2^52, and q·n ≤ amount is checked below
  const each = q * n > amount ? q - 1 : (q + 1) * n <= amount ? q + 1 : q;
  out.fill(each, 0, n);
  let k = amount - each * n;
  for (let i = 0; k > 0; i++, k--) out[b.byCode[i]!]! += 1;
}

/**
 * The hot loops, as closures over one Borough's scratch arrays: V8 then treats those
 * arrays as constants (about twice as fast as passing them in), and the rare paths
 * (BigInt, sorting) live elsewhere so they never deoptimise these.
 */
export interface Kernel {
  /**
   * The float fast path of apportionInto in one function (a call per step would cost
   * as much as the step for a 20-ward borough): floors, fractions and their histogram
   * in one pass; the k-th and (k+1)-th largest fractions from the histogram and a sort
   * of the one or two buckets that hold them; then the pennies (or settleBand).
   */
  run(b: Borough, v: WeightVector, amount: number, out: Float64Array, floorsOnly: boolean): number | null;
  /**
   * neighbourhoodAmount for a few wards, without the k-th largest fraction: a ward
   * gets a leftover penny iff fewer than k fractions are larger than its own, and the
   * float order around it is the exact one when no other fraction lies within 2E of
   * it (the reasoning of the header, for one ward). Returns −1, and the caller takes
   * the full path, when that cannot be told so simply: a floor in doubt, or another
   * fraction within 2E (an exact tie or a near one).
   */
  few(b: Borough, v: WeightVector, amount: number, out: Float64Array, wards: Int32Array): number;
  /** One penny to every ward whose fraction is ≥ t; branch-free (the test is a coin toss). */
  addPennies(out: Float64Array, n: number, t: number): void;
  /**
   * One pass of the band search: fractions in [lo − E2, hi + E2] into wards (bandSize),
   * their min / max (bandLo / bandHi), whether one tie class (bandOneClass), and how many
   * lie above the band (bandAbove).
   */
  bandScan(cls: Int32Array, n: number, lo: number, hi: number, E2: number): void;
  /** Wards above the band get a penny; of the band (all fractions = value), the m lowest codes. */
  tiePennies(out: Float64Array, n: number, byCode: Int32Array, value: number, m: number): void;
}

function kernelOf(sc: Scratch): Kernel {
  return (sc.kernel ??= makeKernel(sc));
}

function makeKernel(sc: Scratch): Kernel {
  const frac = sc.frac;
  const counts = sc.counts;
  const marked = sc.wards;
  const select = sc.select;
  const B = counts.length;
  return {
    run(b, v, amount, out, floorsOnly) {
      const n = b.size;
      counts.fill(0);
      // One error bound for all wards (e_w ≤ A·max share): a floor is in doubt within it of 0 or 1.
      const err = amount * v.maxShare * (1 + 2 ** -40) * K + FLOOR_SLACK;
      const hi = 1 - err;
      const zero = v.zero;
      const s = v.single;
      let sumFloor = 0;
      let nMarked = 0;
      // share_w = λ·a_w + μ·b_w (weights.ts, Blend), as one array or blended here.
      if (s !== null) {
        for (let w = 0; w < n; w++) {
          const e = amount * s[w]!;
          const f = Math.floor(e);
          const r = e - f;
          out[w] = f;
          frac[w] = r;
          counts[(r * B) | 0]!++;
          sumFloor += f;
          if ((r <= err || r >= hi) && zero[w] === 0) marked[nMarked++] = w;
        }
      } else {
        const lambda = v.lambda;
        const mu = v.mu;
        const sa = v.a;
        const sb = v.b;
        for (let w = 0; w < n; w++) {
          const e = amount * (lambda * sa[w]! + mu * sb[w]!);
          const f = Math.floor(e);
          const r = e - f;
          out[w] = f;
          frac[w] = r;
          counts[(r * B) | 0]!++;
          sumFloor += f;
          if ((r <= err || r >= hi) && zero[w] === 0) marked[nMarked++] = w;
        }
      }
      let called = false;
      if (nMarked > 0) {
        sc.marked = nMarked;
        nextCall(sc);
        called = true;
        sumFloor = resolveMarked(sc, v, amount, out, sumFloor);
      }
      const k = amount - sumFloor;
      if (k === 0) return null;
      if (!(k > 0 && k < n)) throw new Error(`largest remainder: ${k} leftover pennies for ${n} wards`);
      // The buckets of the k-th and (k+1)-th largest fractions (a higher bucket holds larger ones).
      let above = 0;
      let top = B - 1;
      for (; top > 0; top--) {
        const c = counts[top]!;
        if (above + c >= k) break;
        above += c;
      }
      const kk = k - above;
      let next = top;
      if (kk === counts[top]) {
        next = top - 1;
        while (counts[next] === 0) next--;
      }
      // Their fractions into select (a branch: few wards are in them, so it is well predicted).
      let m = 0;
      for (let w = 0; w < n; w++) {
        const r = frac[w]!;
        const bucket = (r * B) | 0;
        if (bucket === top || bucket === next) select[m++] = r;
      }
      sortDescending(select, m);
      const t = select[kk - 1]!;
      const t2 = select[kk]!;
      // Every e_w ≤ A·max share (1 + 9u): E bounds every ward's error, resolved ones included.
      const E2 = 2 * ((amount * v.maxShare * (1 + 2 ** -40) + 1) * K + TINY);
      if (t - t2 > E2) {
        if (floorsOnly) return t;
        for (let w = 0; w < n; w++) out[w] = out[w]! + +(frac[w]! >= t);
      } else {
        if (!called) nextCall(sc);
        settleBand(b, v, amount, out, k, t2, t, E2);
      }
      return null;
    },
    few(b, v, amount, out, wards) {
      const n = b.size;
      const err = amount * v.maxShare * (1 + 2 ** -40) * K + FLOOR_SLACK;
      const hi = 1 - err;
      const zero = v.zero;
      const s = v.single;
      let sumFloor = 0;
      let doubt = 0;
      if (s !== null)
        for (let w = 0; w < n; w++) {
          const e = amount * s[w]!;
          const f = Math.floor(e);
          const r = e - f;
          out[w] = f;
          frac[w] = r;
          sumFloor += f;
          if ((r <= err || r >= hi) && zero[w] === 0) doubt++;
        }
      else {
        const lambda = v.lambda;
        const mu = v.mu;
        const sa = v.a;
        const sb = v.b;
        for (let w = 0; w < n; w++) {
          const e = amount * (lambda * sa[w]! + mu * sb[w]!);
          const f = Math.floor(e);
          const r = e - f;
          out[w] = f;
          frac[w] = r;
          sumFloor += f;
          if ((r <= err || r >= hi) && zero[w] === 0) doubt++;
        }
      }
      if (doubt > 0) return -1;
      const k = amount - sumFloor;
      if (!(k >= 0 && k < n)) throw new Error(`largest remainder: ${k} leftover pennies for ${n} wards`);
      let sum = 0;
      if (k === 0) {
        for (let i = 0; i < wards.length; i++) sum += out[wards[i]!]!;
        return sum;
      }
      const E2 = 2 * ((amount * v.maxShare * (1 + 2 ** -40) + 1) * K + TINY);
      // Up to four wards per pass over the fractions: above_i = #{r > f_i + 2E}, from_i =
      // #{r ≥ f_i − 2E}; ward i is alone within 2E of f_i iff from_i − above_i = 1 (itself).
      // A ward of weight 0 (exact_w = 0, never a leftover penny, header) or a missing one
      // (i beyond the list) has f_i = NaN here: every comparison is false.
      for (let g = 0; g < wards.length; g += 4) {
        const w0 = wards[g]!;
        const w1 = g + 1 < wards.length ? wards[g + 1]! : -1;
        const w2 = g + 2 < wards.length ? wards[g + 2]! : -1;
        const w3 = g + 3 < wards.length ? wards[g + 3]! : -1;
        const f0 = zero[w0] === 0 ? frac[w0]! : NaN;
        const f1 = w1 >= 0 && zero[w1] === 0 ? frac[w1]! : NaN;
        const f2 = w2 >= 0 && zero[w2] === 0 ? frac[w2]! : NaN;
        const f3 = w3 >= 0 && zero[w3] === 0 ? frac[w3]! : NaN;
        const up0 = f0 + E2;
        const up1 = f1 + E2;
        const up2 = f2 + E2;
        const up3 = f3 + E2;
        const lo0 = f0 - E2;
        const lo1 = f1 - E2;
        const lo2 = f2 - E2;
        const lo3 = f3 - E2;
        let above0 = 0;
        let above1 = 0;
        let above2 = 0;
        let above3 = 0;
        let from0 = 0;
        let from1 = 0;
        let from2 = 0;
        let from3 = 0;
        for (let u = 0; u < n; u++) {
          const r = frac[u]!;
          above0 += +(r > up0);
          from0 += +(r >= lo0);
          above1 += +(r > up1);
          from1 += +(r >= lo1);
          above2 += +(r > up2);
          from2 += +(r >= lo2);
          above3 += +(r > up3);
          from3 += +(r >= lo3);
        }
        // A ward alone near its fraction gets a penny iff fewer than k fractions are larger.
        if (f0 === f0) {
          if (from0 - above0 !== 1) return -1;
          sum += +(above0 < k);
        }
        if (f1 === f1) {
          if (from1 - above1 !== 1) return -1;
          sum += +(above1 < k);
        }
        if (f2 === f2) {
          if (from2 - above2 !== 1) return -1;
          sum += +(above2 < k);
        }
        if (f3 === f3) {
          if (from3 - above3 !== 1) return -1;
          sum += +(above3 < k);
        }
        sum += out[w0]! + (w1 >= 0 ? out[w1]! : 0) + (w2 >= 0 ? out[w2]! : 0) + (w3 >= 0 ? out[w3]! : 0);
      }
      return sum;
    },
    addPennies(out, n, t) {
      for (let w = 0; w < n; w++) out[w] = out[w]! + +(frac[w]! >= t);
    },
    bandScan(cls, n, lo, hi, E2) {
      const from = lo - E2;
      const to = hi + E2;
      let nlo = lo;
      let nhi = hi;
      let size = 0;
      let above = 0;
      let c0 = -1;
      let one = true;
      for (let w = 0; w < n; w++) {
        const r = frac[w]!;
        // Branch-free tests: "above or not" is a coin toss; "in the band" is rare.
        above += +(r > to);
        if ((+(r >= from) & +(r <= to)) !== 0) {
          marked[size++] = w;
          if (r < nlo) nlo = r;
          if (r > nhi) nhi = r;
          const c = cls[w]!;
          if (c0 < 0) c0 = c;
          else if (c !== c0) one = false;
        }
      }
      sc.bandLo = nlo;
      sc.bandHi = nhi;
      sc.bandSize = size;
      sc.bandAbove = above;
      sc.bandOneClass = one;
    },
    tiePennies(out, n, byCode, value, m) {
      for (let i = 0; i < n; i++) {
        const w = byCode[i]!;
        const r = frac[w]!;
        const take = +(r === value) & +(m > 0);
        out[w] = out[w]! + (+(r > value) | take);
        m -= take;
      }
    },
  };
}

function resolveMarked(sc: Scratch, v: WeightVector, amount: number, out: Float64Array, sumFloor: number): number {
  const fr = sc.frac;
  const counts = sc.counts;
  const B = counts.length;
  for (let i = 0; i < sc.marked; i++) {
    const w = sc.wards[i]!;
    const c = resolve(sc, v, w, amount);
    const q = sc.q[c]!;
    sumFloor += q - out[w]!;
    out[w] = q;
    counts[(fr[w]! * B) | 0]!--;
    fr[w] = v.fraction(sc.r[c]!);
    counts[(fr[w]! * B) | 0]!++;
  }
  return sumFloor;
}

function sortDescending(a: Float64Array, m: number) {
  if (m > 64) {
    let same = true;
    for (let i = 1; same && i < m; i++) same = a[i] === a[0];
    if (same) return; // exact ties (equal weights) gather in one bucket
    a.subarray(0, m).sort().reverse();
    return;
  }
  // Insertion sort: buckets hold a few values, or many equal ones (cheap here too).
  for (let i = 1; i < m; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! < x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** The near-tie case: see the header. */
function settleBand(b: Borough, v: WeightVector, amount: number, out: Float64Array, k: number, t2: number, t: number, E2: number) {
  const n = b.size;
  const sc = b.scratch;
  const kernel = kernelOf(sc);
  let lo = t2;
  let hi = t;
  // Grow [lo, hi] until no fraction outside it lies within 2E of it.
  for (;;) {
    kernel.bandScan(v.cls, n, lo, hi, E2);
    if (sc.bandLo === lo && sc.bandHi === hi) break;
    lo = sc.bandLo;
    hi = sc.bandHi;
  }
  const m = k - sc.bandAbove;
  if (sc.bandOneClass && lo === hi) {
    // Exactly equal weights: the lower ward codes win.
    kernel.tiePennies(out, n, b.byCode, hi, m);
    return;
  }
  // Above the band: every fraction > hi + E2 (none lies in (hi, hi + E2], the band is stable).
  kernel.addPennies(out, n, hi + E2);
  const items: { w: number; r: bigint }[] = [];
  for (let i = 0; i < sc.bandSize; i++) {
    const w = sc.wards[i]!;
    items.push({ w, r: sc.r[resolve(sc, v, w, amount)]! });
  }
  items.sort((x, y) => (x.r > y.r ? -1 : x.r < y.r ? 1 : b.rank[x.w]! - b.rank[y.w]!));
  for (let i = 0; i < m; i++) out[items[i]!.w]! += 1;
}

function nextCall(sc: Scratch) {
  if (sc.call >= 0x7ffffff0) {
    sc.stamp.fill(0);
    sc.call = 0;
  }
  sc.call++;
}

/** Exact floor and remainder of A·N_w/D, once per tie class per call; returns the class. */
function resolve(sc: Scratch, v: WeightVector, w: number, amount: number): number {
  const c = v.cls[w]!;
  if (sc.stamp[c] !== sc.call) {
    const prod = BigInt(amount) * v.numerator(w);
    const q = prod / v.den;
    sc.q[c] = Number(q);
    sc.r[c] = prod - q * v.den;
    sc.stamp[c] = sc.call;
  }
  return c;
}

function exactInto(b: Borough, v: WeightVector, amount: number, out: Float64Array) {
  const nums = Array.from({ length: b.size }, (_, w) => v.numerator(w));
  largestRemainderExact(BigInt(amount), nums, v.den, b.rank).forEach((x, w) => (out[w] = Number(x)));
}

/** The same rule in BigInt only: the reference the fast path must equal. den = Σ nums > 0. */
export function largestRemainderExact(amount: bigint, nums: readonly bigint[], den: bigint, rank: ArrayLike<number>): bigint[] {
  const q = nums.map((x) => (amount * x) / den);
  const r = nums.map((x, w) => amount * x - q[w]! * den);
  let k = amount - q.reduce((s, x) => s + x, 0n);
  const order = [...nums.keys()].sort((i, j) => (r[i]! > r[j]! ? -1 : r[i]! < r[j]! ? 1 : rank[i]! - rank[j]!));
  for (const w of order) {
    if (k <= 0n) break;
    q[w]! += 1n;
    k--;
  }
  return q;
}
