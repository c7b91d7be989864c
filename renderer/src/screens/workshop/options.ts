// The chart options of the workshop view, built from the series in series.ts. Fonts and
// sizes follow the Large text mode (projector) and the print page; colours match the
// app (confidence also carries its letter G / A / R, so it survives greyscale).
import type { ChartOption } from '../../charts/echarts';
import type { SummaryDetail } from '../../../../shared/contract/mapping';
import { formatPerHead, formatPercent, formatPounds } from '../../../../shared/money';
import {
  compactPerHead,
  compactPounds,
  confidenceSeries,
  foldRows,
  influenceSeries,
  partnerSeries,
  perHeadSeries,
  rangeSeries,
  themeSeries,
  type PartnerBar,
  type RangeBand,
  type ThemeBar,
} from './series';

const sum = <T>(rows: readonly T[], f: (x: T) => number) => rows.reduce((s, x) => s + f(x), 0);

export function partnerRows(detail: SummaryDetail, l: Look): PartnerBar[] {
  const { rows } = partnerSeries(detail);
  if (!l.maxRows) return rows;
  return foldRows(rows, l.maxRows, (rest) => ({
    partner: `${rest.length} other partners`,
    type: 'other',
    pence: sum(rest, (r) => r.pence),
    pct: sum(rest, (r) => r.pct),
    influenceablePence: sum(rest, (r) => r.influenceablePence),
    boroughPence: sum(rest, (r) => r.boroughPence),
    lowPence: sum(rest, (r) => r.lowPence),
    highPence: sum(rest, (r) => r.highPence),
    perHeadGbp: null,
    boroughPerHeadGbp: null,
  }));
}

function themeRows(detail: SummaryDetail, l: Look): ThemeBar[] {
  const { rows } = themeSeries(detail);
  if (!l.maxRows) return rows;
  return foldRows(rows, l.maxRows, (rest) => ({ theme: `${rest.length} other themes`, pence: sum(rest, (r) => r.pence), pct: sum(rest, (r) => r.pct) }));
}

function rangeRows(detail: SummaryDetail, l: Look): RangeBand[] {
  const { rows } = rangeSeries(detail);
  if (!l.maxRows) return rows;
  return foldRows(rows, l.maxRows, (rest) => ({
    partner: `${rest.length} other partners`,
    lowPence: sum(rest, (r) => r.lowPence),
    pence: sum(rest, (r) => r.pence),
    highPence: sum(rest, (r) => r.highPence),
  }));
}

export interface Look {
  /** Base font size in CSS pixels. */
  font: number;
  print: boolean;
  /** At most this many bars (the rest folded into "Other …"): the one-page print. */
  maxRows?: number;
}

export function lookFor(large: boolean, print = false): Look {
  return { font: print ? (large ? 12 : 10) : large ? 18 : 13, print };
}

const FONT = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
const INK = '#1d2125';
const MUTED = '#5f666d';
const RULE = '#d9dcd6';
export const COLOURS = {
  partner: '#1f5fa8',
  theme: '#2a7a80',
  neighbourhood: '#1f5fa8',
  borough: '#a3aab0',
  band: '#c4d8ef',
  bandEdge: '#6f9ccf',
  actual: '#1d2125',
  influence: '#1f5fa8',
  rest: '#e3e6e0',
  green: '#2e7d32',
  amber: '#c98a00',
  red: '#b3261e',
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct1 = (x: number) => formatPercent(x, 1);

/** Space for the category labels (partners' names wrap onto a second line). */
const labelWidth = (l: Look) => Math.round(l.font * (l.print ? 14 : 15.5));
/** One bar's row: room for a wrapped name. */
const rowHeight = (l: Look) => Math.round(l.font * (l.print ? 2.5 : 2.8));

function base(l: Look): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, fontSize: l.font, color: INK },
    tooltip: {
      show: !l.print,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      textStyle: { fontFamily: FONT, fontSize: l.font, color: INK },
      borderColor: RULE,
    },
  };
}

