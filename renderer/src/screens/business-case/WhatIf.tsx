// What if: the proposal's figures with more or fewer people, a higher or lower success
// rate, or more or less optimism bias on every outcome. Tried on the engine only: the
// saved proposal does not change.
import { isNeutral, NO_WHAT_IF, type WhatIfState } from './proposalWhatIf';

export { applyWhatIf, isNeutral, NO_WHAT_IF, type WhatIfState } from './proposalWhatIf';

/** `title` names the panel where another what-if panel shares the screen (the Workshop). */
export function WhatIfPanel({ value, onChange, title = 'What if' }: { value: WhatIfState; onChange: (w: WhatIfState) => void; title?: string }) {
  const slider = (label: string, key: keyof WhatIfState, min: number, max: number, unit: string) => (
    <label className="cba-whatif-item">
      {label}: <strong>{key === 'cohortPct' ? `${value[key]}%` : `${value[key] > 0 ? '+' : ''}${value[key]} ${unit}`}</strong>
      <input type="range" aria-label={label} min={min} max={max} step={1} value={value[key]} onChange={(e) => onChange({ ...value, [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <aside className="cba-whatif" aria-label={title}>
      <h2>{title}</h2>
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
