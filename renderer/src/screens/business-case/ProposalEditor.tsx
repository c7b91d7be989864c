// The proposal form: basics, costs by partner and year, outcomes (unit cost from the
// database or typed, cohort by year, rates, who benefits) and the baseline lines drawn on.
import { useState } from 'react';
import type { Confidence } from '../../../../shared/domain/types';
import { BiasTable } from './BiasTable';
import { blankCost, blankOutcome, numberOf, withYears, type Draft, type Json } from './draft';
import { UnitCostPicker } from './UnitCostPicker';

interface Props {
  draft: Draft;
  onChange: (d: Draft) => void;
  neighbourhoods: string[];
  bias: Record<Confidence, number>;
  onBias: (t: Record<Confidence, number>) => void;
  suggestedConfidence: Confidence;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function NumberInput({ label, value, onChange, width = 7 }: { label: string; value: unknown; onChange: (v: number | string) => void; width?: number }) {
  return <input aria-label={label} className="num" style={{ width: `${width}em` }} value={text(value)} onChange={(e) => onChange(numberOf(e.target.value))} />;
}

function YearInputs({ label, values, onChange }: { label: string; values: unknown[]; onChange: (v: unknown[]) => void }) {
  return (
    <div className="cba-years">
      {values.map((v, t) => (
        <NumberInput key={t} label={`${label}, year ${t}`} value={v} width={6} onChange={(x) => onChange(values.map((y, i) => (i === t ? x : y)))} />
      ))}
    </div>
  );
}

export function ProposalEditor({ draft, onChange, neighbourhoods, bias, onBias, suggestedConfidence }: Props) {
  const [picking, setPicking] = useState<number | null>(null);
  const [confidence, setConfidence] = useState<Record<number, Confidence>>({});
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const setCost = (i: number, patch: Json) => set({ costs: draft.costs.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setOutcome = (i: number, patch: Json) => set({ outcomes: draft.outcomes.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  const setDraw = (i: number, patch: Json) => set({ draws_on: draft.draws_on.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const n = Number.isInteger(draft.years) ? draft.years : 1;

  return (
    <div className="cba-editor">
      <fieldset>
        <legend>Proposal</legend>
        <label>
          Name <input aria-label="Proposal name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label>
          Neighbourhood{' '}
          <select aria-label="Neighbourhood" value={draft.neighbourhood} onChange={(e) => set({ neighbourhood: e.target.value })}>
            {neighbourhoods.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          Start year <input aria-label="Start year" size={8} value={draft.start_year} onChange={(e) => set({ start_year: e.target.value })} />
        </label>
        <label>
          Years <NumberInput label="Years" value={draft.years} width={4} onChange={(v) => onChange(withYears(draft, Number(v)))} />
        </label>
        <label>
          Discount rate <NumberInput label="Discount rate" value={draft.discount_rate} width={5} onChange={(v) => set({ discount_rate: v as number })} />
        </label>
      </fieldset>

      <fieldset>
        <legend>Costs (pounds by year, year 0 first)</legend>
        {draft.costs.map((c, i) => (
          <div className="cba-row" key={i} data-testid={`cost-${i}`}>
            <input aria-label={`Cost ${i + 1} partner`} placeholder="Partner" value={text(c.partner)} onChange={(e) => setCost(i, { partner: e.target.value })} />
            <select aria-label={`Cost ${i + 1} kind`} value={text(c.kind)} onChange={(e) => setCost(i, { kind: e.target.value })}>
              <option value="revenue">revenue</option>
              <option value="capital">capital</option>
              <option value="in_kind">in kind (e.g. volunteer time)</option>
            </select>
            <input aria-label={`Cost ${i + 1} description`} placeholder="What it pays for" value={text(c.description)} onChange={(e) => setCost(i, { description: e.target.value })} />
            <label>
              Optimism bias % <NumberInput label={`Cost ${i + 1} optimism bias %`} value={c.optimism_bias_pct} width={4} onChange={(v) => setCost(i, { optimism_bias_pct: v })} />
            </label>
            <YearInputs label={`Cost ${i + 1} pounds`} values={(c.gbp_by_year as unknown[]) ?? []} onChange={(v) => setCost(i, { gbp_by_year: v })} />
            <button aria-label={`Remove cost ${i + 1}`} onClick={() => set({ costs: draft.costs.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button onClick={() => set({ costs: [...draft.costs, blankCost(n)] })}>Add a cost</button>
      </fieldset>

      <fieldset>
        <legend>Outcomes</legend>
        <BiasTable table={bias} onChange={onBias} />
        {draft.outcomes.map((o, i) => {
          const conf = confidence[i] ?? suggestedConfidence;
          const coded = typeof o.unit_cost_code === 'string' && o.unit_cost_code !== '';
          return (
            <div className="cba-outcome" key={i} data-testid={`outcome-${i}`}>
              <div className="cba-row">
                <input aria-label={`Outcome ${i + 1} description`} placeholder="What changes for whom" value={text(o.description)} onChange={(e) => setOutcome(i, { description: e.target.value })} />
                {coded ? (
                  <span data-testid={`outcome-${i}-code`}>
                    Unit cost <strong>{text(o.unit_cost_code)}</strong>
                  </span>
                ) : (
                  <>
                    <label>
                      Unit cost £ <NumberInput label={`Outcome ${i + 1} unit cost £`} value={o.unit_cost_gbp} onChange={(v) => setOutcome(i, { unit_cost_gbp: v })} />
                    </label>
                    <label>
                      in prices of <input aria-label={`Outcome ${i + 1} price year`} size={8} value={text(o.price_year)} onChange={(e) => setOutcome(i, { price_year: e.target.value })} />
                    </label>
                  </>
                )}
                <button onClick={() => setPicking(i)}>Pick from the unit cost database</button>
                {coded && <button onClick={() => setOutcome(i, { unit_cost_code: undefined, unit_cost_gbp: 0, price_year: draft.start_year })}>Type a cost instead</button>}
                <select aria-label={`Outcome ${i + 1} value type`} value={text(o.value_type)} onChange={(e) => setOutcome(i, { value_type: e.target.value })}>
                  <option value="fiscal">fiscal</option>
                  <option value="economic">economic</option>
                  <option value="social">social</option>
                </select>
              </div>
              {picking === i && (
                <UnitCostPicker
                  onClose={() => setPicking(null)}
                  onPick={(u) => {
                    const { unit_cost_gbp: _g, price_year: _y, ...rest } = o;
                    void _g;
                    void _y;
                    set({ outcomes: draft.outcomes.map((x, j) => (j === i ? { ...rest, unit_cost_code: u.code, description: text(o.description) || u.description } : x)) });
                    setPicking(null);
                  }}
                />
              )}
              <div className="cba-row">
                <label>
                  Success % <NumberInput label={`Outcome ${i + 1} success %`} value={o.success_rate_pct} width={4} onChange={(v) => setOutcome(i, { success_rate_pct: v })} />
                </label>
                <label>
                  Deadweight % <NumberInput label={`Outcome ${i + 1} deadweight %`} value={o.deadweight_pct} width={4} onChange={(v) => setOutcome(i, { deadweight_pct: v })} />
                </label>
                <label>
                  Evidence{' '}
                  <select aria-label={`Outcome ${i + 1} evidence confidence`} value={conf} onChange={(e) => setConfidence({ ...confidence, [i]: e.target.value as Confidence })}>
                    <option value="green">green</option>
                    <option value="amber">amber</option>
                    <option value="red">red</option>
                  </select>
                </label>
                <label>
                  Optimism bias % <NumberInput label={`Outcome ${i + 1} optimism bias %`} value={o.optimism_bias_pct} width={4} onChange={(v) => setOutcome(i, { optimism_bias_pct: v })} />
                </label>
                <button onClick={() => setOutcome(i, { optimism_bias_pct: bias[conf] })}>Use suggested {bias[conf]}%</button>
                <label>
                  Cashable % <NumberInput label={`Outcome ${i + 1} cashable %`} value={o.cashable_pct} width={4} onChange={(v) => setOutcome(i, { cashable_pct: v })} />
                </label>
              </div>
              <div className="cba-row">
                <span>People or events by year</span>
                <YearInputs label={`Outcome ${i + 1} cohort`} values={(o.cohort_by_year as unknown[]) ?? []} onChange={(v) => setOutcome(i, { cohort_by_year: v })} />
              </div>
              <div className="cba-row">
                <span>Who benefits</span>
                {((o.benefit_to as Json[]) ?? []).map((b, j) => (
                  <span key={j} className="cba-share">
                    <input aria-label={`Outcome ${i + 1} beneficiary ${j + 1} partner`} placeholder="Partner" value={text(b.partner)} onChange={(e) => setOutcome(i, { benefit_to: (o.benefit_to as Json[]).map((x, k) => (k === j ? { ...x, partner: e.target.value } : x)) })} />
                    <NumberInput label={`Outcome ${i + 1} beneficiary ${j + 1} share %`} value={b.share_pct} width={4} onChange={(v) => setOutcome(i, { benefit_to: (o.benefit_to as Json[]).map((x, k) => (k === j ? { ...x, share_pct: v } : x)) })} />%
                  </span>
                ))}
                <button onClick={() => setOutcome(i, { benefit_to: [...((o.benefit_to as Json[]) ?? []), { partner: '', share_pct: 0 }] })}>Add a beneficiary</button>
              </div>
              <button aria-label={`Remove outcome ${i + 1}`} onClick={() => set({ outcomes: draft.outcomes.filter((_, j) => j !== i) })}>
                Remove outcome
              </button>
            </div>
          );
        })}
        <button onClick={() => set({ outcomes: [...draft.outcomes, { ...blankOutcome(n), price_year: draft.start_year, optimism_bias_pct: bias[suggestedConfidence] }] })}>Add an outcome</button>
      </fieldset>

      <fieldset>
        <legend>Existing spend drawn on (lines of the baseline pooled or redirected)</legend>
        {draft.draws_on.map((d, i) => (
          <div className="cba-row" key={i}>
            <input aria-label={`Drawn line ${i + 1} ref`} placeholder="Line ref" value={text(d.ref)} onChange={(e) => setDraw(i, { ref: e.target.value })} />
            <NumberInput label={`Drawn line ${i + 1} share %`} value={d.share_pct} width={4} onChange={(v) => setDraw(i, { share_pct: v })} />%
            <button aria-label={`Remove drawn line ${i + 1}`} onClick={() => set({ draws_on: draft.draws_on.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button onClick={() => set({ draws_on: [...draft.draws_on, { ref: '', share_pct: 100 }] })}>Add a line</button>
      </fieldset>
    </div>
  );
}
