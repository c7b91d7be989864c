// The live what-if side panel: β for all of a partner's shared lines, or one line's
// basis, β and discretionary %. Every change redraws the charts at once; nothing is
// saved until "Save these changes".
import { useEffect, useId, useMemo, useState } from 'react';
import { formatPounds } from '../../../../shared/money';
import { compactPounds } from './series';
import {
  betaApplies,
  changeCount,
  describeChanges,
  effective,
  isEmpty,
  removeLine,
  removePartner,
  setLineField,
  setPartnerBeta,
  type SavedLine,
  type WhatIfState,
} from './whatif';

interface Props {
  lines: readonly SavedLine[];
  /** Partners, largest in the neighbourhood first. */
  partners: readonly string[];
  /** Bases a line may be moved to: the project's proxies and `even`. */
  bases: readonly string[];
  state: WhatIfState;
  onChange: (next: WhatIfState) => void;
  onReset: () => void;
  onSave: () => void;
  saving: boolean;
  problems: readonly string[];
}

const fmt = (x: number, digits: number) => x.toLocaleString('en-GB', { maximumFractionDigits: digits });

/** A slider for the room and a box for the exact figure; a bad figure is refused, never clamped. */
function SliderField(props: {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  digits: number;
  unit?: string;
  disabled?: boolean;
  hint?: string;
  /** The lines it stands for differ (the slider sits at their mean, the box says "mixed"). */
  mixed?: boolean;
  testId?: string;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(props.mixed ? '' : fmt(props.value, props.digits));
  const [bad, setBad] = useState<string | null>(null);
  useEffect(() => {
    setText((t) => (props.mixed ? '' : t.trim() !== '' && Number(t) === props.value ? t : fmt(props.value, props.digits)));
    setBad(null);
  }, [props.value, props.digits, props.mixed]);
  const typed = (t: string) => {
    setText(t);
    const v = Number(t.trim());
    if (t.trim() === '' || !Number.isFinite(v) || v < props.min || v > props.max) {
      setBad(`Enter a number from ${props.min} to ${props.max}${props.unit ?? ''}.`);
      return;
    }
    setBad(null);
    props.onChange(v);
  };
  return (
    <div className="slider-field">
      <label htmlFor={`${id}-range`} className="slider-label">
        {props.label}
      </label>
      <div className="slider-row">
        <input
          id={`${id}-range`}
          type="range"
          min={props.min}
          max={props.max}
          step={props.step}
          value={props.value}
          disabled={props.disabled}
          data-testid={props.testId}
          onChange={(e) => props.onChange(Number(e.target.value))}
        />
        <input
          className="slider-box"
          aria-label={`${props.label} (exact)`}
          inputMode="decimal"
          value={text}
          placeholder={props.mixed ? 'mixed' : undefined}
          disabled={props.disabled}
          aria-invalid={bad ? true : undefined}
          title={bad ?? undefined}
          onChange={(e) => typed(e.target.value)}
          size={5}
        />
        {props.unit && <span className="muted">{props.unit}</span>}
      </div>
      {bad && (
        <div className="field-error small" role="alert">
          {bad}
        </div>
      )}
      {props.hint && <div className="muted small">{props.hint}</div>}
    </div>
  );
}

export function WhatIfPanel(props: Props) {
  const { lines, state } = props;
  const byAmount = useMemo(() => [...lines].sort((a, b) => b.amountPence - a.amountPence || (a.ref < b.ref ? -1 : 1)), [lines]);
  const [partner, setPartner] = useState(props.partners[0] ?? '');
  const [lineId, setLineId] = useState<number | null>(byAmount[0]?.id ?? null);
  const [find, setFind] = useState('');

  useEffect(() => {
    if (!props.partners.includes(partner)) setPartner(props.partners[0] ?? '');
  }, [props.partners, partner]);
  useEffect(() => {
    if (lineId === null || !lines.some((l) => l.id === lineId)) setLineId(byAmount[0]?.id ?? null);
  }, [lines, byAmount, lineId]);

  const shownLines = useMemo(() => {
    const q = find.trim().toLowerCase();
    if (!q) return byAmount;
    return byAmount.filter((l) => l.id === lineId || `${l.ref} ${l.service} ${l.partner}`.toLowerCase().includes(q));
  }, [byAmount, find, lineId]);

  const lineOptions = useMemo(
    () =>
      shownLines.map((l) => (
        <option key={l.id} value={l.id}>
          {l.ref} · {l.service} · {compactPounds(l.amountPence)}
        </option>
      )),
    [shownLines],
  );
  const partnerOptions = useMemo(
    () =>
      props.partners.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      )),
    [props.partners],
  );

  const line = lines.find((l) => l.id === lineId) ?? null;
  const eff = line ? effective(line, state) : null;

  const partnerLines = lines.filter((l) => l.partner === partner && betaApplies(l.basis));
  const savedBetas = [...new Set(partnerLines.map((l) => l.beta))].sort((a, b) => a - b);
  const partnerBeta = state.partners.get(partner) ?? (savedBetas.length === 1 ? savedBetas[0]! : Math.round((partnerLines.reduce((s, l) => s + l.beta, 0) / Math.max(partnerLines.length, 1)) * 20) / 20);
  const savedBetaText = savedBetas.length === 0 ? 'none' : savedBetas.length === 1 ? fmt(savedBetas[0]!, 2) : `${fmt(savedBetas[0]!, 2)} to ${fmt(savedBetas.at(-1)!, 2)}`;

  const lineBases = line ? [...new Set([...props.bases, line.basis])] : props.bases;
  const changes = describeChanges(state, lines);
  const count = changeCount(state);
  const empty = isEmpty(state);

  return (
    <aside className="whatif" aria-label="What if">
      <h2>What if…</h2>
      <div className={`whatif-status${empty ? '' : ' unsaved'}`} role="status" data-testid="whatif-status">
        {empty ? (
          <>Showing the saved figures. Try a change below: the charts move at once, and nothing is saved unless you say so.</>
        ) : (
          <>
            <strong>Unsaved what-if</strong>: {count} change{count === 1 ? '' : 's'}. The charts show the what-if; the project is unchanged.
          </>
        )}
      </div>
      {props.problems.length > 0 && (
        <ul className="whatif-problems" role="alert">
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      <fieldset>
        <legend>β for all of a partner's lines</legend>
        <label>
          Partner
          <select aria-label="Partner" value={partner} onChange={(e) => setPartner(e.target.value)}>
            {partnerOptions}
          </select>
        </label>
        <SliderField
          label="Partner β (deprivation weighting)"
          testId="whatif-partner-beta"
          min={0}
          max={1}
          step={0.05}
          digits={2}
          value={partnerBeta}
          mixed={!state.partners.has(partner) && savedBetas.length > 1}
          disabled={partnerLines.length === 0}
          hint={
            partnerLines.length === 0
              ? 'This partner has no lines shared by a proxy or evenly: β does not apply.'
              : `${partnerLines.length} line${partnerLines.length === 1 ? '' : 's'} shared by a proxy or evenly; saved β ${savedBetaText}.`
          }
          onChange={(v) => props.onChange(setPartnerBeta(state, partner, v, lines))}
        />
      </fieldset>

      <fieldset>
        <legend>One line</legend>
        <input type="search" placeholder="Find a line by ref, service or partner" aria-label="Find a line" value={find} onChange={(e) => setFind(e.target.value)} />
        <label>
          Line
          <select aria-label="Line" value={lineId ?? ''} onChange={(e) => setLineId(Number(e.target.value))}>
            {lineOptions}
          </select>
        </label>
        {line && eff && (
          <>
            <p className="muted small line-facts">
              {line.partner}: {formatPounds(line.amountPence)} for the borough. Saved: {line.basis}, β {fmt(line.beta, 2)}, {fmt(line.discretionaryPct, 2)}% discretionary.
            </p>
            <label>
              Basis
              <select aria-label="Basis" value={eff.basis} onChange={(e) => props.onChange(setLineField(state, line, 'basis', e.target.value))}>
                {lineBases.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <SliderField
              label="Line β (deprivation weighting)"
              testId="whatif-line-beta"
              min={0}
              max={1}
              step={0.05}
              digits={2}
              value={eff.beta}
              disabled={!betaApplies(eff.basis)}
              {...(!betaApplies(eff.basis) ? { hint: `β does not apply to a ${eff.basis} line.` } : {})}
              onChange={(v) => props.onChange(setLineField(state, line, 'beta', v))}
            />
            <SliderField
              label="Discretionary %"
              min={0}
              max={100}
              step={1}
              digits={2}
              unit="%"
              value={eff.discretionaryPct}
              onChange={(v) => props.onChange(setLineField(state, line, 'discretionaryPct', v))}
            />
          </>
        )}
      </fieldset>

      {changes.length > 0 && (
        <section className="whatif-changes" aria-label="Changes being tried">
          <h3>Changes being tried</h3>
          <ul>
            {changes.map((c) => (
              <li key={c.key}>
                <span>{c.text}</span>
                <button
                  className="icon-button"
                  aria-label={`Drop: ${c.text}`}
                  title="Drop this change"
                  onClick={() => props.onChange(c.kind === 'line' ? removeLine(state, c.id as number) : removePartner(state, c.id as string))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="whatif-actions">
        <button onClick={props.onReset} disabled={empty}>
          Reset to saved
        </button>
        <button className="primary" onClick={props.onSave} disabled={empty || props.saving || props.problems.length > 0}>
          {props.saving ? 'Saving…' : 'Save these changes'}
        </button>
      </div>
      <p className="muted small">Saving writes the changes to the lines as a normal edit: it is in the audit log and Undo takes it back.</p>
    </aside>
  );
}
