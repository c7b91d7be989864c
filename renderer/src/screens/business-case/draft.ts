// The proposal being edited: proposal.json as loose JSON (the backend validates it and
// names any bad field), with helpers that keep every per-year list as long as `years`.
import type { Confidence } from '../../../../shared/domain/types';

export type Json = Record<string, unknown>;
export interface Draft extends Json {
  name: string;
  neighbourhood: string;
  start_year: string;
  years: number;
  discount_rate: number;
  costs: Json[];
  outcomes: Json[];
  draws_on: Json[];
}

/** The financial year a new proposal starts in: the project's year, or this one. */
export function blankProposal(name: string, neighbourhood: string, startYear: string): Draft {
  return {
    name,
    neighbourhood,
    start_year: startYear,
    years: 3,
    discount_rate: 0.035,
    costs: [blankCost(3)],
    outcomes: [],
    draws_on: [],
  };
}

export const blankCost = (years: number): Json => ({ partner: '', kind: 'revenue', description: '', gbp_by_year: new Array(years).fill(0), optimism_bias_pct: 0 });
export const blankOutcome = (years: number): Json => ({
  description: '',
  unit_cost_gbp: 0,
  price_year: '',
  cohort_by_year: new Array(years).fill(0),
  success_rate_pct: 50,
  deadweight_pct: 0,
  optimism_bias_pct: 0,
  value_type: 'fiscal',
  cashable_pct: 0,
  benefit_to: [{ partner: '', share_pct: 100 }],
});

const resize = (xs: unknown, n: number): unknown[] => {
  const a = Array.isArray(xs) ? xs.slice(0, n) : [];
  while (a.length < n) a.push(0);
  return a;
};

/** The draft with `years` changed and every per-year list cut or padded with zeros. */
export function withYears(d: Draft, years: number): Draft {
  const n = Number.isInteger(years) && years >= 1 && years <= 30 ? years : d.years;
  return {
    ...d,
    years,
    costs: d.costs.map((c) => ({ ...c, gbp_by_year: resize(c.gbp_by_year, n) })),
    outcomes: d.outcomes.map((o) => ({ ...o, cohort_by_year: resize(o.cohort_by_year, n) })),
  };
}

/** A typed number, or the text itself so the backend can say what is wrong with it. */
export function numberOf(text: string): number | string {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return 0;
  const x = Number(t);
  return Number.isFinite(x) ? x : text;
}

/** Optimism bias suggested for an outcome from the confidence of its evidence (editable). */
export const DEFAULT_BIAS: Record<Confidence, number> = { green: 10, amber: 25, red: 40 };

/** The least confident RAG among lines: the evidence is as strong as its weakest part. */
export function weakest(confidences: Confidence[]): Confidence {
  return confidences.includes('red') ? 'red' : confidences.includes('amber') ? 'amber' : confidences.length ? 'green' : 'amber';
}
