// The business case (issue 17, docs/method.md §Business case): a proposal's costs and
// benefits by year, discounted, by value type and by partner. Pure and exact: every
// figure is a BigInt ratio until it is reported, then rounded half up once.
import { add, reduce, sub, type Ratio } from '../../decimal';
import { VALUE_TYPES, type Proposal, type ProposalProblem, type ValueType } from '../../domain/proposal';
import { compareText } from '../order';
import { dec, lcm, ratio4, toPence } from './exact';

/** A unit cost from the database: pounds (exact decimal text) in the prices of its year. */
export interface UnitCostLookup {
  costGbp: string;
  priceYear: string;
}

/** What the proposal refers to outside itself: the unit cost database and the baseline. */
export interface CbaContext {
  unitCost: (code: string) => UnitCostLookup | undefined;
  /** A line's neighbourhood amount in pence, or why there is none. */
  lineAmount: (ref: string) => { pence: number } | { missing: string };
}

export interface CbaYear {
  year: number;
  costs_pence: number;
  benefits_pence: number;
}

export interface CbaPartner {
  partner: string;
  pv_costs_pence: number;
  pv_benefits_pence: number;
  pv_cashable_pence: number;
  net_pence: number;
}

/** The figures `cba --json` prints, in its field names. */
export interface CbaFigures {
  pv_costs_pence: number;
  pv_benefits_pence: { total: number; fiscal: number; economic: number; social: number };
  npv_pence: number;
  bcr_fiscal: number | null;
  bcr_all: number | null;
  roi: number | null;
  payback_year: number | null;
  baseline_drawn_pence: number;
  years: CbaYear[];
  by_partner: CbaPartner[];
  sensitivity: { low_npv_pence: number; high_npv_pence: number };
}

export interface CbaEvaluation {
  figures: CbaFigures;
  /** Said beside the figures, e.g. that benefits are in their own price years. */
  notes: string[];
}

export class CbaError extends Error {
  constructor(readonly problems: ProposalProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.name = 'CbaError';
  }
}

const ZERO: Ratio = { n: 0n, d: 1n };

// Every input is a decimal with a known most number of places (shared/domain/proposal.ts),
// so each is an integer over a fixed power of ten: no gcd, no common-denominator search.
// x × 10^k is computed in doubles and rounded: exact, as |x × 10^k| < 2^51 and x is the
// double nearest a k-place decimal.
const scaledInt = (x: number, places: number): bigint => BigInt(Math.round(x * 10 ** places));
/** A percentage p as p × 10^6; p/100 is then that over 10^8. */
const pct6 = (p: number): bigint => scaledInt(p, 6);
const PCT = 100_000_000n;
/** Cohorts: at most 4 decimals. Unit costs: pounds with at most 4 decimals. */
const COHORT = 10_000n;
const UNIT = 10_000n;

/** How optimism bias and deadweight are set: as given, all 0, or all doubled (capped at 100%). */
export type Scenario = 'central' | 'zero' | 'double';

/** A percentage (× 10^6) under the scenario; only shares bounded by 100% are capped. */
function scaled(p: number, scenario: Scenario, cap: boolean): bigint {
  if (scenario === 'zero') return 0n;
  const x = pct6(p);
  if (scenario === 'central') return x;
  return cap && 2n * x > PCT ? PCT : 2n * x;
}

/** Unit value v in pence = units / 100 × start / at, with units = pounds × 10^4. */
interface UnitValue {
  units: bigint;
  start: bigint;
  at: bigint;
}

interface Prepared {
  years: number;
  /** Discount factor of year t = w[t] / W, exactly. */
  w: bigint[];
  W: bigint;
  /** Cost of c in year t = pence[t] × factor / PCT. */
  costs: { partner: string; pence: bigint[]; factor: bigint }[];
  /** Benefit of o in year t = cohort[t] × k / benefitDen, all outcomes over one denominator. */
  outcomes: { type: ValueType; k: bigint; cohort: bigint[]; shares: { partner: string; share: bigint }[]; cashable: bigint }[];
  benefitDen: bigint;
  /** Σ_t pence[t] × w[t] per cost, Σ_t cohort[t] × w[t] per outcome: the same in every scenario. */
  discountedCosts: bigint[];
  discountedCohorts: bigint[];
}

