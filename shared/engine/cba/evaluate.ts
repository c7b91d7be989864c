// The business case (issue 17, docs/method.md §Business case): a proposal's costs and
// benefits by year, discounted, by value type and by partner. Pure and exact: every
// figure is a BigInt ratio until it is reported, then rounded half up once.
import { add, mul, ratio, reduce, sub, type Ratio } from '../../decimal';
import { VALUE_TYPES, type Proposal, type ProposalProblem, type ValueType } from '../../domain/proposal';
import { compareText } from '../order';
import { commonDenominator, dec, lcm, ratio4, toPence } from './exact';

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
const HUNDRED: Ratio = { n: 100n, d: 1n };
const pctOf = (pct: number): Ratio => {
  const r = dec(pct);
  return reduce({ n: r.n, d: r.d * 100n });
};
const oneMinus = (pct: Ratio): Ratio => sub({ n: 1n, d: 1n }, pct);

/** How optimism bias and deadweight are set: as given, all 0, or all doubled (capped at 100%). */
export type Scenario = 'central' | 'zero' | 'double';

/** A percentage as a fraction under the scenario; only shares bounded by 100% are capped. */
function scaled(pct: number, scenario: Scenario, cap: boolean): Ratio {
  if (scenario === 'zero') return ZERO;
  const r = pctOf(pct);
  if (scenario === 'central') return r;
  const doubled = reduce({ n: r.n * 2n, d: r.d });
  return cap && doubled.n > doubled.d ? { n: 1n, d: 1n } : doubled;
}

interface PreparedOutcome {
  type: ValueType;
  /** Pence of benefit per unit of cohort, net of success, deadweight and optimism bias. */
  k: Ratio;
  cohort: Ratio[];
  shares: { partner: string; share: Ratio }[];
  cashable: Ratio;
}

interface Prepared {
  years: number;
  /** Discount factor of year t = w[t] / W, exactly. */
  w: bigint[];
  W: bigint;
  costs: { partner: string; pence: bigint[]; factor: Ratio }[];
  outcomes: PreparedOutcome[];
}

/** Unit value v in pence: the unit cost, re-based to start_year when a price index is given. */
function unitValues(p: Proposal, ctx: CbaContext, problems: ProposalProblem[]): (Ratio | null)[] {
  const index = p.price_index;
  if (index && index[p.start_year] === undefined)
    problems.push({ field: 'price_index', message: `has no index for start_year ${p.start_year}: add it (the price base of the proposal)` });
  return p.outcomes.map((o, i) => {
    let gbp: Ratio;
    let priceYear: string;
    let field: string;
    if (o.unit_cost_code) {
      const found = ctx.unitCost(o.unit_cost_code);
      if (!found) {
        problems.push({ field: `outcomes[${i}].unit_cost_code`, message: `"${o.unit_cost_code}" is not in the unit cost database: pick a code from it or give unit_cost_gbp with price_year` });
        return null;
      }
      gbp = dec(found.costGbp);
      priceYear = found.priceYear.replace('/', '-');
      field = `outcomes[${i}].unit_cost_code`;
    } else {
      gbp = dec(o.unit_cost_gbp ?? 0);
      priceYear = o.price_year ?? '';
      field = `outcomes[${i}].price_year`;
    }
    const pence = mul(gbp, HUNDRED);
    if (!index) return pence;
    const at = index[priceYear];
    const base = index[p.start_year];
    if (at === undefined) {
      problems.push({ field, message: `its price year ${priceYear} is not in price_index: add the index for ${priceYear}` });
      return null;
    }
    if (base === undefined) return null;
    return reduce(mul(pence, { n: dec(base).n * dec(at).d, d: dec(base).d * dec(at).n }));
  });
}

function prepare(p: Proposal, values: (Ratio | null)[], scenario: Scenario): Prepared {
  const rate = dec(p.discount_rate);
  // 1 + r = (d + n) / d; DF_t = d^t / (d + n)^t = d^t (d + n)^(T-1-t) / (d + n)^(T-1).
  const up = rate.d + rate.n;
  const w: bigint[] = [];
  for (let t = 0; t < p.years; t++) w.push(rate.d ** BigInt(t) * up ** BigInt(p.years - 1 - t));
  const costs = p.costs.map((c) => ({
    partner: c.partner,
    pence: c.gbp_by_year.map((g) => { const r = dec(g); return (r.n * 100n) / r.d; }),
    factor: add({ n: 1n, d: 1n }, scaled(c.optimism_bias_pct, scenario, false)),
  }));
  const outcomes = p.outcomes.map((o, i): PreparedOutcome => {
    const dw = scaled(o.deadweight_pct, scenario, true);
    const ob = scaled(o.optimism_bias_pct, scenario, true);
    const k = reduce(mul(mul(mul(pctOf(o.success_rate_pct), values[i] ?? ZERO), oneMinus(dw)), oneMinus(ob)));
    return {
      type: o.value_type,
      k,
      cohort: o.cohort_by_year.map((c) => dec(c)),
      shares: o.benefit_to.map((b) => ({ partner: b.partner, share: pctOf(b.share_pct) })),
      cashable: pctOf(o.cashable_pct),
    };
  });
  return { years: p.years, w, W: up ** BigInt(p.years - 1), costs, outcomes };
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
  const cf = commonDenominator(pr.costs.map((c) => c.factor));
  const costs = new Array<bigint>(T).fill(0n);
  pr.costs.forEach((c, j) => {
    const f = cf.nums[j]!;
    for (let t = 0; t < T; t++) costs[t]! += c.pence[t]! * f;
  });
  // Benefit of outcome o in year t = cohort[t] × k: one denominator for all of them.
  let den = 1n;
  for (const o of pr.outcomes) for (const c of o.cohort) den = lcm(den, c.d * o.k.d);
  const benefits = Object.fromEntries(VALUE_TYPES.map((v) => [v, new Array<bigint>(T).fill(0n)])) as Record<ValueType, bigint[]>;
  for (const o of pr.outcomes) {
    const row = benefits[o.type];
    for (let t = 0; t < T; t++) {
      const c = o.cohort[t]!;
      if (c.n !== 0n) row[t]! += c.n * o.k.n * (den / (c.d * o.k.d));
    }
  }
  return { costs, costDen: cf.den, benefits, benefitDen: den };
}

