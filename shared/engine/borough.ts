// The project's wards and proxies, prepared once: ward code order, exact proxy
// tables, S̄, and a cache of weight vectors per (basis, β) shared by all lines.
// Allocation takes its Borough from Borough.of, which hands back the last one built
// while the wards and proxies are the same values: rebuilding an unchanged project's
// allocation re-apportions every line but prepares nothing again.
//
// Choices where the brief is silent:
// - S̄ and neighbourhood populations use the wards' `population` column; a
//   `population` basis uses `proxies.population` when given (callers pass the same).
// - A population missing in any ward of a neighbourhood (or of the borough) makes
//   that population and its per-head figure null, never a partial sum.
import { ratioFromNumber, ratioToNumber, type Ratio } from '../decimal';
import type { Kernel } from './largest-remainder';
import { compareText, listCodes } from './order';
import { SENSITIVITY_VARIANTS } from './sensitivity';
import type { EngineInput } from './types';
import { deprivationOf, pow10, ProxyTable, scaleDecimals, weightVectorOf, type Deprivation, type Refused, type WeightVector } from './weights';

/** Cached weight vectors per Borough: at least this many, more while they hold ≤ 2^22 doubles. */
const VECTOR_CACHE = 512;

/** One basis's weight vectors: the first β met at each round(β·100) in slots (betas[i] is the β held), others by β. */
class BasisVectors {
  readonly betas = new Float64Array(101).fill(NaN);
  readonly slots = new Array<WeightVector | Refused | undefined>(101).fill(undefined);
  readonly other = new Map<number, WeightVector | Refused>();
}

/** A sensitivity variant's basis and β (β in [0, 1]), with its weights. */
export interface SensitivityVariant {
  readonly basis: string;
  readonly beta: number;
  readonly vector: WeightVector | Refused;
}

/**
 * The Borough last built by Borough.of (over its private copy of the input); weakly
 * held, so it lives only as long as an Allocation (or the garbage collector) keeps it.
 */
let lastBuilt: WeakRef<Borough> | null = null;

/**
 * A copy of what a Borough reads (ward codes, populations, imd scores, proxy columns),
 * or null for an input a copy might not match (proxies with own non-enumerable names).
 */
function copyInput(input: EngineInput): EngineInput | null {
  const names = Object.keys(input.proxies);
  if (Object.getOwnPropertyNames(input.proxies).length !== names.length) return null;
  const proxies: Record<string, (number | null)[]> = {};
  for (const name of names) {
    const values = input.proxies[name];
    if (!Array.isArray(values)) return null;
    proxies[name] = Array.from(values);
  }
  return { wards: input.wards.map((w) => ({ code: w.code, population: w.population, imdScore: w.imdScore })), proxies };
}

/** Same wards (order included) and proxies, value for value (Object.is). */
function sameInput(copy: EngineInput, input: EngineInput): boolean {
  const a = copy.wards;
  const b = input.wards;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.code !== y.code || !Object.is(x.population, y.population) || !Object.is(x.imdScore, y.imdScore)) return false;
  }
  const names = Object.keys(copy.proxies);
  const proxies = input.proxies;
  if (Object.getOwnPropertyNames(proxies).length !== names.length) return false;
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(proxies, name)) return false;
    const p = copy.proxies[name]!;
    const q = proxies[name]!;
    if (!q || p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) if (!Object.is(p[i], q[i])) return false;
  }
  return true;
}

/** Working arrays reused by every apportionment (the engine is single-threaded). */
export class Scratch {
  readonly frac: Float64Array;
  readonly select: Float64Array;
  readonly wards: Int32Array;
  readonly out: Float64Array;
  /** Fraction histogram for the selection of the k-th largest: about 2–3 wards a bucket. */
  readonly counts: Int32Array;
  /** Per call, per tie class: exact floor and remainder, valid when stamp === call. */
  readonly stamp: Int32Array;
  readonly q: Float64Array;
  readonly r: bigint[];
  call = 0;
  marked = 0;
  bandLo = 0;
  bandHi = 0;
  bandSize = 0;
  bandAbove = 0;
  bandOneClass = true;
  /**
   * Set by apportionWork with lazyPennies: −1 when out is complete, else the fraction t
   * from which a ward still gets its leftover penny (out holds floors, frac fractions).
   */
  threshold = -1;
  /** largest-remainder.ts's loops over these arrays, made on first use. */
  kernel: Kernel | null = null;
  constructor(n: number) {
    this.frac = new Float64Array(n);
    this.select = new Float64Array(n);
    this.wards = new Int32Array(n);
    this.out = new Float64Array(n);
    let buckets = 16;
    while (buckets * 3 < n && buckets < 4096) buckets *= 2;
    this.counts = new Int32Array(buckets);
    this.stamp = new Int32Array(n);
    this.q = new Float64Array(n);
    this.r = new Array<bigint>(n).fill(0n);
  }
}

