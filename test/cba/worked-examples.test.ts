// Business case worked examples (issue 17), every figure worked out by hand in the
// comments beside it from the method in docs/method.md §Business case.
import { describe, expect, it } from 'vitest';
import { parseProposal, type ProposalInput } from '../../shared/domain/proposal';
import { CbaError, evaluateProposal, type CbaContext } from '../../shared/engine/cba';
import { oneYearProposal } from '../helpers/proposals';

const noLookups: CbaContext = { unitCost: () => undefined, lineAmount: (ref) => ({ missing: `no line ${ref}` }) };

function run(input: ProposalInput, ctx: CbaContext = noLookups) {
  const parsed = parseProposal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return evaluateProposal(parsed.proposal, ctx);
}

describe('a one-year proposal', () => {
  const proposal = oneYearProposal([{ ref: 'L1', share_pct: 25 }]);
  // The line's neighbourhood amount: £23,456.79.
  const ctx: CbaContext = { unitCost: () => undefined, lineAmount: (ref) => (ref === 'L1' ? { pence: 2_345_679 } : { missing: 'no such line' }) };

  it('gives the figures worked by hand', () => {
    const { figures: f, notes } = run(proposal, ctx);
    // cost_0 = £10,000 × 1.10 = £11,000 = 1,100,000p; year 0 is not discounted.
    expect(f.pv_costs_pence).toBe(1_100_000);
    // benefit_0 = 80 × 0.5 × 50,000p × (1 − 0.2) × (1 − 0.1) = 40 × 50,000 × 0.72 = 1,440,000p.
    expect(f.pv_benefits_pence).toEqual({ total: 1_440_000, fiscal: 1_440_000, economic: 0, social: 0 });
    expect(f.npv_pence).toBe(340_000);
    // 1,440,000 / 1,100,000 = 1.309090… → 1.3091; ROI 340,000 / 1,100,000 = 0.309090… → 0.3091.
    expect(f.bcr_fiscal).toBe(1.3091);
    expect(f.bcr_all).toBe(1.3091);
    expect(f.roi).toBe(0.3091);
    expect(f.payback_year).toBe(0);
    // 2,345,679p × 25% = 586,419.75p → 586,420p (half up, once).
    expect(f.baseline_drawn_pence).toBe(586_420);
    expect(f.years).toEqual([{ year: 0, costs_pence: 1_100_000, benefits_pence: 1_440_000 }]);
    expect(f.by_partner).toEqual([
      { partner: 'Council', pv_costs_pence: 1_100_000, pv_benefits_pence: 0, pv_cashable_pence: 0, net_pence: -1_100_000 },
      // cashable: 1,440,000 × 50% = 720,000.
      { partner: 'Police', pv_costs_pence: 0, pv_benefits_pence: 1_440_000, pv_cashable_pence: 720_000, net_pence: 1_440_000 },
    ]);
    // At 0: costs 1,000,000, benefits 80 × 0.5 × 50,000 = 2,000,000 → NPV 1,000,000.
    // Doubled: costs × 1.2 = 1,200,000, benefits 2,000,000 × 0.6 × 0.8 = 960,000 → NPV −240,000.
    expect(f.sensitivity).toEqual({ low_npv_pence: -240_000, high_npv_pence: 1_000_000 });
    expect(notes.join(' ')).toMatch(/own price year/);
  });
});

