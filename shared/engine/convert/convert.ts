// Converting a project's ward data between ward vintages (issue 15 item 5), exactly:
// custom proxies as counts, direct figures to the penny by largest remainder, site
// lines to the new ward with the largest share, neighbourhoods by the half-weight rule.
// Pure: the caller reads the project and the crosswalk and writes the new file.
import { add, gcd, mul, ratio, ratioFromNumber, ratioToNumber, reduce, type Ratio } from '../../decimal';
import { largestRemainderExact } from '../largest-remainder';
import type { AuthorityCrosswalk } from './crosswalk';

export interface ConvertInput {
  crosswalk: AuthorityCrosswalk;
  /** The wards of the new project (its authority in the new pack). Pairs to other wards are left out. */
  newWards: readonly string[];
  /** Custom proxies as counts per old ward (a missing ward has no value). */
  customProxies: readonly { name: string; values: Readonly<Record<string, number>> }[];
  /** Direct lines' figures in pence per old ward. */
  directLines: readonly { ref: string; figures: Readonly<Record<string, number>> }[];
  siteLines: readonly { ref: string; ward: string }[];
  neighbourhoods: readonly { name: string; wards: readonly string[] }[];
}

export interface ReportPair {
  oldWard: string;
  newWard: string;
  /** Census 2021 residents, exact ("n" or "n/d") and as a number. */
  weight: string;
  weightValue: number;
  /** share(a→b) exact ("n/d", reduced) and as a number. */
  share: string;
  shareValue: number;
}

export interface ConvertOutput {
  customProxies: { name: string; values: Record<string, number> }[];
  /** Pence per new ward (only wards with a non-zero amount); each line's total is kept. */
  directLines: { ref: string; figures: Record<string, number> }[];
  /** The new ward of each site line, to be flagged for review. */
  siteLines: { ref: string; from: string; ward: string }[];
  neighbourhoods: { name: string; oldWards: string[]; newWards: string[] }[];
  /** Every pair used: the crosswalk pairs of the authority into the new wards, by old then new code. */
  report: ReportPair[];
}

export type ConvertResult = { ok: true; value: ConvertOutput } | { ok: false; message: string; ward: string };

export class ConversionRefused extends Error {
  constructor(
    message: string,
    readonly ward: string,
  ) {
    super(message);
  }
}

const text = (r: Ratio) => (r.d === 1n ? String(r.n) : `${r.n}/${r.d}`);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function convertWards(input: ConvertInput): ConvertResult {
  try {
    return { ok: true, value: convert(input) };
  } catch (e) {
    if (e instanceof ConversionRefused) return { ok: false, message: e.message, ward: e.ward };
    throw e;
  }
}