export class Borough {
  readonly size: number;
  readonly codes: readonly string[];
  /** rank[w]: position of ward w in ward-code order (ties in largest remainder go to the lower rank). */
  readonly rank: Int32Array;
  /** Ward indices in ward-code order. */
  readonly byCode: Int32Array;
  readonly scratch: Scratch;
  private readonly index = new Map<string, number>();
  private readonly tables = new Map<string, ProxyTable | Refused>();
  /** basis → β → weights; two levels so a lookup builds no string. */
  private readonly vectors = new Map<string, BasisVectors>();
  private vectorCount = 0;
  /** At most this many cached vectors (a large borough's take memory): see VECTOR_CACHE. */
  private readonly vectorCap: number;
  private dep: Deprivation | Refused | null = null;
  private readonly populations: ReturnType<typeof scaleDecimals>;

  /**
   * The Borough of this input: the last one built by of() when the wards and proxies
   * are the same values (a full rebuild of an unchanged project keeps its tables and
   * weight vectors), else a new one. It reads a private copy of the input, so a caller
   * changing its arrays afterwards cannot make a reused Borough stale.
   */
  static of(input: EngineInput): Borough {
    const last = lastBuilt?.deref();
    if (last && sameInput(last.input, input)) return last;
    const copy = copyInput(input);
    if (!copy) return new Borough(input);
    const b = new Borough(copy);
    lastBuilt = new WeakRef(b);
    return b;
  }

  constructor(readonly input: EngineInput) {
    const wards = input.wards;
    this.size = wards.length;
    this.codes = wards.map((w) => w.code);
    this.codes.forEach((c, i) => {
      if (this.index.has(c)) throw new RangeError(`ward ${c} is listed twice`);
      this.index.set(c, i);
    });
    for (const [name, values] of Object.entries(input.proxies))
      if (values.length !== this.size) throw new RangeError(`proxy "${name}" has ${values.length} values for ${this.size} wards`);
    const order = [...this.codes.keys()].sort((i, j) => compareText(this.codes[i]!, this.codes[j]!));
    this.byCode = Int32Array.from(order);
    this.rank = new Int32Array(this.size);
    order.forEach((w, r) => (this.rank[w] = r));
    this.scratch = new Scratch(this.size);
    this.vectorCap = Math.max(VECTOR_CACHE, Math.min(8192, Math.floor(2 ** 22 / Math.max(1, this.size))));
    this.populations = scaleDecimals(wards.map((w) => w.population));
  }

  wardIndex(code: string): number | undefined {
    return this.index.get(code);
  }

  hasProxy(name: string): boolean {
    return name === 'population' || Object.prototype.hasOwnProperty.call(this.input.proxies, name);
  }

  proxyValues(name: string): readonly (number | null)[] | undefined {
    if (Object.prototype.hasOwnProperty.call(this.input.proxies, name)) return this.input.proxies[name];
    if (name === 'population') return this.input.wards.map((w) => w.population);
    return undefined;
  }

  /** S̄ and the scaled imd scores; a reason when β > 0 cannot be applied. */
  deprivation(): Deprivation | Refused {
    this.dep ??= deprivationOf(
      this.codes,
      this.input.wards.map((w) => w.population),
      this.input.wards.map((w) => w.imdScore),
    );
    return this.dep;
  }

