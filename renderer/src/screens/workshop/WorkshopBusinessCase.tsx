// The Workshop's business-case card: one of the project's proposals, its headline NPV,
// BCR and payback, costs and benefits by year, and who pays / who benefits, with a
// what-if on people, success rate and optimism bias worked out here by the shared
// engine (businessCase.ts) and never saved.
import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { useApp } from '../../app/state';
import { call } from '../../api/client';
import { cbaMoney, cbaPartnersHeight, cbaPartnersOption, cbaRatio, cbaYearsHeight, cbaYearsOption, paybackText } from '../../charts/cba';
import { useLargeText } from '../../charts/useLargeText';
import { isNeutral, NO_WHAT_IF, type WhatIfState } from '../business-case/proposalWhatIf';
import { WhatIfPanel } from '../business-case/WhatIf';
import '../business-case/business-case.css';
import { evaluateWhatIf, partnersTable, yearsTable, type CbaInputs } from './businessCase';
import { loadCbaInputs } from './businessCaseInputs';
import { ChartCard } from './ChartCard';
import { lookFor } from './options';

type Summary = MethodOutput<'cba.list'>[number];

/** What the PDF prints: the proposal on show and its what-if. */
export interface CbaChoice {
  proposal: string;
  whatIf: WhatIfState;
}

const KEY = 'spendmap.workshop.proposal';

/** The first proposal of the neighbourhood on show, else the project's first. */
const pick = (list: Summary[], remembered: string | null, neighbourhood: string) =>
  (list.find((p) => p.name === remembered) ?? list.find((p) => p.neighbourhood === neighbourhood) ?? list[0])?.name ?? '';

export function WorkshopBusinessCase({ neighbourhood, onChoice }: { neighbourhood: string; onChoice: (c: CbaChoice | null) => void }) {
  const app = useApp();
  const large = useLargeText();
  const look = useMemo(() => lookFor(large), [large]);
  const [list, setList] = useState<Summary[] | null>(null);
  const [name, setName] = useState('');
  const [inputs, setInputs] = useState<CbaInputs | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIfState>(NO_WHAT_IF);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('cba.list', {}).then(
      (l) => {
        setList(l);
        setName((old) => (l.some((p) => p.name === old) ? old : pick(l, localStorage.getItem(KEY), neighbourhood)));
      },
      (e: Error) => setError(e.message),
    );
  }, [app.revision, neighbourhood]);

  useEffect(() => {
    setInputs(null);
    setWhatIf(NO_WHAT_IF);
    if (!name) return;
    localStorage.setItem(KEY, name);
    let live = true;
    loadCbaInputs(name).then(
      (i) => {
        if (!live) return;
        setInputs(i);
        setError(null);
      },
      (e: Error) => {
        if (live) setError(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [name, app.revision]);

  useEffect(() => {
    onChoice(name ? { proposal: name, whatIf } : null);
  }, [name, whatIf, onChoice]);

  const outcome = useMemo(() => (inputs ? evaluateWhatIf(inputs, whatIf) : null), [inputs, whatIf]);
  const f = outcome?.ok ? outcome.evaluation.figures : null;
  const options = useMemo(() => (f ? { years: cbaYearsOption(f, look), partners: cbaPartnersOption(f, look) } : null), [f, look]);

  if (list && list.length === 0)
    return (
      <section className="chart-card wide ws-cba" aria-label="Business case" data-testid="ws-cba">
        <h2>Business case</h2>
        <p>This project has no proposals yet: cost one on the Business case screen to show it here.</p>
        <button className="primary" onClick={() => app.go('business-case')}>
          Open the Business case screen…
        </button>
      </section>
    );

  const unsaved = !isNeutral(whatIf);
  const tag = unsaved ? <span className="whatif-tag">what-if, not saved</span> : null;
  return (
    <section className="ws-cba" aria-label="Business case" data-testid="ws-cba">
      <div className="chart-card wide">
        <header className="chart-head">
          <h2>Business case {tag}</h2>
          <label className="inline">
            Proposal{' '}
            <select aria-label="Proposal" value={name} onChange={(e) => setName(e.target.value)}>
              {(list ?? []).map((p) => (
                <option key={p.id} value={p.name}>
                  {p.name} ({p.neighbourhood}, {p.years} yr)
                </option>
              ))}
            </select>
          </label>
        </header>
        {error && <p role="alert">{error}</p>}
        {outcome && !outcome.ok && (
          <ul role="alert" className="whatif-problems">
            {outcome.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {f && (
          <div className="figures key-figures">
            <Headline label="Net present value" testId="ws-cba-npv" value={cbaMoney(f.npv_pence)} sub={`PV benefits ${cbaMoney(f.pv_benefits_pence.total)} − PV costs ${cbaMoney(f.pv_costs_pence)}`} />
            <Headline label="Benefit-cost ratio" testId="ws-cba-bcr" value={cbaRatio(f.bcr_all)} sub={`Fiscal only ${cbaRatio(f.bcr_fiscal)}`} />
            <Headline label="Payback" testId="ws-cba-payback" value={paybackText(f.payback_year)} sub="First year the discounted benefits so far cover the costs so far" />
          </div>
        )}
        {inputs && <WhatIfPanel title="Business case what-if" value={whatIf} onChange={setWhatIf} />}
      </div>
      {f && options && (
        <div className="chart-grid">
          <ChartCard id="cba-years" title="Costs and benefits by year" tag={tag} fileStem={name} option={options.years} height={cbaYearsHeight(look)} table={yearsTable(f)} note="How: each year's costs with their optimism bias, and its benefits (people × success rate × unit value, less deadweight and optimism bias); not discounted." />
          <ChartCard id="cba-partners" title="Who pays, who benefits" tag={tag} fileStem={name} option={options.partners} height={cbaPartnersHeight(f.by_partner.length, look)} table={partnersTable(f)} note="How: present values at the proposal's discount rate; each benefit split by the shares the proposal gives." />
        </div>
      )}
    </section>
  );
}

function Headline({ label, value, sub, testId }: { label: string; value: string; sub: string; testId: string }) {
  return (
    <div className="figure">
      <div className="figure-label">{label}</div>
      <div className="figure-value" data-testid={testId}>
        {value}
      </div>
      <div className="figure-explain">{sub}</div>
    </div>
  );
}