function convert(input: ConvertInput): ConvertOutput {
  const newWards = [...input.newWards].sort(byCode);
  const rank = new Map(newWards.map((w, i) => [w, i]));
  // weight(a, b) as integers over the crosswalk's scale, kept to the project's new wards.
  const out = new Map<string, Map<string, bigint>>();
  const into = new Map<string, Map<string, bigint>>();
  for (const [a, b, w] of input.crosswalk.pairs) {
    if (!rank.has(b)) continue;
    (out.get(a) ?? (out.set(a, new Map()), out.get(a)!)).set(b, BigInt(w));
    (into.get(b) ?? (into.set(b, new Map()), into.get(b)!)).set(a, BigInt(w));
  }
  const totalOut = (a: string) => [...(out.get(a)?.values() ?? [])].reduce((s, x) => s + x, 0n);
  const refuse = (a: string, what: string): never => {
    throw new ConversionRefused(
      `Old ward ${a} has ${what} but no weight to any new ward of this authority in the crosswalk, so it cannot be converted. Nothing was written.`,
      a,
    );
  };
  const shareOf = (a: string, b: string): Ratio => reduce(ratio(out.get(a)!.get(b)!, totalOut(a)));

  const customProxies = input.customProxies.map(({ name, values }) => {
    const exact = new Map<string, Ratio>();
    const missing = new Set<string>();
    for (const [a, x] of Object.entries(values).sort(([p], [q]) => byCode(p, q))) {
      if (!out.has(a)) refuse(a, `a value of the custom proxy "${name}"`);
      const v = ratioFromNumber(x);
      for (const b of out.get(a)!.keys()) exact.set(b, add(exact.get(b) ?? ratio(0n), mul(v, shareOf(a, b))));
    }
    // A new ward that takes a share from an old ward with no value has no value either.
    for (const [b, from] of into) for (const a of from.keys()) if (!(a in values)) missing.add(b);
    const converted: Record<string, number> = {};
    for (const b of newWards) if (exact.has(b) && !missing.has(b)) converted[b] = ratioToNumber(exact.get(b)!);
    return { name, values: converted };
  });

  const directLines = input.directLines.map(({ ref, figures }) => {
    const olds = Object.entries(figures).filter(([, p]) => p !== 0);
    for (const [a, p] of olds) {
      if (!Number.isSafeInteger(p) || p < 0) throw new RangeError(`line ${ref}: ward ${a} figure ${p} is not whole pence ≥ 0`);
      if (!out.has(a)) refuse(a, `a direct figure on line ${ref}`);
    }
    // Σ_a fig_a·share(a→b) over one denominator D = lcm of the old wards' totals.
    const D = olds.reduce((d, [a]) => {
      const t = totalOut(a);
      return (d * t) / gcd(d, t);
    }, 1n);
    const nums = newWards.map(() => 0n);
    let total = 0n;
    for (const [a, p] of olds) {
      const f = BigInt(p);
      total += f;
      const k = D / totalOut(a);
      for (const [b, w] of out.get(a)!) nums[rank.get(b)!]! += f * w * k;
    }
    const pence = total === 0n ? nums : largestRemainderExact(total, nums, total * D, newWards.map((_, i) => i));
    const converted: Record<string, number> = {};
    pence.forEach((x, i) => {
      if (x !== 0n) converted[newWards[i]!] = Number(x);
    });
    return { ref, figures: converted };
  });

  const siteLines = input.siteLines.map(({ ref, ward }) => {
    if (!out.has(ward)) refuse(ward, `the site line ${ref}`);
    // The largest share is the largest weight (same old ward); ties to the lower code.
    let best = '';
    let bestW = -1n;
    for (const b of [...out.get(ward)!.keys()].sort(byCode)) if (out.get(ward)!.get(b)! > bestW) [best, bestW] = [b, out.get(ward)!.get(b)!];
    return { ref, from: ward, ward: best };
  });

  const neighbourhoods = input.neighbourhoods.map(({ name, wards }) => {
    const mine = new Set(wards);
    const fromMine = new Map<string, bigint>();
    for (const a of mine) for (const [b, w] of out.get(a) ?? []) fromMine.set(b, (fromMine.get(b) ?? 0n) + w);
    // Keep b when the neighbourhood gives it at least half of its total weight.
    let kept = newWards.filter((b) => {
      const w = fromMine.get(b) ?? 0n;
      const all = [...(into.get(b)?.values() ?? [])].reduce((s, x) => s + x, 0n);
      return w > 0n && 2n * w >= all;
    });
    if (!kept.length) {
      let best = '';
      let bestW = 0n;
      for (const b of newWards) if ((fromMine.get(b) ?? 0n) > bestW) [best, bestW] = [b, fromMine.get(b)!];
      if (!best) refuse([...mine].sort(byCode)[0] ?? '(none)', `the neighbourhood "${name}"`);
      kept = [best];
    }
    return { name, oldWards: [...mine].sort(byCode), newWards: kept };
  });

  const scale = BigInt(input.crosswalk.scale);
  const report: ReportPair[] = [];
  for (const a of [...out.keys()].sort(byCode))
    for (const b of [...out.get(a)!.keys()].sort(byCode)) {
      const weight = reduce(ratio(out.get(a)!.get(b)!, scale));
      const share = shareOf(a, b);
      report.push({ oldWard: a, newWard: b, weight: text(weight), weightValue: ratioToNumber(weight), share: text(share), shareValue: ratioToNumber(share) });
    }
  return { customProxies, directLines, siteLines, neighbourhoods, report };
}