/** The unit value of each outcome, refusing what the database or the index lacks. */
function unitValues(p: Proposal, ctx: CbaContext, problems: ProposalProblem[]): (UnitValue | null)[] {
  const index = p.price_index;
  if (index && index[p.start_year] === undefined)
    problems.push({ field: 'price_index', message: `has no index for start_year ${p.start_year}: add it (the price base of the proposal)` });
  return p.outcomes.map((o, i) => {
    let units: bigint;
    let priceYear: string;
    let field: string;
    if (o.unit_cost_code) {
      const found = ctx.unitCost(o.unit_cost_code);
      const r = found ? dec(found.costGbp) : null;
      if (!found || !r || (r.n * UNIT) % r.d !== 0n) {
        problems.push({ field: `outcomes[${i}].unit_cost_code`, message: `"${o.unit_cost_code}" is not in the unit cost database: pick a code from it or give unit_cost_gbp with price_year` });
        return null;
      }
      units = (r.n * UNIT) / r.d;
      priceYear = found.priceYear.replace('/', '-');
      field = `outcomes[${i}].unit_cost_code`;
    } else {
      units = scaledInt(o.unit_cost_gbp ?? 0, 4);
      priceYear = o.price_year ?? '';
      field = `outcomes[${i}].price_year`;
    }
    if (!index) return { units, start: 1n, at: 1n };
    const at = index[priceYear];
    const base = index[p.start_year];
    if (at === undefined) {
      problems.push({ field, message: `its price year ${priceYear} is not in price_index: add the index for ${priceYear}` });
      return null;
    }
    if (base === undefined) return null;
    return { units, start: scaledInt(base, 6), at: scaledInt(at, 6) };
  });
}

function prepare(p: Proposal, values: (UnitValue | null)[], scenario: Scenario, base?: Prepared): Prepared {
  const rate = reduce(dec(p.discount_rate));
  // 1 + r = (d + n) / d; DF_t = d^t / (d + n)^t = d^t (d + n)^(T-1-t) / (d + n)^(T-1).
  const up = rate.d + rate.n;
  let w = base?.w;
  if (!w) {
    w = [];
    for (let t = 0; t < p.years; t++) w.push(rate.d ** BigInt(t) * up ** BigInt(p.years - 1 - t));
  }
  const costs = p.costs.map((c, j) => ({
    partner: c.partner,
    pence: base ? base.costs[j]!.pence : c.gbp_by_year.map((g) => scaledInt(g, 2)),
    factor: PCT + scaled(c.optimism_bias_pct, scenario, false),
  }));
  // k_o = success/100 × units/100 × start/at × (1 − dw/100) × (1 − ob/100)
  //     = success × units × start × (PCT − dw) × (PCT − ob) / (PCT³ × 100 × at).
  let atLcm = 1n;
  for (const v of values) if (v) atLcm = lcm(atLcm, v.at);
  const outcomes = p.outcomes.map((o, i) => {
    const v = values[i] ?? { units: 0n, start: 1n, at: 1n };
    const k = pct6(o.success_rate_pct) * v.units * v.start * (PCT - scaled(o.deadweight_pct, scenario, true)) * (PCT - scaled(o.optimism_bias_pct, scenario, true)) * (atLcm / v.at);
    return {
      type: o.value_type,
      k,
      cohort: base ? base.outcomes[i]!.cohort : o.cohort_by_year.map((c) => scaledInt(c, 4)),
      shares: o.benefit_to.map((b) => ({ partner: b.partner, share: pct6(b.share_pct) })),
      cashable: pct6(o.cashable_pct),
    };
  });
  const discountedCosts = base?.discountedCosts ?? costs.map((c) => discounted(c.pence, w));
  const discountedCohorts = base?.discountedCohorts ?? outcomes.map((o) => discounted(o.cohort, w));
  return { years: p.years, w, W: base?.W ?? up ** BigInt(p.years - 1), costs, outcomes, benefitDen: PCT * PCT * PCT * 100n * atLcm * COHORT, discountedCosts, discountedCohorts };
}

/** Year-by-year totals as integer numerators over one denominator each. */
interface Yearly {
  costs: bigint[];
  costDen: bigint;
  benefits: Record<ValueType, bigint[]>;
  benefitDen: bigint;
}

function yearly(pr: Prepared): Yearly {
  const T = pr.years;
  const costs = new Array<bigint>(T).fill(0n);
  for (const c of pr.costs) for (let t = 0; t < T; t++) costs[t]! += c.pence[t]! * c.factor;
  const benefits = Object.fromEntries(VALUE_TYPES.map((v) => [v, new Array<bigint>(T).fill(0n)])) as Record<ValueType, bigint[]>;
  for (const o of pr.outcomes) {
    const row = benefits[o.type];
    for (let t = 0; t < T; t++) if (o.cohort[t] !== 0n) row[t]! += o.cohort[t]! * o.k;
  }
  return { costs, costDen: PCT, benefits, benefitDen: pr.benefitDen };
}

const discounted = (xs: bigint[], w: bigint[]): bigint => xs.reduce((s, x, t) => s + x * w[t]!, 0n);

/**
 * NPV under another scenario, from the central preparation: only the cost factors and
 * the per-member values change, so each cost's and each cohort's discounted sum is reused.
 */
