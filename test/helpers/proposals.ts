// The one-year worked example (test/cba/worked-examples.test.ts works every figure by
// hand): also the proposal the CLI tests drive, drawing on the lines they name.
import type { ProposalInput } from '../../shared/domain/proposal';

export function oneYearProposal(drawsOn: ProposalInput['draws_on']): ProposalInput {
  return {
    name: 'Early help hub',
    neighbourhood: 'North',
    start_year: '2025-26',
    years: 1,
    costs: [{ partner: 'Council', kind: 'revenue', description: 'two workers', gbp_by_year: [10_000], optimism_bias_pct: 10 }],
    outcomes: [
      {
        description: 'incidents avoided',
        unit_cost_gbp: 500,
        price_year: '2025-26',
        cohort_by_year: [80],
        success_rate_pct: 50,
        deadweight_pct: 20,
        optimism_bias_pct: 10,
        value_type: 'fiscal',
        cashable_pct: 50,
        benefit_to: [{ partner: 'Police', share_pct: 100 }],
      },
    ],
    draws_on: drawsOn,
  };
}
