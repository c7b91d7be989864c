// The figures mapping.test.ts expects of `allocate` and `summary --json`, worked out
// again from the brief's formulas in exact BigInt arithmetic, and the reading of
// allocate's CSV (checking its order and completeness on the way).
import { expect } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { add, apportionExact, byCodePoint, decimalText, mul, pence, rat, roundHalfUp, ZERO, type Rat } from '../helpers/exact-method';
import { CODES, DIRECT, EXACT_WARDS, WARDS, type Line } from './mapping-project';

// ---------------------------------------------------------------------------------
// The brief's figures, worked out independently.

function customValues(file: Record<string, string>): (number | null)[] {
  return CODES.map((c) => (file[c] === undefined ? null : Number(file[c]!.replace(/,/g, ''))));
}

function proxyColumn(basis: string, custom: Record<string, Record<string, string>>): (number | null)[] {
  if (basis === 'even') return CODES.map(() => 1);
  if (custom[basis]) return customValues(custom[basis]!);
  return WARDS.map((w) => w.values[basis] ?? null);
}

const FIXED = new Set(['site', 'direct']);
const suggested = (basis: string) => (FIXED.has(basis) ? 'green' : basis === 'population' || basis === 'even' ? 'red' : 'amber');

/** Pence per ward (CODES order) as the brief says, or null when not allocated. */
export function expectedSplit(line: Line, custom: Record<string, Record<string, string>>, beta = line.beta ?? '0', basis = line.basis): bigint[] | null {
  const A = pence(line.gbp);
  if (basis === 'site') return CODES.map((c) => (c === line.site ? A : 0n));
  if (basis === 'direct') {
    const figures = DIRECT.filter(([ref]) => ref === line.ref);
    if (!figures.length) return null;
    return CODES.map((c) => figures.filter(([, w]) => w === c).reduce((s, [, , gbp]) => s + pence(gbp), 0n));
  }
  return apportionExact(EXACT_WARDS, A, proxyColumn(basis, custom), beta);
}

interface ExpectedSummary {
  neighbourhood: string;
  wards: string[];
  population: number;
  borough_population: number;
  total_pence: number;
  borough_total_pence: number;
  per_head_gbp: number;
  borough_per_head_gbp: number;
  influenceable_pence: number;
  confidence_pence: { green: number; amber: number; red: number };
  status_pence: { mainstream: number; aligned: number; virtual: number; pooled: number };
  sensitivity: { low_pence: number; high_pence: number };
  focus_refs: string[];
  unallocated: { ref: string; reason: unknown }[];
  by_partner: { partner: string; total_pence: number; influenceable_pence: number }[];
  agreed_pence: number;
}

/** Per head to 2 decimals, half up on the exact quotient: round(pence / people) / 100. */
const perHead = (p: bigint, people: bigint) => Number(roundHalfUp(rat(p, people))) / 100;