describe('a five-year proposal with a price index', () => {
  const proposal: ProposalInput = {
    name: 'Families first',
    neighbourhood: 'North',
    start_year: '2025-26',
    years: 5,
    discount_rate: 0.035,
    price_index: { '2025-26': 125, '2015-16': 100 },
    costs: [
      { partner: 'Council', kind: 'capital', gbp_by_year: [5_000, 0, 0, 0, 0], optimism_bias_pct: 20 },
      { partner: 'Health', kind: 'revenue', gbp_by_year: [1_000, 1_000, 1_000, 1_000, 1_000] },
    ],
    outcomes: [
      {
        unit_cost_gbp: 1_000,
        price_year: '2015/16',
        cohort_by_year: [0, 10, 20, 20, 20],
        success_rate_pct: 50,
        deadweight_pct: 20,
        value_type: 'fiscal',
        cashable_pct: 100,
        benefit_to: [{ partner: 'Health', share_pct: 100 }],
      },
    ],
  };

  it('gives the figures worked by hand', () => {
    const { figures: f, notes } = run(proposal);
    // v = 100,000p × 125 / 100 = 125,000p; per cohort member 0.5 × 125,000 × 0.8 = 50,000p.
    // Costs by year: 500,000 × 1.2 + 100,000 = 700,000, then 100,000.
    expect(f.years).toEqual([
      { year: 0, costs_pence: 700_000, benefits_pence: 0 },
      { year: 1, costs_pence: 100_000, benefits_pence: 500_000 },
      { year: 2, costs_pence: 100_000, benefits_pence: 1_000_000 },
      { year: 3, costs_pence: 100_000, benefits_pence: 1_000_000 },
      { year: 4, costs_pence: 100_000, benefits_pence: 1_000_000 },
    ]);
    // 1.035^1..4 = 1.035, 1.071225, 1.108717875, 1.147523000625; their inverses
    // 0.966183574879, 0.933510700366, 0.901942705668, 0.871442227699 sum to 3.673079208612.
    // PV costs = 700,000 + 100,000 × 3.673079208612 = 1,067,307.92 → 1,067,308.
    expect(f.pv_costs_pence).toBe(1_067_308);
    // PV benefits = 500,000 × 0.966183574879 + 1,000,000 × (0.933510700366 + 0.901942705668
    //   + 0.871442227699) = 483,091.79 + 2,706,895.63 = 3,189,987.42 → 3,189,987.
    expect(f.pv_benefits_pence).toEqual({ total: 3_189_987, fiscal: 3_189_987, economic: 0, social: 0 });
    // NPV = 3,189,987.4212 − 1,067,307.9209 = 2,122,679.5003 → 2,122,680: rounded once, not
    // the difference of the rounded PVs (2,122,679).
    expect(f.npv_pence).toBe(2_122_680);
    // 3,189,987.4212 / 1,067,307.9209 = 2.98881… ; ROI 1.98881…
    expect(f.bcr_fiscal).toBe(2.9888);
    expect(f.roi).toBe(1.9888);
    // Cumulative discounted net: −700,000; −700,000 + 400,000 × 0.96618 = −313,526.57;
    // + 900,000 × 0.93351 = +526,633.06 → pays back in year 2.
    expect(f.payback_year).toBe(2);
    // Health pays 100,000 a year: 100,000 × (1 + 3.673079208612) = 467,307.92 → 467,308.
    expect(f.by_partner).toEqual([
      { partner: 'Council', pv_costs_pence: 600_000, pv_benefits_pence: 0, pv_cashable_pence: 0, net_pence: -600_000 },
      { partner: 'Health', pv_costs_pence: 467_308, pv_benefits_pence: 3_189_987, pv_cashable_pence: 3_189_987, net_pence: 2_722_680 },
    ]);
    // At 0: capital 500,000, benefits × 62,500/50,000: NPV 3,020,176.36.
    // Doubled: capital × 1.4 = 700,000, deadweight 40%: benefits × 37,500/50,000: NPV 1,225,182.65.
    expect(f.sensitivity).toEqual({ low_npv_pence: 1_225_183, high_npv_pence: 3_020_176 });
    expect(notes.join(' ')).toMatch(/2025-26 prices/);
  });

  it('refuses a price year missing from the index, naming the field', () => {
    const bad = { ...proposal, price_index: { '2025-26': 125 } };
    expect(() => run(bad)).toThrow(CbaError);
    expect(() => run(bad)).toThrow(/^outcomes\[0\]\.price_year: its price year 2015-16 is not in price_index/);
  });
});