function categoryAxis(names: string[], l: Look) {
  return {
    type: 'category' as const,
    data: names,
    inverse: true,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: RULE } },
    axisLabel: { interval: 0, width: labelWidth(l), overflow: (l.print ? 'truncate' : 'break') as 'truncate' | 'break', ellipsis: '…', fontSize: l.font, lineHeight: Math.round(l.font * 1.2), color: INK, margin: Math.round(l.font * 0.6) },
  };
}

function moneyAxis(l: Look, max?: number) {
  return {
    type: 'value' as const,
    ...(max !== undefined ? { max } : {}),
    axisLabel: { formatter: axisPounds, fontSize: Math.round(l.font * 0.85), color: MUTED, hideOverlap: true },
    splitNumber: 3,
    splitLine: { lineStyle: { color: '#ebece8' } },
  };
}

/** The plot area: category labels get a fixed column on the left, bar-end labels room on the right. */
function grid(l: Look, opts: { top?: number; right: number; bottom?: number }) {
  return {
    left: labelWidth(l) + Math.round(l.font * 1.2),
    top: opts.top ?? Math.round(l.font * 0.8),
    right: opts.right,
    bottom: opts.bottom ?? Math.round(l.font * 2),
    outerBoundsMode: 'none' as const,
  };
}

/** Axis ticks: "£5m", "£12.5m", "£250k" (no trailing ".0"). */
const axisPounds = (v: number) => compactPounds(v).replace(/\.0(?=[mkb])/, '');

/** Height for a horizontal bar chart of `n` categories (plus an axis row). */
export function barHeight(n: number, l: Look, perRow = 1): number {
  return Math.max(n, 1) * rowHeight(l) * perRow + Math.round(l.font * 3.2);
}

type TipParam = { seriesName: string; name: string; value: unknown; dataIndex: number; marker: string };
const params = (p: unknown): TipParam[] => (Array.isArray(p) ? (p as TipParam[]) : [p as TipParam]);

/** Spend by partner: £ and % of the neighbourhood total at each bar's end. */
export function partnerOption(detail: SummaryDetail, l: Look): ChartOption {
  const rows = partnerRows(detail, l);
  return {
    ...base(l),
    tooltip: {
      ...base(l).tooltip,
      formatter: (p: unknown) => {
        const r = rows[params(p)[0]!.dataIndex]!;
        return `<strong>${esc(r.partner)}</strong><br/>${formatPounds(r.pence)} · ${pct1(r.pct)} of ${esc(detail.summary.neighbourhood)}<br/>Influence-able: ${formatPounds(r.influenceablePence)}<br/>Borough: ${formatPounds(r.boroughPence)}`;
      },
    },
    grid: grid(l, { right: Math.round(l.font * 9.5) }),
    yAxis: categoryAxis(rows.map((r) => r.partner), l),
    xAxis: moneyAxis(l),
    series: [
      {
        type: 'bar',
        name: detail.summary.neighbourhood,
        data: rows.map((r) => r.pence),
        itemStyle: { color: COLOURS.partner, borderRadius: [0, 3, 3, 0] },
        barMaxWidth: Math.round(l.font * 1.6),
        label: { show: true, position: 'right', fontSize: l.font, color: INK, formatter: (p: { dataIndex: number }) => `${compactPounds(rows[p.dataIndex]!.pence)} · ${pct1(rows[p.dataIndex]!.pct)}` },
      },
    ],
  };
}

/** Spend by theme (themes overlap: a line with two themes counts in both). */
export function themeOption(detail: SummaryDetail, l: Look): ChartOption {
  const rows = themeRows(detail, l);
  return {
    ...base(l),
    tooltip: {
      ...base(l).tooltip,
      formatter: (p: unknown) => {
        const r = rows[params(p)[0]!.dataIndex]!;
        return `<strong>${esc(r.theme)}</strong><br/>${formatPounds(r.pence)} · ${pct1(r.pct)} of ${esc(detail.summary.neighbourhood)}`;
      },
    },
    grid: grid(l, { right: Math.round(l.font * 9.5) }),
    yAxis: categoryAxis(rows.map((r) => r.theme), l),
    xAxis: moneyAxis(l),
    series: [
      {
        type: 'bar',
        name: 'By theme',
        data: rows.map((r) => r.pence),
        itemStyle: { color: COLOURS.theme, borderRadius: [0, 3, 3, 0] },
        barMaxWidth: Math.round(l.font * 1.6),
        label: { show: true, position: 'right', fontSize: l.font, color: INK, formatter: (p: { dataIndex: number }) => `${compactPounds(rows[p.dataIndex]!.pence)} · ${pct1(rows[p.dataIndex]!.pct)}` },
      },
    ],
  };
}

