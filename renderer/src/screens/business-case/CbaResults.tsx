// A proposal's figures (the same as `cba --json`), costs and benefits by year, and who
// pays / who benefits, each chart with its figures in a table beside it.
import type { MethodOutput } from '../../../../shared/contract/methods';
import { cbaMoney as money, cbaPartnersHeight, cbaPartnersOption, cbaRatio as ratio, cbaYearsHeight, cbaYearsOption, paybackText } from '../../charts/cba';
import { Chart } from '../../charts/Chart';

type Evaluation = MethodOutput<'cba.evaluate'>;

export function CbaResults({ evaluation }: { evaluation: Evaluation }) {
  const f = evaluation.figures;
  const byYear = cbaYearsOption(f);
  const partners = cbaPartnersOption(f);
  return (
    <div className="cba-results" aria-label="Results">
      {evaluation.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <table className="cba-figures" aria-label="Business case figures">
        <tbody>
          <tr><th>PV costs</th><td data-testid="cba-pv-costs">{money(f.pv_costs_pence)}</td></tr>
          <tr><th>PV benefits</th><td data-testid="cba-pv-benefits">{money(f.pv_benefits_pence.total)} <span className="muted">(fiscal {money(f.pv_benefits_pence.fiscal)}, economic {money(f.pv_benefits_pence.economic)}, social {money(f.pv_benefits_pence.social)})</span></td></tr>
          <tr><th>NPV</th><td data-testid="cba-npv">{money(f.npv_pence)}</td></tr>
          <tr><th>BCR (fiscal / all)</th><td data-testid="cba-bcr">{ratio(f.bcr_fiscal)} / {ratio(f.bcr_all)}</td></tr>
          <tr><th>ROI</th><td data-testid="cba-roi">{ratio(f.roi)}</td></tr>
          <tr><th>Payback</th><td data-testid="cba-payback">{paybackText(f.payback_year)}</td></tr>
          <tr><th>Existing spend drawn on</th><td data-testid="cba-drawn">{money(f.baseline_drawn_pence)} <span className="muted">beside year-0 costs of {money(f.years[0]?.costs_pence ?? 0)}</span></td></tr>
          <tr><th>NPV if optimism bias and deadweight were doubled / zero</th><td data-testid="cba-sensitivity">{money(f.sensitivity.low_npv_pence)} to {money(f.sensitivity.high_npv_pence)}</td></tr>
        </tbody>
      </table>
      <div className="cba-charts">
        <figure>
          <figcaption>Costs and benefits by year (undiscounted)</figcaption>
          <Chart option={byYear} height={cbaYearsHeight()} label="Costs and benefits by year" testId="cba-chart-years" />
        </figure>
        <figure>
          <figcaption>Who pays, who benefits (present values)</figcaption>
          <Chart option={partners} height={cbaPartnersHeight(f.by_partner.length)} label="Who pays, who benefits" testId="cba-chart-partners" />
        </figure>
      </div>
      <table className="cba-partners" aria-label="Who pays, who benefits">
        <thead>
          <tr><th>Partner</th><th className="num">Pays (PV)</th><th className="num">Benefits (PV)</th><th className="num">of which cashable</th><th className="num">Net</th></tr>
        </thead>
        <tbody>
          {f.by_partner.map((p) => (
            <tr key={p.partner}>
              <td>{p.partner}</td>
              <td className="num">{money(p.pv_costs_pence)}</td>
              <td className="num">{money(p.pv_benefits_pence)}</td>
              <td className="num">{money(p.pv_cashable_pence)}</td>
              <td className="num">{money(p.net_pence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
