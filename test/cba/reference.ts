// An independent business-case implementation for the tests, written straight from
// the formulas with its own exact fractions (reduced after every step), year
// by year, with no common denominators or shortcuts. Slow and plain on purpose.

export class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    if (d === 0n) throw new Error('/0');
    if (d < 0n) [n, d] = [-n, -d];
    let a = n < 0n ? -n : n;
    let b = d;
    while (b) [a, b] = [b, a % b];
    const g = a || 1n;
    this.n = n / g;
    this.d = d / g;
  }
  static of(x: number | string): Q {
    const s = String(x);
    const [int, frac = ''] = s.split('.');
    if (/e/i.test(s)) throw new Error(`exponent in ${s}`);
    return new Q(BigInt(int! + frac), 10n ** BigInt(frac.length));
  }
  plus(o: Q) { return new Q(this.n * o.d + o.n * this.d, this.d * o.d); }
  minus(o: Q) { return new Q(this.n * o.d - o.n * this.d, this.d * o.d); }
  times(o: Q) { return new Q(this.n * o.n, this.d * o.d); }
  over(o: Q) { return new Q(this.n * o.d, this.d * o.n); }
  /** Half away from zero, as the tests' own rounding. */
  round(): number {
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const whole = a / this.d;
    const rem = a - whole * this.d;
    const r = rem * 2n >= this.d ? whole + 1n : whole;
    return Number(neg ? -r : r);
  }
  ge0() { return this.n >= 0n; }
}

const ONE = new Q(1n);
const pct = (x: number) => Q.of(x).over(new Q(100n));

export interface RefProposal {
  start_year: string;
  years: number;
  discount_rate: number;
  price_index?: Record<string, number> | undefined;
  costs: { partner: string; gbp_by_year: number[]; optimism_bias_pct: number }[];
  outcomes: {
    unit_cost_gbp?: number | undefined;
    price_year?: string | undefined;
    cohort_by_year: number[];
    success_rate_pct: number;
    deadweight_pct: number;
    optimism_bias_pct: number;
    value_type: 'fiscal' | 'economic' | 'social';
    cashable_pct: number;
    benefit_to: { partner: string; share_pct: number }[];
  }[];
}

function totals(p: RefProposal, obScale: (x: number, cap: boolean) => number) {
  const r = Q.of(p.discount_rate);
  const df: Q[] = [];
  let f = ONE;
  for (let t = 0; t < p.years; t++) {
    df.push(ONE.over(f));
    f = f.times(ONE.plus(r));
  }
  const v = p.outcomes.map((o) => {
    const unit = Q.of(o.unit_cost_gbp!).times(new Q(100n));
    return p.price_index ? unit.times(Q.of(p.price_index[p.start_year]!)).over(Q.of(p.price_index[o.price_year!]!)) : unit;
  });
  const costT: Q[] = [];
  const benT: Record<string, Q>[] = [];
  const partner = new Map<string, { c: Q; b: Q; cash: Q }>();
  const row = (name: string) => {
    if (!partner.has(name)) partner.set(name, { c: new Q(0n), b: new Q(0n), cash: new Q(0n) });
    return partner.get(name)!;
  };
  for (let t = 0; t < p.years; t++) {
    let c = new Q(0n);
    for (const k of p.costs) {
      const x = Q.of(k.gbp_by_year[t]!).times(new Q(100n)).times(ONE.plus(pct(obScale(k.optimism_bias_pct, false))));
      c = c.plus(x);
      row(k.partner).c = row(k.partner).c.plus(x.times(df[t]!));
    }
    costT.push(c);
    const b: Record<string, Q> = { fiscal: new Q(0n), economic: new Q(0n), social: new Q(0n) };
    p.outcomes.forEach((o, i) => {
      const x = Q.of(o.cohort_by_year[t]!)
        .times(pct(o.success_rate_pct))
        .times(v[i]!)
        .times(ONE.minus(pct(obScale(o.deadweight_pct, true))))
        .times(ONE.minus(pct(obScale(o.optimism_bias_pct, true))));
      b[o.value_type] = b[o.value_type]!.plus(x);
      for (const s of o.benefit_to) {
        const got = x.times(df[t]!).times(pct(s.share_pct));
        row(s.partner).b = row(s.partner).b.plus(got);
        row(s.partner).cash = row(s.partner).cash.plus(got.times(pct(o.cashable_pct)));
      }
    });
    benT.push(b);
  }
  return { df, costT, benT, partner };
}

const ratio4 = (a: Q, b: Q): number | null => (b.n === 0n ? null : a.over(b).times(new Q(10_000n)).round() / 10_000);

export function refEvaluate(p: RefProposal) {
  const { df, costT, benT, partner } = totals(p, (x) => x);
  const sum = (xs: Q[]) => xs.reduce((s, x) => s.plus(x), new Q(0n));
  const pvC = sum(costT.map((c, t) => c.times(df[t]!)));
  const pvT = (k: string) => sum(benT.map((b, t) => b[k]!.times(df[t]!)));
  const pvB = pvT('fiscal').plus(pvT('economic')).plus(pvT('social'));
  const npv = pvB.minus(pvC);
  let cum = new Q(0n);
  let payback: number | null = null;
  for (let t = 0; t < p.years; t++) {
    const b = benT[t]!.fiscal!.plus(benT[t]!.economic!).plus(benT[t]!.social!);
    cum = cum.plus(b.minus(costT[t]!).times(df[t]!));
    if (payback === null && cum.ge0()) payback = t;
  }
  const npvAt = (scale: (x: number, cap: boolean) => number) => {
    const s = totals(p, scale);
    let n = new Q(0n);
    for (let t = 0; t < p.years; t++) {
      const b = s.benT[t]!.fiscal!.plus(s.benT[t]!.economic!).plus(s.benT[t]!.social!);
      n = n.plus(b.minus(s.costT[t]!).times(s.df[t]!));
    }
    return n.round();
  };
  return {
    pv_costs_pence: pvC.round(),
    pv_benefits_pence: { total: pvB.round(), fiscal: pvT('fiscal').round(), economic: pvT('economic').round(), social: pvT('social').round() },
    npv_pence: npv.round(),
    bcr_fiscal: ratio4(pvT('fiscal'), pvC),
    bcr_all: ratio4(pvB, pvC),
    roi: ratio4(npv, pvC),
    payback_year: payback,
    years: costT.map((c, t) => ({ year: t, costs_pence: c.round(), benefits_pence: benT[t]!.fiscal!.plus(benT[t]!.economic!).plus(benT[t]!.social!).round() })),
    by_partner: [...partner.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, r]) => ({ partner: name, pv_costs_pence: r.c.round(), pv_benefits_pence: r.b.round(), pv_cashable_pence: r.cash.round(), net_pence: r.b.minus(r.c).round() })),
    sensitivity: {
      low_npv_pence: npvAt((x, cap) => (cap ? Math.min(100, x * 2) : x * 2)),
      high_npv_pence: npvAt(() => 0),
    },
  };
}
