// Business case benchmark (issue 17): 50 proposals × 30 years × 20 outcomes (and 5
// costs each, a price index, 4 partners) evaluated exactly — every figure, by partner and
// both sensitivity cases. Ours: the exact BigInt engine. Floor: the same formulas as a
// naive float loop (no exactness, no validation): what exactness costs.
import { parseProposal, type Proposal } from '../../../shared/domain/proposal';
import { evaluateProposal, type CbaContext } from '../../../shared/engine/cba';
import { rng } from '../../lib/rng';
import type { CaseResult, Suite } from '../suite';

const PROPOSALS = 50;
const YEARS = 30;
const OUTCOMES = 20;
const PARTNERS = ['Council', 'Health', 'Police', 'DWP'];

function workload(): Proposal[] {
  const r = rng(17);
  const dec = (max: number, places: number) => Math.round(r() * max * 10 ** places) / 10 ** places;
  const out: Proposal[] = [];
  for (let i = 0; i < PROPOSALS; i++) {
    const parsed = parseProposal({
      name: `P${i}`,
      neighbourhood: 'N',
      start_year: '2025-26',
      years: YEARS,
      discount_rate: 0.035,
      price_index: { '2025-26': 127.3, '2010-11': 100, '2013-14': Math.round(10_000 + r() * 3000) / 100 },
      costs: Array.from({ length: 5 }, (_, c) => ({
        partner: PARTNERS[c % 4]!,
        kind: 'revenue',
        gbp_by_year: Array.from({ length: YEARS }, () => dec(200_000, 2)),
        optimism_bias_pct: dec(60, 1),
      })),
      outcomes: Array.from({ length: OUTCOMES }, (_, o) => ({
        unit_cost_gbp: dec(50_000, 2),
        price_year: o % 2 ? '2010-11' : '2013-14',
        cohort_by_year: Array.from({ length: YEARS }, () => dec(300, 1)),
        success_rate_pct: dec(100, 1),
        deadweight_pct: dec(60, 1),
        optimism_bias_pct: dec(40, 1),
        value_type: (['fiscal', 'economic', 'social'] as const)[o % 3],
        cashable_pct: dec(100, 0),
        benefit_to: [{ partner: PARTNERS[o % 4]!, share_pct: 60 }, { partner: PARTNERS[(o + 1) % 4]!, share_pct: 40 }],
      })),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    out.push(parsed.proposal);
  }
  return out;
}

const ctx: CbaContext = { unitCost: () => undefined, lineAmount: () => ({ pence: 0 }) };

/** The floor: the formulas in doubles, one pass per scenario. */
function floatNpv(p: Proposal, scale: (x: number, cap: boolean) => number): number {
  const idx = p.price_index!;
  let npv = 0;
  for (let t = 0; t < p.years; t++) {
    const df = 1 / (1 + p.discount_rate) ** t;
    let c = 0;
    for (const k of p.costs) c += k.gbp_by_year[t]! * 100 * (1 + scale(k.optimism_bias_pct, false) / 100);
    let b = 0;
    for (const o of p.outcomes) {
      const v = (o.unit_cost_gbp! * 100 * idx[p.start_year]!) / idx[o.price_year!]!;
      b += o.cohort_by_year[t]! * (o.success_rate_pct / 100) * v * (1 - scale(o.deadweight_pct, true) / 100) * (1 - scale(o.optimism_bias_pct, true) / 100);
    }
    npv += (b - c) * df;
  }
  return Math.round(npv);
}

function timed(fn: () => void, runs: number): number {
  fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function run(): Promise<CaseResult> {
  const proposals = workload();
  let sink = 0;
  const ours = timed(() => {
    for (const p of proposals) sink += evaluateProposal(p, ctx).figures.npv_pence;
  }, 9);
  const peer = timed(() => {
    for (const p of proposals) sink += floatNpv(p, (x) => x) + floatNpv(p, () => 0) + floatNpv(p, (x, cap) => (cap ? Math.min(100, 2 * x) : 2 * x));
  }, 9);
  return { ours, peer, note: `checksum ${sink}` };
}

export const suite: Suite = {
  rows: [
    {
      workload: 'Business case: 50 proposals × 30 years × 20 outcomes, exact (all figures, by partner, sensitivity)',
      target: '< 100 ms',
      limitMs: 100,
      peer: 'naive float loop of the same formulas (floor)',
      case: 'cba-50-proposals',
    },
  ],
  cases: { 'cba-50-proposals': run },
};