  /** The exact table of a basis (a proxy or `even`), or why it cannot be used. */
  table(basis: string): ProxyTable | Refused {
    let t = this.tables.get(basis);
    if (t) return t;
    if (basis === 'even') t = new ProxyTable('even', new Array<bigint>(this.size).fill(1n));
    else {
      const values = this.proxyValues(basis);
      if (!values) t = { ok: false, reason: `basis "${basis}" is not a proxy of this project` };
      else {
        const sc = scaleDecimals(values);
        const names = (idx: number[]) => listCodes(idx.map((w) => this.codes[w]!));
        if (sc.missing.length) t = { ok: false, reason: `proxy "${basis}" is missing for ward(s) ${names(sc.missing)}` };
        else if (sc.negative.length) t = { ok: false, reason: `proxy "${basis}" is negative for ward(s) ${names(sc.negative)}` };
        else t = new ProxyTable(basis, sc.ints);
      }
    }
    this.tables.set(basis, t);
    return t;
  }

  /** The cached weights of (basis, β); β must already be checked to lie in [0, 1]. */
  weightVector(basis: string, beta: number): WeightVector | Refused {
    let byBeta = this.vectors.get(basis);
    // A slot per round(β·100) holds one β (most βs have 2 decimals): an array read, not a Map hashing a double.
    const slot = beta >= 0 && beta <= 1 ? Math.round(beta * 100) : -1;
    if (byBeta !== undefined) {
      if (slot >= 0 && byBeta.betas[slot] === beta) return byBeta.slots[slot]!;
      const hit = byBeta.other.get(beta);
      if (hit) return hit;
    }
    const table = this.table(basis);
    const v = table instanceof ProxyTable ? weightVectorOf(table, beta, () => this.deprivation()) : table;
    if (this.vectorCount >= this.vectorCap) {
      this.vectors.clear(); // a slider dragged through many βs: start again rather than grow
      this.vectorCount = 0;
      byBeta = undefined;
    }
    if (!byBeta) this.vectors.set(basis, (byBeta = new BasisVectors()));
    if (slot >= 0 && byBeta.slots[slot] === undefined) {
      byBeta.betas[slot] = beta;
      byBeta.slots[slot] = v;
    } else byBeta.other.set(beta, v);
    this.vectorCount++;
    return v;
  }

  /**
   * The sensitivity variants of a basis (sensitivity.ts, SENSITIVITY_VARIANTS) with their
   * weights, a repeated (basis, β) left out; cached per basis.
   */
  sensitivityVectors(basis: string): readonly SensitivityVariant[] {
    let list = this.variants.get(basis);
    if (!list) {
      list = [];
      for (const { ownBasis, beta } of SENSITIVITY_VARIANTS) {
        const b = ownBasis ? basis : 'population';
        if (list.some((x) => x.basis === b && x.beta === beta)) continue;
        list.push({ basis: b, beta, vector: this.weightVector(b, beta) });
      }
      this.variants.set(basis, list);
    }
    return list;
  }
  private readonly variants = new Map<string, SensitivityVariant[]>();

  /** f_w = 1 + β(S_w/S̄ − 1) per ward, as floats for display. */
  deprivationFactors(beta: number): { ok: true; factors: Float64Array; mean: number | null } | Refused {
    const factors = new Float64Array(this.size).fill(1);
    const d = this.deprivation();
    if (beta === 0) return { ok: true, factors, mean: 'ok' in d ? null : d.mean };
    if ('ok' in d) return d;
    const b = ratioFromNumber(beta);
    for (let w = 0; w < this.size; w++)
      factors[w] = ratioToNumber({ n: (b.d - b.n) * d.ps + b.n * d.qs * d.s[w]!, d: b.d * d.ps });
    return { ok: true, factors, mean: d.mean };
  }

  /** Σ population over the given wards, exactly; null if any is missing. */
  population(wards: Iterable<number>): Ratio | null {
    const p = this.populations;
    const missing = new Set(p.missing);
    let n = 0n;
    for (const w of wards) {
      if (missing.has(w)) return null;
      n += p.ints[w]!;
    }
    return { n, d: pow10(p.exp) };
  }

  /** Σ population over all the project's wards (cached); null if any is missing. */
  boroughPopulation(): Ratio | null {
    if (this.total === undefined) this.total = this.population(this.byCode);
    return this.total;
  }
  private total: Ratio | null | undefined;
}
