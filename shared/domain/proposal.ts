// A business-case proposal (issue 17): the proposal.json schema, shared by the
// contract, the engine, the CLI and the screen. Field names are the file's names.
// Every number is read as the decimal it prints as (shared/decimal.ts), so 0.035 is
// exactly 35/1000 and £12.10 is exactly 1210 pence.
import { z } from 'zod';
import { formatCount } from '../money';

export const COST_KINDS = ['revenue', 'capital', 'in_kind'] as const;
export const VALUE_TYPES = ['fiscal', 'economic', 'social'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export type ValueType = (typeof VALUE_TYPES)[number];

export const MAX_YEARS = 30;
/** Per-year pounds in one cost: £1 billion a year is far above any neighbourhood proposal. */
export const MAX_COST_GBP = 1_000_000_000;

const decimalPlaces = (x: number): number => {
  const s = String(x);
  if (/e-/i.test(s)) return 99;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

const text = (max: number) => z.string().trim().max(max);
const label = (max: number) => z.string().trim().min(1, 'is blank').max(max);
const pct = (max: number) => z.number().min(0, `must be 0 or more`).max(max, `must be at most ${max}`).refine((x) => decimalPlaces(x) <= 6, 'has more than 6 decimal places');
const pounds = z
  .number()
  .min(0, 'must be 0 or more')
  .max(MAX_COST_GBP, `must be at most £${formatCount(MAX_COST_GBP)}`)
  .refine((x) => decimalPlaces(x) <= 2, 'is more precise than a penny: use at most 2 decimal places');
const count = z.number().min(0, 'must be 0 or more').max(1e9, 'must be at most 1,000,000,000').refine((x) => decimalPlaces(x) <= 4, 'has more than 4 decimal places');

/** "2025-26": a fiscal year, the second half one more than the first. */
export const fiscalYear = z
  .string()
  .trim()
  .regex(/^\d{4}[-/]\d{2}$/, 'must be a fiscal year like 2025-26')
  .transform((y) => y.replace('/', '-'))
  .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'must be a fiscal year like 2025-26 (the second part one year on)');

export const costSchema = z.strictObject({
  partner: label(200),
  kind: z.enum(COST_KINDS),
  description: text(500).default(''),
  gbp_by_year: z.array(pounds).max(MAX_YEARS),
  optimism_bias_pct: z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').refine((x) => decimalPlaces(x) <= 6, 'has more than 6 decimal places').default(0),
});

export const shareSchema = z.strictObject({ partner: label(200), share_pct: pct(100) });

export const outcomeSchema = z.strictObject({
  description: text(500).default(''),
  unit_cost_code: text(20).optional(),
  unit_cost_gbp: z.number().min(0, 'must be 0 or more').max(MAX_COST_GBP).refine((x) => decimalPlaces(x) <= 4, 'has more than 4 decimal places').optional(),
  price_year: fiscalYear.optional(),
  cohort_by_year: z.array(count).max(MAX_YEARS),
  success_rate_pct: pct(100),
  deadweight_pct: pct(100).default(0),
  optimism_bias_pct: pct(100).default(0),
  value_type: z.enum(VALUE_TYPES),
  cashable_pct: pct(100).default(0),
  benefit_to: z.array(shareSchema).min(1, 'names no partner: say who receives the benefit').max(50),
});

export const drawSchema = z.strictObject({ ref: label(100), share_pct: pct(100) });

const sumTo100 = (xs: number[]): number => {
  // Shares have at most 6 decimals: add them as integers of a millionth.
  const micro = xs.reduce((s, x) => s + Math.round(x * 1_000_000), 0);
  return micro / 1_000_000;
};

export const proposalSchema = z
  .strictObject({
    name: label(100),
    neighbourhood: label(100),
    start_year: fiscalYear,
    years: z.number().int('must be a whole number').min(1, 'must be 1 to 30').max(MAX_YEARS, 'must be 1 to 30'),
    discount_rate: z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1 (100%)').refine((x) => decimalPlaces(x) <= 6, 'has more than 6 decimal places').default(0.035),
    price_index: z.record(fiscalYear, z.number().positive('must be more than 0').max(1e6).refine((x) => decimalPlaces(x) <= 6, 'has more than 6 decimal places')).optional(),
    costs: z.array(costSchema).max(200).default([]),
    outcomes: z.array(outcomeSchema).max(200).default([]),
    draws_on: z.array(drawSchema).max(1000).default([]),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    p.costs.forEach((c, i) => {
      if (c.gbp_by_year.length !== p.years) issue(['costs', i, 'gbp_by_year'], `has ${c.gbp_by_year.length} amounts, not ${p.years} (one per year)`);
    });
    p.outcomes.forEach((o, i) => {
      if (o.cohort_by_year.length !== p.years) issue(['outcomes', i, 'cohort_by_year'], `has ${o.cohort_by_year.length} figures, not ${p.years} (one per year)`);
      const hasCode = o.unit_cost_code !== undefined && o.unit_cost_code !== '';
      if (hasCode && o.unit_cost_gbp !== undefined) issue(['outcomes', i, 'unit_cost_gbp'], 'is given as well as unit_cost_code: give one or the other');
      if (!hasCode && o.unit_cost_gbp === undefined) issue(['outcomes', i, 'unit_cost_gbp'], 'is missing: give unit_cost_code (from the unit cost database) or unit_cost_gbp with price_year');
      if (!hasCode && o.unit_cost_gbp !== undefined && o.price_year === undefined) issue(['outcomes', i, 'price_year'], 'is missing: say which year\'s prices unit_cost_gbp is in, e.g. 2024-25');
      const total = sumTo100(o.benefit_to.map((b) => b.share_pct));
      if (o.benefit_to.length && total !== 100) issue(['outcomes', i, 'benefit_to'], `shares add to ${total}, not 100`);
      const seen = new Set<string>();
      o.benefit_to.forEach((b, j) => {
        const key = b.partner.toLowerCase();
        if (seen.has(key)) issue(['outcomes', i, 'benefit_to', j, 'partner'], `"${b.partner}" is named twice: give each partner one share`);
        seen.add(key);
      });
    });
  });

export type Proposal = z.output<typeof proposalSchema>;
export type ProposalInput = z.input<typeof proposalSchema>;
export type Cost = Proposal['costs'][number];
export type Outcome = Proposal['outcomes'][number];

/** A zod path as the file writes it: outcomes[2].benefit_to */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(the proposal)';
}

export interface ProposalProblem {
  field: string;
  message: string;
}

/** Validates a proposal; problems name the field, e.g. `outcomes[2].benefit_to: shares add to 90, not 100`. */
export function parseProposal(input: unknown): { ok: true; proposal: Proposal } | { ok: false; problems: ProposalProblem[] } {
  const r = proposalSchema.safeParse(input);
  if (r.success) return { ok: true, proposal: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => ({ field: fieldPath(i.path), message: describeIssue(i) })),
  };
}

function describeIssue(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_type') return `must be ${i.expected === 'number' ? 'a number' : i.expected === 'array' ? 'a list' : i.expected === 'string' ? 'text' : `a ${i.expected}`}`;
  if (i.code === 'invalid_value') return `must be one of: ${i.values.map(String).join(', ')}`;
  if (i.code === 'unrecognized_keys') return `has unknown field${i.keys.length === 1 ? '' : 's'} ${i.keys.join(', ')}`;
  return i.message;
}


/** One problem as a line of text: the field, then what is wrong with it. */
export const formatProposalProblem = (p: ProposalProblem): string => `${p.field}: ${p.message}`;