function scenarioNpv(p: Proposal, values: (UnitValue | null)[], central: Prepared, scenario: Scenario): Ratio {
  const other = prepare(p, values, scenario, central);
  let c = 0n;
  other.costs.forEach((k, j) => (c += central.discountedCosts[j]! * k.factor));
  let b = 0n;
  other.outcomes.forEach((o, i) => (b += central.discountedCohorts[i]! * o.k));
  return { n: b * PCT - c * other.benefitDen, d: PCT * other.benefitDen * central.W };
}

/** Evaluates a validated proposal. Throws CbaError naming the field when it refers to something missing. */
export function evaluateProposal(p: Proposal, ctx: CbaContext): CbaEvaluation {
  const problems: ProposalProblem[] = [];
  const values = unitValues(p, ctx, problems);
  let drawn: Ratio = ZERO;
  p.draws_on.forEach((d, i) => {
    const a = ctx.lineAmount(d.ref);
    if ('missing' in a) problems.push({ field: `draws_on[${i}].ref`, message: a.missing });
    else drawn = add(drawn, { n: BigInt(a.pence) * pct6(d.share_pct), d: PCT });
  });
  if (problems.length) throw new CbaError(problems);

  const pr = prepare(p, values, 'central');
  const y = yearly(pr);
  const { w, W } = pr;
  const pvCosts: Ratio = { n: discounted(y.costs, w), d: y.costDen * W };
  const pvType = Object.fromEntries(VALUE_TYPES.map((v) => [v, { n: discounted(y.benefits[v], w), d: y.benefitDen * W }])) as Record<ValueType, Ratio>;
  const pvBenefits: Ratio = { n: VALUE_TYPES.reduce((s, v) => s + pvType[v].n, 0n), d: y.benefitDen * W };
  const npv = sub(pvBenefits, pvCosts);

  // Payback: the first year whose cumulative discounted (benefits − costs) is ≥ 0.
  let payback: number | null = null;
  let cumulative = 0n;
  const years: CbaYear[] = [];
  for (let t = 0; t < pr.years; t++) {
    const b = VALUE_TYPES.reduce((s, v) => s + y.benefits[v][t]!, 0n);
    cumulative += (b * y.costDen - y.costs[t]! * y.benefitDen) * w[t]!;
    if (payback === null && cumulative >= 0n) payback = t;
    years.push({ year: t, costs_pence: toPence({ n: y.costs[t]!, d: y.costDen }), benefits_pence: toPence({ n: b, d: y.benefitDen }) });
  }

  return {
    figures: {
      pv_costs_pence: toPence(pvCosts),
      pv_benefits_pence: { total: toPence(pvBenefits), fiscal: toPence(pvType.fiscal), economic: toPence(pvType.economic), social: toPence(pvType.social) },
      npv_pence: toPence(npv),
      bcr_fiscal: ratio4(pvType.fiscal, pvCosts),
      bcr_all: ratio4(pvBenefits, pvCosts),
      roi: ratio4(npv, pvCosts),
      payback_year: payback,
      baseline_drawn_pence: toPence(drawn),
      years,
      by_partner: byPartner(pr),
      sensitivity: {
        low_npv_pence: toPence(scenarioNpv(p, values, pr, 'double')),
        high_npv_pence: toPence(scenarioNpv(p, values, pr, 'zero')),
      },
    },
    notes: p.price_index
      ? [`Benefits are in ${p.start_year} prices (price index given).`]
      : ['No price_index: each benefit is in its unit cost\'s own price year, not in start_year prices.'],
  };
}

/** Who pays, who benefits: PV of costs paid and of benefits received, per partner. */
function byPartner(pr: Prepared): CbaPartner[] {
  // Numerators over fixed denominators: costs / (PCT W), benefits / (benefitDen W PCT),
  // cashable / (benefitDen W PCT²).
  const rows = new Map<string, { partner: string; costs: bigint; benefits: bigint; cashable: bigint }>();
  const row = (name: string) => {
    const key = name.toLowerCase();
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { partner: name, costs: 0n, benefits: 0n, cashable: 0n }));
    return r;
  };
  pr.costs.forEach((c, j) => (row(c.partner).costs += pr.discountedCosts[j]! * c.factor));
  pr.outcomes.forEach((o, i) => {
    const pv = pr.discountedCohorts[i]! * o.k;
    for (const s of o.shares) {
      const r = row(s.partner);
      r.benefits += pv * s.share;
      r.cashable += pv * s.share * o.cashable;
    }
  });
  const costDen = PCT * pr.W;
  const benefitDen = pr.benefitDen * pr.W * PCT;
  return [...rows.values()]
    .sort((a, b) => compareText(a.partner, b.partner))
    .map((r) => ({
      partner: r.partner,
      pv_costs_pence: toPence({ n: r.costs, d: costDen }),
      pv_benefits_pence: toPence({ n: r.benefits, d: benefitDen }),
      pv_cashable_pence: toPence({ n: r.cashable, d: benefitDen * PCT }),
      net_pence: toPence({ n: r.benefits * costDen - r.costs * benefitDen, d: costDen * benefitDen }),
    }));
}