/** Per head in the neighbourhood beside the borough: all partners, then each partner. */
export function perHeadOption(detail: SummaryDetail, l: Look): ChartOption {
  const { neighbourhood, rows: all } = perHeadSeries(detail);
  const rows = l.maxRows ? all.slice(0, l.maxRows) : all;
  const label = (color: string) => ({
    show: true,
    position: 'right' as const,
    fontSize: Math.round(l.font * 0.9),
    color,
    formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? compactPerHead(p.value) : 'n/a'),
  });
  return {
    ...base(l),
    tooltip: {
      ...base(l).tooltip,
      formatter: (p: unknown) => {
        const r = rows[params(p)[0]!.dataIndex]!;
        const v = (x: number | null) => (x === null ? 'n/a' : formatPerHead(x));
        return `<strong>${esc(r.label)}</strong><br/>${esc(neighbourhood)}: ${v(r.neighbourhood)} per head<br/>Borough: ${v(r.borough)} per head`;
      },
    },
    legend: { top: 0, left: 0, itemWidth: l.font, itemHeight: l.font, textStyle: { fontSize: l.font, color: INK }, data: [neighbourhood, 'Borough'] },
    grid: grid(l, { top: Math.round(l.font * 2.6), right: Math.round(l.font * 5) }),
    yAxis: categoryAxis(rows.map((r) => r.label), l),
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => compactPerHead(v), fontSize: Math.round(l.font * 0.85), color: MUTED, hideOverlap: true },
      splitLine: { lineStyle: { color: '#ebece8' } },
    },
    series: [
      { type: 'bar', name: neighbourhood, data: rows.map((r) => r.neighbourhood), itemStyle: { color: COLOURS.neighbourhood }, barGap: '15%', barMaxWidth: Math.round(l.font * 1.2), label: label(INK) },
      { type: 'bar', name: 'Borough', data: rows.map((r) => r.borough), itemStyle: { color: COLOURS.borough }, barMaxWidth: Math.round(l.font * 1.2), label: label(MUTED) },
    ],
  };
}

/** Height of the per-head chart (two bars a row, and the legend). */
export const perHeadHeight = (n: number, l: Look) => barHeight(n, l, 1.35) + Math.round(l.font * 2);

/** A single 100% bar split into parts, with £ and % in a legend under it (confidence, influence). */
function splitBar(
  l: Look,
  parts: { name: string; pence: number; pct: number; color: string; inside: string; ink: string }[],
  total: number,
  heading: string,
): ChartOption {
  const barTall = Math.round(l.font * (l.print ? 2 : 2.6));
  return {
    ...base(l),
    tooltip: {
      ...base(l).tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = parts.find((x) => x.name === params(p)[0]!.seriesName)!;
        return `<strong>${esc(r.name)}</strong><br/>${formatPounds(r.pence)} · ${pct1(r.pct)} of ${formatPounds(total)}`;
      },
    },
    legend: {
      orient: 'vertical',
      left: 0,
      top: barTall + Math.round(l.font * 0.6),
      padding: 0,
      itemWidth: l.font,
      itemHeight: l.font,
      itemGap: Math.round(l.font * 0.5),
      selectedMode: false,
      textStyle: { fontSize: l.font, color: INK },
      formatter: (name: string) => {
        const r = parts.find((x) => x.name === name)!;
        return `${name}  ${compactPounds(r.pence)} (${pct1(r.pct)})`;
      },
      data: parts.map((p) => p.name),
    },
    grid: { left: 0, right: 2, top: 0, height: barTall, outerBoundsMode: 'none' },
    yAxis: { type: 'category', data: [heading], show: false },
    xAxis: { type: 'value', max: Math.max(total, 1), show: false },
    series: parts.map((p) => ({
      type: 'bar' as const,
      name: p.name,
      stack: 'all',
      data: [p.pence],
      barWidth: '100%',
      itemStyle: { color: p.color, borderColor: '#ffffff', borderWidth: 1 },
      label: {
        show: p.pct >= (l.print ? 14 : 10),
        position: 'inside' as const,
        fontSize: Math.round(l.font * 1.05),
        fontWeight: 'bold' as const,
        color: p.ink,
        formatter: () => `${p.inside ? `${p.inside} ` : ''}${formatPercent(p.pct, 0)}`,
      },
    })),
  };
}

