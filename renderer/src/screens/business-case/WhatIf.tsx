// What if: the proposal's figures with more or fewer people, a higher or lower success
// rate, or more or less optimism bias on every outcome. Tried on the engine only: the
// saved proposal does not change.
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

/** `label` names the panel where another what-if panel shares the screen (the Workshop). */
export function WhatIfPanel({ value, onChange, label = 'What if' }: { value: WhatIfState; onChange: (w: WhatIfState) => void; label?: string }) {
  const slider = (label: string, key: keyof WhatIfState, min: number, max: number, unit: string) => (
    <label className="cba-whatif-item">
      {label}: <strong>{key === 'cohortPct' ? `${value[key]}%` : `${value[key] > 0 ? '+' : ''}${value[key]} ${unit}`}</strong>
      <input type="range" aria-label={label} min={min} max={max} step={1} value={value[key]} onChange={(e) => onChange({ ...value, [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <aside className="cba-whatif" aria-label={label}>
      <h2>{label}</h2>
      {slider('People or events', 'cohortPct', 0, 200, '')}
      {slider('Success rate', 'successPts', -50, 50, 'points')}
      {slider('Optimism bias', 'biasPts', -50, 50, 'points')}
      {!isNeutral(value) && (
        <p className="cba-whatif-note" role="status">
          Figures below include this what-if; the saved proposal is unchanged. <button onClick={() => onChange(NO_WHAT_IF)}>Reset</button>
        </p>
      )}
    </aside>
  );
}
