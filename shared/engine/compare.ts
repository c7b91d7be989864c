// Comparing one neighbourhood in two projects of an authority (issue 15 item 6): each
// file's figures, the change per partner and per line matched by ref, and optionally
// b's money in a's prices, b × index(a) ÷ index(b), half up to the penny on the exact
// ratio. Pure: the caller gives both summaries and both files' lines.
import { div, mul, parseDecimal, ratio, ratioFromNumber, ratioToNumber, roundHalfUp, type Ratio } from '../decimal';
import type { Allocation } from './allocation';
import { Entry } from './entry';
import { decimalPct, InfluenceSum } from './influence';
import { perHead } from './summary';
import type { Status } from '../domain/types';
import { compareText } from './order';
import type { NeighbourhoodSummary } from './types';

export interface CompareLine {
  ref: string;
  partner: string;
  amountPence: number;
  status: Status;
  /** Pence in the neighbourhood; null when the line is not allocated. */
  pence: number | null;
}

export interface CompareSideInput {
  file: string;
  year: string;
  pack: string;
  summary: CompareSummary;
  lines: readonly CompareLine[];
}

/** The summary figures a comparison shows (NeighbourhoodSummary's, without the sensitivity and lists). */
export type CompareSummary = Pick<NeighbourhoodSummary, 'neighbourhood' | 'wards' | 'population' | 'total_pence' | 'per_head_gbp' | 'influenceable_pence' | 'confidence_pence' | 'status_pence'> & {
  by_partner: { partner: string; total_pence: number }[];
};

type Money = { total_pence: number; per_head_gbp: number | null; influenceable_pence: number; confidence_pence: NeighbourhoodSummary['confidence_pence']; status_pence: NeighbourhoodSummary['status_pence'] };

/** Parses a `year,index` table; throws a message naming the bad row. */
export function parseIndex(rows: readonly { year: string; index: string }[]): Map<string, Ratio> {
  const out = new Map<string, Ratio>();
  rows.forEach(({ year, index }, i) => {
    const r = parseDecimal(index.trim());
    if (!r || r.n <= 0n) throw new Error(`row ${i + 2}: index "${index}" for ${year} is not a number greater than 0`);
    out.set(year.trim(), r);
  });
  return out;
}

const rebase = (pence: number, factor: Ratio) => Number(roundHalfUp(mul(ratio(BigInt(pence)), factor)));

function money(s: CompareSummary): Money {
  return {
    total_pence: s.total_pence,
    per_head_gbp: s.per_head_gbp,
    influenceable_pence: s.influenceable_pence,
    confidence_pence: { ...s.confidence_pence },
    status_pence: { ...s.status_pence },
  };
}

function inPrices(s: CompareSummary, factor: Ratio): Money {
  const each = <K extends string>(o: Record<K, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, rebase(v as number, factor)])) as Record<K, number>;
  const total = rebase(s.total_pence, factor);
  const population = s.population;
  return {
    total_pence: total,
    // Per head from the rebased total, half up to the penny like every per head.
    per_head_gbp: population && population > 0 ? Number(roundHalfUp(div(ratio(BigInt(total)), ratioFromNumber(population)))) / 100 : null,
    influenceable_pence: rebase(s.influenceable_pence, factor),
    confidence_pence: each(s.confidence_pence),
    status_pence: each(s.status_pence),
  };
}