export function splitBarHeight(l: Look, parts = 3): number {
  return Math.round(l.font * (l.print ? 2 : 2.6) + l.font * 0.6 + parts * l.font * 1.5 + 2);
}

/** The confidence mix: green / amber / red, colours and letters. */
export function confidenceOption(detail: SummaryDetail, l: Look): ChartOption {
  const { totalPence, rows } = confidenceSeries(detail);
  return splitBar(
    l,
    rows.map((c) => ({ name: c.label, pence: c.pence, pct: c.pct, color: COLOURS[c.key], inside: c.letter, ink: '#ffffff' })),
    totalPence,
    detail.summary.neighbourhood,
  );
}

/** Influence-able £ against the total: the bar under the headline. */
export function influenceOption(detail: SummaryDetail, l: Look): ChartOption {
  const i = influenceSeries(detail);
  return splitBar(
    l,
    [
      { name: 'Influence-able', pence: i.influenceablePence, pct: i.pct, color: COLOURS.influence, inside: '', ink: '#ffffff' },
      { name: 'Not influence-able', pence: i.otherPence, pct: i.totalPence > 0 ? 100 - i.pct : 0, color: COLOURS.rest, inside: '', ink: INK },
    ],
    i.totalPence,
    detail.summary.neighbourhood,
  );
}

/** Each partner's figure (◆) inside its sensitivity range (the band). */
export function rangeOption(detail: SummaryDetail, l: Look): ChartOption {
  const r = { rows: rangeRows(detail, l) };
  const names = r.rows.map((x) => x.partner);
  return {
    ...base(l),
    tooltip: {
      ...base(l).tooltip,
      formatter: (p: unknown) => {
        const x = r.rows[params(p)[0]!.dataIndex]!;
        return `<strong>${esc(x.partner)}</strong><br/>As mapped: ${formatPounds(x.pence)}<br/>Range: ${formatPounds(x.lowPence)} – ${formatPounds(x.highPence)}`;
      },
    },
    legend: {
      top: 0,
      left: 0,
      itemWidth: l.font,
      itemHeight: l.font,
      textStyle: { fontSize: l.font, color: INK },
      data: [{ name: 'Range', icon: 'rect' }, { name: 'As mapped', icon: 'diamond' }],
    },
    grid: grid(l, { top: Math.round(l.font * 2.6), right: Math.round(l.font * 8.5) }),
    yAxis: categoryAxis(names, l),
    xAxis: moneyAxis(l),
    series: [
      { type: 'bar', name: 'low', stack: 'range', data: r.rows.map((x) => x.lowPence), itemStyle: { color: 'transparent' }, barMaxWidth: Math.round(l.font * 1.4), silent: true, tooltip: { show: false } },
      {
        type: 'bar',
        name: 'Range',
        stack: 'range',
        data: r.rows.map((x) => x.highPence - x.lowPence),
        itemStyle: { color: COLOURS.band, borderColor: COLOURS.bandEdge, borderWidth: 1 },
        barMaxWidth: Math.round(l.font * 1.4),
        label: {
          show: true,
          position: 'right',
          fontSize: Math.round(l.font * 0.9),
          color: MUTED,
          formatter: (p: { dataIndex: number }) => `${compactPounds(r.rows[p.dataIndex]!.lowPence)}–${compactPounds(r.rows[p.dataIndex]!.highPence)}`,
        },
      },
      {
        type: 'scatter',
        name: 'As mapped',
        data: r.rows.map((x, i) => [x.pence, i]),
        symbol: 'diamond',
        symbolSize: Math.round(l.font * 1.1),
        itemStyle: { color: COLOURS.actual },
        z: 5,
      },
    ],
  };
}
