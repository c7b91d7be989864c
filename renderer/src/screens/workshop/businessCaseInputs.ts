// What the Workshop's business-case what-if works from: the saved proposal (cba.get) and
// the unit costs its codes name (cba.unitCosts), fetched once per proposal.
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { UnitCostLookup } from '../../../../shared/engine/cba';
import { call } from '../../api/client';
import type { Draft } from '../business-case/draft';
import type { CbaInputs } from './businessCase';

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
