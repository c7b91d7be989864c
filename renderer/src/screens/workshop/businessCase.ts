// The Workshop's business-case what-if, worked out in the renderer by the same exact
// engine as `cba --json` (shared/engine/cba): no round trip per slider step, and nothing
// saved. The backend gives the proposal (cba.get) and the unit costs its codes name
// (cba.unitCosts); the engine does the rest.
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatProposalProblem, parseProposal } from '../../../../shared/domain/proposal';
import { CbaError, evaluateProposal, type CbaContext, type CbaEvaluation, type UnitCostLookup } from '../../../../shared/engine/cba';
import { call } from '../../api/client';
import type { Draft } from '../business-case/draft';
import { applyWhatIf, type WhatIfState } from '../business-case/WhatIf';

export interface CbaInputs {
  proposal: Draft;
  /** By code, upper case (the database's codes are matched ignoring case). */
  unitCosts: ReadonlyMap<string, UnitCostLookup>;
}

type Found = MethodOutput<'cba.unitCosts'>['entries'][number];

/** The saved proposal and every unit cost it refers to. */
export async function loadCbaInputs(name: string): Promise<CbaInputs> {
  const proposal = (await call('cba.get', { name })) as Draft;
  const codes = [...new Set(proposal.outcomes.flatMap((o) => (typeof o.unit_cost_code === 'string' && o.unit_cost_code ? [o.unit_cost_code.trim().toUpperCase()] : [])))];
  const unitCosts = new Map<string, UnitCostLookup>();
  await Promise.all(
    codes.map(async (code) => {
      // The search matches words anywhere; the code itself picks the one entry.
      const r = await call('cba.unitCosts', { words: code, limit: 1000 });
      const u = r.entries.find((e: Found) => e.code.toUpperCase() === code);
      if (u) unitCosts.set(code, { costGbp: u.cost_gbp, priceYear: u.price_year });
    }),
  );
  return { proposal, unitCosts };
}

export type CbaOutcome = { ok: true; evaluation: CbaEvaluation } | { ok: false; problems: string[] };

/**
 * The proposal's figures under the what-if. Lines of the baseline drawn on are left out:
 * they feed only "existing spend drawn on", which the Workshop card does not show and a
 * what-if on people, success or optimism bias cannot move.
 */
export function evaluateWhatIf(inputs: CbaInputs, w: WhatIfState): CbaOutcome {
  const parsed = parseProposal(applyWhatIf(inputs.proposal, w));
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map(formatProposalProblem) };
  const ctx: CbaContext = {
    unitCost: (code) => inputs.unitCosts.get(code.trim().toUpperCase()),
    lineAmount: () => ({ missing: 'not needed for these figures' }),
  };
  try {
    return { ok: true, evaluation: evaluateProposal({ ...parsed.proposal, draws_on: [] }, ctx) };
  } catch (e) {
    if (e instanceof CbaError) return { ok: false, problems: e.problems.map(formatProposalProblem) };
    throw e;
  }
}