export function compareYears(a: CompareSideInput, b: CompareSideInput, index: Map<string, Ratio> | null) {
  let factor: Ratio | null = null;
  if (index) {
    const ia = index.get(a.year);
    const ib = index.get(b.year);
    const missing = [!ia && a.year, !ib && b.year].filter(Boolean);
    if (missing.length) throw new Error(`the index has no row for ${[...new Set(missing)].join(' or ')}; add a line "year,index" for it`);
    factor = div(ia!, ib!);
  }
  const side = (s: CompareSideInput) => ({ file: s.file, year: s.year, pack: s.pack, wards: s.summary.wards, population: s.summary.population, ...money(s.summary) });

  const partners = new Map<string, { a: number; b: number }>();
  for (const p of a.summary.by_partner) partners.set(p.partner, { a: p.total_pence, b: 0 });
  for (const p of b.summary.by_partner) (partners.get(p.partner) ?? (partners.set(p.partner, { a: 0, b: 0 }), partners.get(p.partner)!)).b = p.total_pence;

  const key = (ref: string) => ref.toLowerCase();
  const bLines = new Map(b.lines.map((l) => [key(l.ref), l]));
  const aKeys = new Set(a.lines.map((l) => key(l.ref)));
  const lines = [];
  for (const x of a.lines) {
    const y = bLines.get(key(x.ref));
    const amount = !!y && y.amountPence !== x.amountPence;
    const status = !!y && y.status !== x.status;
    if (y && !amount && !status) continue;
    lines.push({
      ref: x.ref,
      change: !y ? ('removed' as const) : amount && status ? ('amount_status' as const) : amount ? ('amount' as const) : ('status' as const),
      partner: y?.partner ?? x.partner,
      a_amount_pence: x.amountPence,
      b_amount_pence: y?.amountPence ?? null,
      a_status: x.status,
      b_status: y?.status ?? null,
      a_pence: x.pence,
      b_pence: y?.pence ?? null,
    });
  }
  for (const y of b.lines)
    if (!aKeys.has(key(y.ref)))
      lines.push({ ref: y.ref, change: 'added' as const, partner: y.partner, a_amount_pence: null, b_amount_pence: y.amountPence, a_status: null, b_status: y.status, a_pence: null, b_pence: y.pence });
  lines.sort((p, q) => compareText(p.ref, q.ref));

  return {
    neighbourhood: a.summary.neighbourhood,
    a: side(a),
    b: side(b),
    b_in_a_prices: factor ? inPrices(b.summary, factor) : null,
    partners: [...partners]
      .sort(([p], [q]) => compareText(p, q))
      .map(([partner, v]) => ({ partner, a_pence: v.a, b_pence: v.b, change_pence: v.b - v.a })),
    lines,
  };
}

/**
 * A neighbourhood's summary figures without the sensitivity range (which a comparison
 * does not show and which costs four apportionments a line): the same sums as
 * NeighbourhoodTracker — total, per head, influence-able (rounded once), confidence,
 * status and per partner — plus each allocated line's pence, by line id.
 */
export function neighbourhoodFigures(allocation: Allocation, name: string, wards: readonly string[]) {
  const borough = allocation.borough;
  const codes = [...new Set(wards)].sort(compareText);
  const indices = Int32Array.from(codes, (c) => {
    const w = borough.wardIndex(c);
    if (w === undefined) throw new RangeError(`neighbourhood ward ${c} is not a ward of this project`);
    return w;
  });
  const population = borough.population(indices);
  const confidence = { green: 0, amber: 0, red: 0 };
  const status: Record<Status, number> = { mainstream: 0, aligned: 0, virtual: 0, pooled: 0 };
  const influence = new InfluenceSum();
  const partners = new Map<string, number>();
  const linePence = new Map<number, number>();
  let total = 0;
  for (const e of allocation.lines()) {
    let pence: number;
    if (e instanceof Entry) {
      if (e.block === null) continue;
      pence = e.sum(indices);
    } else {
      const r = e.result;
      if (!r.ok) continue;
      pence = 0;
      for (const i of indices) pence += r.amounts[i]!;
    }
    const line = e.line;
    linePence.set(line.id, pence);
    total += pence;
    confidence[e.confidence] += pence;
    status[line.status ?? 'mainstream'] += pence;
    influence.add(pence, decimalPct(line.discretionaryPct));
    partners.set(line.partner, (partners.get(line.partner) ?? 0) + pence);
  }
  const summary = {
    neighbourhood: name,
    wards: codes,
    population: population === null ? null : ratioToNumber(population),
    total_pence: total,
    per_head_gbp: perHead(total, population),
    influenceable_pence: influence.pence(),
    confidence_pence: confidence,
    status_pence: status,
    by_partner: [...partners].map(([partner, total_pence]) => ({ partner, total_pence })),
  };
  return { summary, linePence };
}