export function expectedSummary(
  n: { name: string; wards: string[] },
  lines: Line[],
  custom: Record<string, Record<string, string>>,
  reasons: Record<string, unknown>,
): ExpectedSummary {
  const idx = n.wards.map((c) => CODES.indexOf(c));
  const inN = (split: bigint[]) => idx.reduce((s, i) => s + split[i]!, 0n);
  const pop = (is: number[]) => is.reduce((s, i) => s + BigInt(WARDS[i]!.values.population!), 0n);
  const nPop = pop(idx);
  const bPop = pop(CODES.map((_, i) => i));

  let total = 0n;
  let boroughTotal = 0n;
  let influence: Rat = ZERO;
  const conf = { green: 0n, amber: 0n, red: 0n };
  // The lines here give no status, so each is mainstream.
  const status = { mainstream: 0n, aligned: 0n, virtual: 0n, pooled: 0n };
  let low = 0n;
  let high = 0n;
  const partners = new Map<string, { total: bigint; influence: Rat }>();
  const unallocated: string[] = [];
  for (const line of lines) {
    const split = expectedSplit(line, custom);
    if (!split) {
      unallocated.push(line.ref);
      continue;
    }
    const here = inN(split);
    total += here;
    boroughTotal += pence(line.gbp);
    const inf = mul(rat(here), mul(decimalText(line.pct ?? '0'), rat(1n, 100n)));
    influence = add(influence, inf);
    conf[line.confidence ?? suggested(line.basis)] += here;
    status.mainstream += here;
    if (FIXED.has(line.basis)) {
      low += here;
      high += here;
    } else {
      // Own basis at β = 0, 0.5, 1 and population at β = 0.
      const variants = [
        expectedSplit(line, custom, '0'),
        expectedSplit(line, custom, '0.5'),
        expectedSplit(line, custom, '1'),
        expectedSplit(line, custom, '0', 'population'),
      ].map((s) => inN(s!));
      low += variants.reduce((a, b) => (b < a ? b : a));
      high += variants.reduce((a, b) => (b > a ? b : a));
    }
    const p = partners.get(line.partner) ?? { total: 0n, influence: ZERO };
    partners.set(line.partner, { total: p.total + here, influence: add(p.influence, inf) });
  }

  // 80:20 over every line, allocated or not: amount descending, ties by ref.
  const sorted = [...lines].sort((a, b) => Number(pence(b.gbp) - pence(a.gbp)) || byCodePoint(a.ref, b.ref));
  const all = sorted.reduce((s, l) => s + pence(l.gbp), 0n);
  const focus: string[] = [];
  let before = 0n;
  for (const l of sorted) {
    if (!(before * 10n < all * 8n)) break; // before < 80% of all
    focus.push(l.ref);
    before += pence(l.gbp);
  }

  return {
    neighbourhood: n.name,
    wards: [...n.wards].sort(byCodePoint),
    population: Number(nPop),
    borough_population: Number(bPop),
    total_pence: Number(total),
    borough_total_pence: Number(boroughTotal),
    per_head_gbp: perHead(total, nPop),
    borough_per_head_gbp: perHead(boroughTotal, bPop),
    influenceable_pence: Number(roundHalfUp(influence)),
    confidence_pence: { green: Number(conf.green), amber: Number(conf.amber), red: Number(conf.red) },
    sensitivity: { low_pence: Number(low), high_pence: Number(high) },
    focus_refs: focus,
    unallocated: unallocated.sort(byCodePoint).map((ref) => ({ ref, reason: reasons[ref] })),
    by_partner: [...partners]
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([partner, p]) => ({ partner, total_pence: Number(p.total), influenceable_pence: Number(roundHalfUp(p.influence)) })),
    status_pence: { mainstream: Number(status.mainstream), aligned: Number(status.aligned), virtual: Number(status.virtual), pooled: Number(status.pooled) },
    // No partner has signed off a pack here.
    agreed_pence: 0,
  };
}

// ---------------------------------------------------------------------------------
// What the CLI prints: summary's fields, allocate's CSV.

export const SUMMARY_KEYS = [
  'neighbourhood',
  'wards',
  'population',
  'borough_population',
  'total_pence',
  'borough_total_pence',
  'per_head_gbp',
  'borough_per_head_gbp',
  'influenceable_pence',
  'confidence_pence',
  'sensitivity',
  'focus_refs',
  'unallocated',
  'by_partner',
  'status_pence',
  // Added by sign-off (packs issue): the part of total_pence partners have agreed.
  'agreed_pence',
];

/** allocate's CSV as ref → pence per ward (CODES order), checking order and completeness. */
export function readAllocation(text: string): Map<string, bigint[]> {
  expect(text.split('\n')[0]).toBe('ref,ward_code,amount_pence');
  const [, ...rows] = parseCsv(text);
  const keys = rows.map((r) => [r[0]!, r[1]!] as const);
  const sortedKeys = [...keys].sort((a, b) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]));
  expect(keys, 'sorted by ref, then ward_code, in code-point order').toEqual(sortedKeys);
  const out = new Map<string, bigint[]>();
  for (const r of rows) {
    expect(r).toHaveLength(3);
    expect(r[2]).toMatch(/^(0|[1-9]\d*)$/);
    if (!out.has(r[0]!)) out.set(r[0]!, []);
    out.get(r[0]!)!.push(BigInt(r[2]!));
  }
  for (const [ref, amounts] of out) {
    expect(
      rows.filter((r) => r[0] === ref).map((r) => r[1]),
      `${ref}: one row per ward of the project, zeros included`,
    ).toEqual(CODES);
    expect(amounts).toHaveLength(CODES.length);
  }
  return out;
}

export const sumOf = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);