describe('a proposal that never pays back', () => {
  it('has no payback year and a negative NPV', () => {
    const { figures: f } = run({
      name: 'Street wardens',
      neighbourhood: 'North',
      start_year: '2025-26',
      years: 3,
      discount_rate: 0.1,
      costs: [{ partner: 'Council', kind: 'revenue', gbp_by_year: [1_100, 1_100, 1_100] }],
      outcomes: [
        {
          unit_cost_gbp: 100,
          price_year: '2020-21',
          cohort_by_year: [10, 10, 10],
          success_rate_pct: 100,
          value_type: 'social',
          benefit_to: [{ partner: 'Residents', share_pct: 100 }],
        },
      ],
    });
    // Each year: costs 110,000p, benefits 100,000p; DF 1, 1/1.1, 1/1.21.
    // PV costs = 110,000 + 100,000 + 90,909.0909 = 300,909.09 → 300,909.
    // PV benefits = 100,000 + 90,909.0909 + 82,644.6281 = 273,553.72 → 273,554.
    expect(f.pv_costs_pence).toBe(300_909);
    expect(f.pv_benefits_pence).toEqual({ total: 273_554, fiscal: 0, economic: 0, social: 273_554 });
    // NPV = −27,355.37 → −27,355; no fiscal benefit.
    expect(f.npv_pence).toBe(-27_355);
    expect(f.bcr_fiscal).toBe(0);
    // 273,553.719 / 300,909.091 = 0.909090… → 0.9091; ROI −0.090909… → −0.0909.
    expect(f.bcr_all).toBe(0.9091);
    expect(f.roi).toBe(-0.0909);
    expect(f.payback_year).toBeNull();
    // No optimism bias or deadweight: the sensitivity range is the NPV itself.
    expect(f.sensitivity).toEqual({ low_npv_pence: -27_355, high_npv_pence: -27_355 });
  });
});

describe('bad proposals', () => {
  const base: ProposalInput = {
    name: 'P',
    neighbourhood: 'N',
    start_year: '2025-26',
    years: 2,
    costs: [{ partner: 'Council', kind: 'revenue', gbp_by_year: [1, 2] }],
    outcomes: [
      {
        unit_cost_gbp: 1,
        price_year: '2025-26',
        cohort_by_year: [1, 1],
        success_rate_pct: 10,
        value_type: 'fiscal',
        benefit_to: [{ partner: 'A', share_pct: 100 }],
      },
    ],
  };
  const problems = (over: (p: ProposalInput) => unknown) => {
    const copy = structuredClone(base);
    const r = parseProposal(over(copy) ?? copy);
    return r.ok ? [] : r.problems.map((p) => `${p.field}: ${p.message}`);
  };

  it('names the field and says what is wrong', () => {
    expect(problems((p) => void (p.outcomes![0]!.benefit_to = [{ partner: 'A', share_pct: 60 }, { partner: 'B', share_pct: 30 }]))).toEqual([
      'outcomes[0].benefit_to: shares add to 90, not 100',
    ]);
    expect(problems((p) => void (p.costs![0]!.gbp_by_year = [1]))).toEqual(['costs[0].gbp_by_year: has 1 amounts, not 2 (one per year)']);
    expect(problems((p) => void (p.costs![0]!.gbp_by_year = [1.005, 2]))).toEqual([
      'costs[0].gbp_by_year[0]: is more precise than a penny: use at most 2 decimal places',
    ]);
    expect(problems((p) => void (p.years = 31))).toContain('years: must be 1 to 30');
    expect(problems((p) => void (p.start_year = '2025-27'))).toEqual(['start_year: must be a fiscal year like 2025-26 (the second part one year on)']);
    expect(problems((p) => void (p.outcomes![0]!.value_type = 'moral' as never))).toEqual(['outcomes[0].value_type: must be one of: fiscal, economic, social']);
    expect(problems((p) => void (p.outcomes![0]!.success_rate_pct = 120))).toEqual(['outcomes[0].success_rate_pct: must be at most 100']);
    expect(problems((p) => void delete p.outcomes![0]!.price_year)).toEqual([
      "outcomes[0].price_year: is missing: say which year's prices unit_cost_gbp is in, e.g. 2024-25",
    ]);
    expect(problems((p) => void ((p as Record<string, unknown>).colour = 'red'))).toEqual(['(the proposal): has unknown field colour']);
  });

  it('names a draws_on ref that is not in the baseline, and an unknown unit cost code', () => {
    const parsed = parseProposal({ ...base, draws_on: [{ ref: 'NOPE', share_pct: 10 }] });
    if (!parsed.ok) throw new Error('valid');
    expect(() => evaluateProposal(parsed.proposal, noLookups)).toThrow('draws_on[0].ref: no line NOPE');
    const coded = parseProposal({ ...base, outcomes: [{ ...base.outcomes![0]!, unit_cost_gbp: undefined, price_year: undefined, unit_cost_code: 'ZZ9' }] });
    if (!coded.ok) throw new Error(JSON.stringify(coded.problems));
    expect(() => evaluateProposal(coded.proposal, noLookups)).toThrow(/^outcomes\[0\]\.unit_cost_code: "ZZ9" is not in the unit cost database/);
  });
});
