// The Workshop's business-case what-if, worked out in the renderer by the same exact
// engine as `cba --json` (shared/engine/cba): no round trip per slider step, and nothing
// saved. The backend gives the proposal and the unit costs its codes name
// (businessCaseInputs.ts); the engine does the rest. Pure: tested in Node.
import { formatProposalProblem, parseProposal } from '../../../../shared/domain/proposal';
import { CbaError, evaluateProposal, type CbaContext, type CbaEvaluation, type CbaFigures, type UnitCostLookup } from '../../../../shared/engine/cba';
import { cbaMoney } from '../../charts/cba';
import type { Draft } from '../business-case/draft';
import { applyWhatIf, type WhatIfState } from '../business-case/proposalWhatIf';
import type { FigureTable } from './series';

export interface CbaInputs {
  proposal: Draft;
  /** By code, upper case (the database's codes are matched ignoring case). */
  unitCosts: ReadonlyMap<string, UnitCostLookup>;
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

/** The figures behind the two charts, as tables (the card's "Show figures" and the PDF). */
export function yearsTable(f: CbaFigures): FigureTable {
  return {
    columns: [{ label: 'Year' }, { label: 'Costs', num: true }, { label: 'Benefits', num: true }],
    rows: f.years.map((y) => [`Year ${y.year}`, cbaMoney(y.costs_pence), cbaMoney(y.benefits_pence)]),
  };
}

export function partnersTable(f: CbaFigures): FigureTable {
  return {
    columns: [{ label: 'Partner' }, { label: 'Pays (PV)', num: true }, { label: 'Benefits (PV)', num: true }, { label: 'of which cashable', num: true }, { label: 'Net', num: true }],
    rows: f.by_partner.map((p) => [p.partner, cbaMoney(p.pv_costs_pence), cbaMoney(p.pv_benefits_pence), cbaMoney(p.pv_cashable_pence), cbaMoney(p.net_pence)]),
  };
}
