// A business-case what-if (the Business case screen and the Workshop card): people ×
// a percentage, and points added to every outcome's success rate and optimism bias.
// Pure, so the Workshop's figures and the tests work from the same function.
import type { Draft, Json } from './draft';

export interface WhatIfState {
  /** Cohorts × this percentage. */
  cohortPct: number;
  /** Percentage points added to every success rate (kept within 0–100). */
  successPts: number;
  /** Percentage points added to every outcome's optimism bias (kept within 0–100). */
  biasPts: number;
}

export const NO_WHAT_IF: WhatIfState = { cohortPct: 100, successPts: 0, biasPts: 0 };
export const isNeutral = (w: WhatIfState) => w.cohortPct === 100 && w.successPts === 0 && w.biasPts === 0;

const clampPct = (x: number) => Math.min(100, Math.max(0, Math.round(x * 1e6) / 1e6));
const asNumber = (x: unknown) => (typeof x === 'number' ? x : Number.NaN);

/** The draft with the what-if applied (cohorts kept to 4 decimals, as a proposal holds them). */
export function applyWhatIf(d: Draft, w: WhatIfState): Draft {
  if (isNeutral(w)) return d;
  return {
    ...d,
    outcomes: d.outcomes.map((o): Json => ({
      ...o,
      cohort_by_year: Array.isArray(o.cohort_by_year) ? o.cohort_by_year.map((c) => (typeof c === 'number' ? Math.round(c * w.cohortPct * 100) / 1e4 : c)) : o.cohort_by_year,
      success_rate_pct: Number.isFinite(asNumber(o.success_rate_pct)) ? clampPct(asNumber(o.success_rate_pct) + w.successPts) : o.success_rate_pct,
      optimism_bias_pct: Number.isFinite(asNumber(o.optimism_bias_pct ?? 0)) ? clampPct(asNumber(o.optimism_bias_pct ?? 0) + w.biasPts) : o.optimism_bias_pct,
    })),
  };
}
