// The business case's two charts (issue 17), shared by the Business case screen, the
// Workshop card and its print page: costs and benefits by year, and who pays / who
// benefits by partner. `font` scales them for Large text and print; without it they
// keep ECharts' own sizes (the Business case screen).
import type { CbaFigures } from '../../../shared/engine/cba';
import { formatPounds } from '../../../shared/money';
import type { ChartOption } from './echarts';

/** Pounds, with pence below £1,000 (a small proposal's figures would otherwise read as £0). */
export const cbaMoney = (p: number) => formatPounds(p, { pence: Math.abs(p) < 100_000 });
/** A BCR or ROI to the 4 decimals the engine gives; '—' when there are no costs. */
export const cbaRatio = (x: number | null) => (x === null ? '—' : x.toFixed(4));
export const paybackText = (year: number | null) => (year === null ? 'does not pay back' : `year ${year}`);

const pounds = (p: number) => Math.round(p) / 100;
const COST = '#c0504d';
const BENEFIT = '#4f81bd';
const CASHABLE = '#9bbb59';

export interface CbaLook {
  font: number;
  /** No tooltips on paper. */
  print: boolean;
}

function common(look: CbaLook | undefined, left: number): ChartOption {
  const f = look?.font;
  return {
    animation: false,
    tooltip: { trigger: 'axis', show: !look?.print, ...(f ? { textStyle: { fontSize: f } } : {}) },
    legend: { top: 0, ...(f ? { textStyle: { fontSize: f } } : {}) },
    ...(f ? { textStyle: { fontSize: f } } : {}),
    grid: { left: f ? Math.round(left * (f / 13)) : left, right: 16, top: f ? Math.round(f * 2.4) : 30, bottom: f ? Math.round(f * 2.4) : 30 },
  };
}

/** Axis labels scaled with the look; money axes drop labels that would overlap (wide £ figures). */
const axisLabel = (look: CbaLook | undefined, money = false) => ({
  axisLabel: { ...(look ? { fontSize: Math.round(look.font * 0.85) } : {}), ...(money ? { hideOverlap: true } : {}) },
});

/** Costs and benefits by year, undiscounted. */
export function cbaYearsOption(f: Pick<CbaFigures, 'years'>, look?: CbaLook): ChartOption {
  return {
    ...common(look, 70),
    xAxis: { type: 'category', data: f.years.map((y) => `Year ${y.year}`), ...axisLabel(look) },
    yAxis: { type: 'value', name: '£', ...axisLabel(look, true) },
    series: [
      { name: 'Costs', type: 'bar', data: f.years.map((y) => pounds(y.costs_pence)), itemStyle: { color: COST } },
      { name: 'Benefits', type: 'bar', data: f.years.map((y) => pounds(y.benefits_pence)), itemStyle: { color: BENEFIT } },
    ],
  };
}

/** Who pays (PV of costs) and who benefits (PV of benefits, and the cashable part), by partner. */
export function cbaPartnersOption(f: Pick<CbaFigures, 'by_partner'>, look?: CbaLook): ChartOption {
  return {
    ...common(look, 140),
    yAxis: { type: 'category', data: f.by_partner.map((p) => p.partner), inverse: true, ...axisLabel(look) },
    xAxis: { type: 'value', name: '£ PV', ...axisLabel(look, true) },
    series: [
      { name: 'Pays (PV costs)', type: 'bar', data: f.by_partner.map((p) => pounds(p.pv_costs_pence)), itemStyle: { color: COST } },
      { name: 'Benefits (PV)', type: 'bar', data: f.by_partner.map((p) => pounds(p.pv_benefits_pence)), itemStyle: { color: BENEFIT } },
      { name: 'of which cashable', type: 'bar', data: f.by_partner.map((p) => pounds(p.pv_cashable_pence)), itemStyle: { color: CASHABLE } },
    ],
  };
}

/** Height of the years chart. */
export const cbaYearsHeight = (look?: CbaLook) => (look ? Math.round(look.font * 17) : 220);

/** Height of the partners chart: a row of three bars per partner. */
export function cbaPartnersHeight(partners: number, look?: CbaLook): number {
  const scale = look ? look.font / 13 : 1;
  return Math.round(Math.max(160, 40 + 36 * partners) * scale);
}
