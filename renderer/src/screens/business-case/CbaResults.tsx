// A proposal's figures (the same as `cba --json`), costs and benefits by year, and who
// pays / who benefits, each chart with its figures in a table beside it.
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatPounds } from '../../../../shared/money';
import { Chart } from '../../charts/Chart';
import type { ChartOption } from '../../charts/echarts';

type Evaluation = MethodOutput<'cba.evaluate'>;

const money = (p: number) => formatPounds(p, { pence: Math.abs(p) < 100_000 });
const ratio = (x: number | null) => (x === null ? '—' : x.toFixed(4));
const pounds = (p: number) => Math.round(p) / 100;

export function CbaResults({ evaluation }: { evaluation: Evaluation }) {
  const f = evaluation.figures;
  const byYear: ChartOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 16, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: f.years.map((y) => `Year ${y.year}`) },
    yAxis: { type: 'value', name: '£' },
    series: [
      { name: 'Costs', type: 'bar', data: f.years.map((y) => pounds(y.costs_pence)), itemStyle: { color: '#c0504d' } },
      { name: 'Benefits', type: 'bar', data: f.years.map((y) => pounds(y.benefits_pence)), itemStyle: { color: '#4f81bd' } },
    ],
  };
  const partners: ChartOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 140, right: 16, top: 30, bottom: 30 },
    yAxis: { type: 'category', data: f.by_partner.map((p) => p.partner), inverse: true },
    xAxis: { type: 'value', name: '£ PV' },
    series: [
      { name: 'Pays (PV costs)', type: 'bar', data: f.by_partner.map((p) => pounds(p.pv_costs_pence)), itemStyle: { color: '#c0504d' } },
      { name: 'Benefits (PV)', type: 'bar', data: f.by_partner.map((p) => pounds(p.pv_benefits_pence)), itemStyle: { color: '#4f81bd' } },
      { name: 'of which cashable', type: 'bar', data: f.by_partner.map((p) => pounds(p.pv_cashable_pence)), itemStyle: { color: '#9bbb59' } },
    ],
  };
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
          <tr><th>Payback</th><td data-testid="cba-payback">{f.payback_year === null ? 'does not pay back' : `year ${f.payback_year}`}</td></tr>
          <tr><th>Existing spend drawn on</th><td data-testid="cba-drawn">{money(f.baseline_drawn_pence)} <span className="muted">beside year-0 costs of {money(f.years[0]?.costs_pence ?? 0)}</span></td></tr>
          <tr><th>NPV if optimism bias and deadweight were doubled / zero</th><td data-testid="cba-sensitivity">{money(f.sensitivity.low_npv_pence)} to {money(f.sensitivity.high_npv_pence)}</td></tr>
        </tbody>
      </table>
      <div className="cba-charts">
        <figure>
          <figcaption>Costs and benefits by year (undiscounted)</figcaption>
          <Chart option={byYear} height={220} label="Costs and benefits by year" testId="cba-chart-years" />
        </figure>
        <figure>
          <figcaption>Who pays, who benefits (present values)</figcaption>
          <Chart option={partners} height={Math.max(160, 40 + 36 * f.by_partner.length)} label="Who pays, who benefits" testId="cba-chart-partners" />
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