const discounted = (xs: bigint[], w: bigint[]): bigint => xs.reduce((s, x, t) => s + x * w[t]!, 0n);

function npvOnly(pr: Prepared): Ratio {
  const y = yearly(pr);
  const b = VALUE_TYPES.reduce((s, v) => s + discounted(y.benefits[v], pr.w), 0n);
  const c = discounted(y.costs, pr.w);
  return { n: b * y.costDen - c * y.benefitDen, d: y.costDen * y.benefitDen * pr.W };
}

/** Evaluates a validated proposal. Throws CbaError naming the field when it refers to something missing. */
export function evaluateProposal(p: Proposal, ctx: CbaContext): CbaEvaluation {
  const problems: ProposalProblem[] = [];
  const values = unitValues(p, ctx, problems);
  let drawn: Ratio = ZERO;
  p.draws_on.forEach((d, i) => {
    const a = ctx.lineAmount(d.ref);
    if ('missing' in a) problems.push({ field: `draws_on[${i}].ref`, message: a.missing });
    else drawn = add(drawn, mul(ratio(BigInt(a.pence)), pctOf(d.share_pct)));
  });
  if (problems.length) throw new CbaError(problems);

  const pr = prepare(p, values, 'central');
  const y = yearly(pr);
  const { w, W } = pr;
  const pvCosts: Ratio = { n: discounted(y.costs, w), d: y.costDen * W };
  const pvType = Object.fromEntries(VALUE_TYPES.map((v) => [v, { n: discounted(y.benefits[v], w), d: y.benefitDen * W }])) as Record<ValueType, Ratio>;
  const pvBenefits = VALUE_TYPES.reduce((s, v) => add(s, pvType[v]), ZERO);
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
        low_npv_pence: toPence(npvOnly(prepare(p, values, 'double'))),
        high_npv_pence: toPence(npvOnly(prepare(p, values, 'zero'))),
      },
    },
    notes: p.price_index
      ? [`Benefits are in ${p.start_year} prices (price index given).`]
      : ['No price_index: each benefit is in its unit cost\'s own price year, not in start_year prices.'],
  };
}

/** Who pays, who benefits: PV of costs paid and of benefits received, per partner. */
function byPartner(pr: Prepared): CbaPartner[] {
  const rows = new Map<string, { partner: string; costs: Ratio; benefits: Ratio; cashable: Ratio }>();
  const row = (name: string) => {
    const key = name.toLowerCase();
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { partner: name, costs: ZERO, benefits: ZERO, cashable: ZERO }));
    return r;
  };
  for (const c of pr.costs) {
    const r = row(c.partner);
    r.costs = reduce(add(r.costs, { n: discounted(c.pence, pr.w) * c.factor.n, d: c.factor.d * pr.W }));
  }
  for (const o of pr.outcomes) {
    let den = 1n;
    for (const c of o.cohort) den = lcm(den, c.d);
    const pv = reduce({ n: o.cohort.reduce((s, c, t) => s + c.n * (den / c.d) * pr.w[t]!, 0n) * o.k.n, d: den * o.k.d * pr.W });
    for (const s of o.shares) {
      const r = row(s.partner);
      const received = mul(pv, s.share);
      r.benefits = reduce(add(r.benefits, received));
      r.cashable = reduce(add(r.cashable, mul(received, o.cashable)));
    }
  }
  return [...rows.values()]
    .sort((a, b) => compareText(a.partner, b.partner))
    .map((r) => ({
      partner: r.partner,
      pv_costs_pence: toPence(r.costs),
      pv_benefits_pence: toPence(r.benefits),
      pv_cashable_pence: toPence(r.cashable),
      net_pence: toPence(sub(r.benefits, r.costs)),
    }));
}
