// An independent, slow, exact implementation of docs/brief.md "The method", written
// straight from the formulas with rationals (no floats, no shortcuts), to check the
// engine against. Only shared/decimal.ts is shared with the engine.
import { add, cmp, div, floorDiv, mul, ratio, ratioFromNumber, reduce, roundHalfUp, sub, type Ratio } from '../../shared/decimal';
import type { EngineInput, EngineLine } from '../../shared/engine/types';

const ONE = ratio(1n);
const ZERO = ratio(0n);
const r = (x: number): Ratio => ratioFromNumber(x);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Largest remainder on exact values exact_w (Σ = A), ties to the lower code. */
export function refLargestRemainder(A: bigint, exact: Ratio[], codes: string[]): bigint[] {
  const floors = exact.map((e) => floorDiv(e.n, e.d));
  const fracs = exact.map((e, w) => reduce(sub(e, ratio(floors[w]!))));
  let k = A - floors.reduce((s, x) => s + x, 0n);
  const order = [...codes.keys()].sort((i, j) => -cmp(fracs[i]!, fracs[j]!) || byCode(codes[i]!, codes[j]!));
  for (const w of order) {
    if (k <= 0n) break;
    floors[w]! += 1n;
    k--;
  }
  return floors;
}

/** Pence per ward (input order), or null when the line cannot be allocated. */
export function refApportion(input: EngineInput, line: Pick<EngineLine, 'amountPence' | 'basis' | 'beta' | 'siteWard' | 'direct'>): bigint[] | null {
  const codes = input.wards.map((w) => w.code);
  const A = BigInt(line.amountPence);
  if (line.basis === 'site') {
    const i = codes.indexOf(line.siteWard ?? '');
    return i < 0 ? null : codes.map((_, w) => (w === i ? A : 0n));
  }
  if (line.basis === 'direct') {
    if (!line.direct || line.direct.size === 0) return null;
    for (const code of line.direct.keys()) if (!codes.includes(code)) return null;
    return codes.map((c) => BigInt(line.direct!.get(c) ?? 0));
  }
  const raw =
    line.basis === 'even'
      ? codes.map(() => 1)
      : (input.proxies[line.basis] ?? (line.basis === 'population' ? input.wards.map((w) => w.population) : undefined));
  if (!raw || raw.some((x) => x === null || x < 0)) return null;
  const x = raw.map((v) => r(v!));
  const beta = r(line.beta);
  let f = codes.map(() => ONE);
  if (beta.n !== 0n) {
    const pop = input.wards.map((w) => w.population);
    const imd = input.wards.map((w) => w.imdScore);
    if (pop.some((p) => p === null) || imd.some((s) => s === null)) return null;
    let num = ZERO;
    let den = ZERO;
    input.wards.forEach((w) => {
      num = add(num, mul(r(w.population!), r(w.imdScore!)));
      den = add(den, r(w.population!));
    });
    if (den.n === 0n || num.n === 0n) return null;
    const sBar = div(num, den);
    // f_w = 1 + β·(S_w / S̄ − 1)
    f = input.wards.map((w) => reduce(add(ONE, mul(beta, sub(div(r(w.imdScore!), sBar), ONE)))));
  }
  const weight = x.map((xw, w) => reduce(mul(xw, f[w]!)));
  const total = reduce(weight.reduce(add, ZERO));
  if (total.n === 0n) return null;
  const exact = weight.map((wt) => reduce(div(mul(ratio(A), wt), total)));
  return refLargestRemainder(A, exact, codes);
}

export interface RefSummary {
  total_pence: number;
  borough_total_pence: number;
  influenceable_pence: number;
  confidence_pence: { green: number; amber: number; red: number };
  sensitivity: { low_pence: number; high_pence: number };
  focus_refs: string[];
  unallocated: string[];
  by_partner: { partner: string; total_pence: number; influenceable_pence: number }[];
}

const suggested = (basis: string) =>
  basis === 'direct' || basis === 'site' ? 'green' : basis === 'population' || basis === 'even' ? 'red' : 'amber';

/** The neighbourhood figures, recomputed from nothing for every line. */
export function refSummary(input: EngineInput, lines: EngineLine[], nbWards: string[]): RefSummary {
  const codes = input.wards.map((w) => w.code);
  const inNb = codes.map((c) => nbWards.includes(c));
  const nbOf = (amounts: bigint[]) => amounts.reduce((s, a, w) => (inNb[w] ? s + a : s), 0n);
  let total = 0n;
  let borough = 0n;
  let infl = ZERO;
  let low = 0n;
  let high = 0n;
  const conf = { green: 0n, amber: 0n, red: 0n };
  const partners = new Map<string, { total: bigint; infl: Ratio }>();
  const unallocated: string[] = [];
  for (const line of lines) {
    const amounts = refApportion(input, line);
    if (!amounts) {
      unallocated.push(line.ref);
      continue;
    }
    const nb = nbOf(amounts);
    total += nb;
    borough += BigInt(line.amountPence);
    const term = div(mul(ratio(nb), r(line.discretionaryPct)), ratio(100n));
    infl = add(infl, term);
    conf[line.confidenceOverride ?? suggested(line.basis)] += nb;
    const p = partners.get(line.partner) ?? { total: 0n, infl: ZERO };
    partners.set(line.partner, { total: p.total + nb, infl: add(p.infl, term) });
    if (line.basis === 'direct' || line.basis === 'site') {
      low += nb;
      high += nb;
    } else {
      const variants = [
        { basis: line.basis, beta: 0 },
        { basis: line.basis, beta: 0.5 },
        { basis: line.basis, beta: 1 },
        { basis: 'population', beta: 0 },
      ]
        .map((v) => refApportion(input, { ...line, ...v }))
        .filter((a): a is bigint[] => a !== null)
        .map(nbOf);
      low += variants.reduce((m, v) => (v < m ? v : m));
      high += variants.reduce((m, v) => (v > m ? v : m));
    }
  }
  const sorted = [...lines].sort((a, b) => b.amountPence - a.amountPence || byCode(a.ref, b.ref) || a.id - b.id);
  const all = sorted.reduce((s, l) => s + BigInt(l.amountPence), 0n);
  const focus: string[] = [];
  let before = 0n;
  for (const l of sorted) {
    // "the lines before it add up to less than 80% of the sum of all lines"
    if (cmp(ratio(before), mul(ratio(all), ratio(4n, 5n))) < 0) focus.push(l.ref);
    before += BigInt(l.amountPence);
  }
  return {
    total_pence: Number(total),
    borough_total_pence: Number(borough),
    influenceable_pence: Number(roundHalfUp(infl)),
    confidence_pence: { green: Number(conf.green), amber: Number(conf.amber), red: Number(conf.red) },
    sensitivity: { low_pence: Number(low), high_pence: Number(high) },
    focus_refs: focus,
    unallocated: unallocated.sort(byCode),
    by_partner: [...partners]
      .sort(([a], [b]) => byCode(a, b))
      .map(([partner, p]) => ({ partner, total_pence: Number(p.total), influenceable_pence: Number(roundHalfUp(p.infl)) })),
  };
}
