// The workshop PDF's second page: the proposal chosen on the Workshop's business-case
// card, with the what-if it showed, as headline figures and the same two charts (SVG).
import { useEffect, useMemo, useState } from 'react';
import type { ProposalWhatIf } from '../../../../shared/contract/workshop';
import { cbaMoney, cbaPartnersHeight, cbaPartnersOption, cbaRatio, cbaYearsOption, paybackText } from '../../charts/cba';
import { Chart } from '../../charts/Chart';
import { isNeutral, NO_WHAT_IF } from '../business-case/proposalWhatIf';
import { evaluateWhatIf, partnersTable, type CbaOutcome } from './businessCase';
import { loadCbaInputs } from './businessCaseInputs';
import { FigureTableView } from './FigureTableView';
import type { Look } from './options';

/** The charts this page draws (the print waits for each). */
export const BUSINESS_CASE_PRINT_CHARTS = ['cba-years', 'cba-partners'] as const;

interface Props {
  proposal: string;
  whatIf: ProposalWhatIf | undefined;
  look: Look;
  onFinished: (id: (typeof BUSINESS_CASE_PRINT_CHARTS)[number]) => void;
  onError: (text: string) => void;
}

const signed = (x: number, unit: string) => `${x > 0 ? '+' : ''}${x} ${unit}`;

export function BusinessCasePrint({ proposal, whatIf, look, onFinished, onError }: Props) {
  const [outcome, setOutcome] = useState<CbaOutcome | null>(null);
  const w = whatIf ?? NO_WHAT_IF;
  useEffect(() => {
    loadCbaInputs(proposal).then(
      (inputs) => {
        const o = evaluateWhatIf(inputs, whatIf ?? NO_WHAT_IF);
        if (!o.ok) onError(`The proposal ${proposal} cannot be worked out: ${o.problems.join('; ')}`);
        setOutcome(o);
      },
      (e: Error) => onError(e.message),
    );
  }, [proposal, whatIf, onError]);
  const f = outcome?.ok ? outcome.evaluation.figures : null;
  const options = useMemo(() => (f ? { years: cbaYearsOption(f, look), partners: cbaPartnersOption(f, look) } : null), [f, look]);
  if (!f || !options || !outcome?.ok) return null;

  return (
    <div className="print-sheet print-cba" data-testid="print-business-case">
      <header className="print-head">
        <h1>
          Business case: {proposal}
          {!isNeutral(w) && <span className="whatif-tag">what-if, not saved</span>}
        </h1>
        {!isNeutral(w) && (
          <div className="print-meta">
            People or events {w.cohortPct}%, success rate {signed(w.successPts, 'points')}, optimism bias {signed(w.biasPts, 'points')}
          </div>
        )}
      </header>
      <div className="print-figures">
        <div>
          <div className="figure-label">Net present value</div>
          <div className="print-big" data-testid="print-cba-npv">
            {cbaMoney(f.npv_pence)}
          </div>
          <div className="print-small">
            PV benefits {cbaMoney(f.pv_benefits_pence.total)} − PV costs {cbaMoney(f.pv_costs_pence)}
          </div>
        </div>
        <div>
          <div className="figure-label">Benefit-cost ratio</div>
          <div className="print-big">{cbaRatio(f.bcr_all)}</div>
          <div className="print-small">Fiscal only {cbaRatio(f.bcr_fiscal)}</div>
        </div>
        <div>
          <div className="figure-label">Payback</div>
          <div className="print-big">{paybackText(f.payback_year)}</div>
        </div>
      </div>
      <div className="print-cba-grid">
        <section className="print-chart">
          <h2>Costs and benefits by year (not discounted)</h2>
          <Chart option={options.years} renderer="svg" height={Math.round(look.font * 26)} label="Costs and benefits by year" onFinished={() => onFinished('cba-years')} />
        </section>
        <section className="print-chart">
          <h2>Who pays, who benefits (present values)</h2>
          <Chart option={options.partners} renderer="svg" height={Math.min(Math.round(look.font * 26), cbaPartnersHeight(f.by_partner.length, look))} label="Who pays, who benefits" onFinished={() => onFinished('cba-partners')} />
          <FigureTableView table={partnersTable(f)} label="Who pays, who benefits: figures" />
        </section>
      </div>
      <footer className="print-foot">
        {outcome.evaluation.notes.map((n) => (
          <p key={n}>{n}</p>
        ))}
        <p>The same exact figures as the command line's cba --json gives; the existing spend drawn on is in the business-case workbook.</p>
      </footer>
    </div>
  );
}
