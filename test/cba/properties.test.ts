// The engine against the independent exact implementation (reference.ts) on generated
// proposals: every reported figure equal, to the penny and to the 4th decimal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProposal } from '../../shared/domain/proposal';
import { evaluateProposal } from '../../shared/engine/cba';
import { refEvaluate, type RefProposal } from './reference';

// Partner names without case twins or locale ordering questions: plain capitalised words.
const partners = ['Council', 'Fire', 'Health', 'Police', 'Residents', 'Schools'];
const decimal = (max: number, places: number) => fc.integer({ min: 0, max: max * 10 ** places }).map((n) => n / 10 ** places);
const years = ['2010-11', '2015-16', '2020-21', '2025-26'];

const shares = fc
  .subarray(partners, { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: names.length, maxLength: names.length }).map((ws) => {
      // Shares in tenths of a percent that add to exactly 100.
      const total = ws.reduce((s, x) => s + x, 0);
      const tenths = ws.map((x) => Math.floor((x * 1000) / total));
      tenths[0]! += 1000 - tenths.reduce((s, x) => s + x, 0);
      return names.map((partner, i) => ({ partner, share_pct: tenths[i]! / 10 }));
    }),
  )
  .filter((bs) => bs.every((b) => b.share_pct > 0));

const proposal = fc.integer({ min: 1, max: 12 }).chain((T) =>
  fc.record({
    name: fc.constant('P'),
    neighbourhood: fc.constant('N'),
    start_year: fc.constant('2025-26'),
    years: fc.constant(T),
    discount_rate: fc.oneof(fc.constant(0.035), decimal(0.2, 3), fc.constant(0)),
    price_index: fc.option(
      fc.tuple(...years.map(() => decimal(200, 2).filter((x) => x > 0))).map((xs) => Object.fromEntries(years.map((y, i) => [y, xs[i]!]))),
      { nil: undefined },
    ),
    costs: fc.array(
      fc.record({
        partner: fc.constantFrom(...partners),
        kind: fc.constantFrom('revenue' as const, 'capital' as const, 'in_kind' as const),
        gbp_by_year: fc.array(decimal(100_000, 2), { minLength: T, maxLength: T }),
        optimism_bias_pct: fc.oneof(fc.constant(0), decimal(200, 1)),
      }),
      { maxLength: 4 },
    ),
    outcomes: fc.array(
      fc.record({
        unit_cost_gbp: decimal(50_000, 2),
        price_year: fc.constantFrom(...years),
        cohort_by_year: fc.array(decimal(500, 1), { minLength: T, maxLength: T }),
        success_rate_pct: decimal(100, 1),
        deadweight_pct: decimal(100, 1),
        optimism_bias_pct: decimal(100, 2),
        value_type: fc.constantFrom('fiscal' as const, 'economic' as const, 'social' as const),
        cashable_pct: decimal(100, 0),
        benefit_to: shares,
      }),
      { maxLength: 4 },
    ),
  }),
);

describe('business case engine', () => {
  it('equals the independent exact implementation on generated proposals', () => {
    fc.assert(
      fc.property(proposal, (input) => {
        const parsed = parseProposal(input);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const { figures } = evaluateProposal(parsed.proposal, { unitCost: () => undefined, lineAmount: () => ({ pence: 0 }) });
        const { baseline_drawn_pence, ...rest } = figures;
        expect(baseline_drawn_pence).toBe(0);
        expect(rest).toEqual(refEvaluate(input as RefProposal));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer however the costs and outcomes are ordered', () => {
    fc.assert(
      fc.property(proposal, (input) => {
        const ctx = { unitCost: () => undefined, lineAmount: () => ({ pence: 0 }) };
        const a = parseProposal(input);
        const b = parseProposal({ ...input, costs: [...input.costs].reverse(), outcomes: [...input.outcomes].reverse() });
        if (!a.ok || !b.ok) throw new Error('invalid');
        expect(evaluateProposal(b.proposal, ctx).figures).toEqual(evaluateProposal(a.proposal, ctx).figures);
      }),
      { numRuns: 100 },
    );
  });
});
