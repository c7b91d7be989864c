// The figures each workshop chart and table is fed, worked out from `workshop.view`.
// Pure functions (no DOM, no chart library) so the unit tests can check them against
// `summary --json` on the same project.
import type { SummaryDetail } from '../../../../shared/contract/mapping';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { CONFIDENCE_LETTER, CONFIDENCES, type Confidence } from '../../../../shared/domain/types';
import { formatPerHead, formatPercent, formatPounds } from '../../../../shared/money';

export type WorkshopView = MethodOutput<'workshop.view'>;
export type WardFigure = WorkshopView['wards'][number];

/** part as a percentage of whole (0 when there is no whole). */
export const share = (part: number, whole: number): number => (whole > 0 ? (100 * part) / whole : 0);

/** Pence as a short label for axes and bar ends: "£66.0m", "£432k", "£8.5k", "£950". */
export function compactPounds(pence: number): string {
  const neg = pence < 0;
  const pounds = Math.abs(pence) / 100;
  let text: string;
  if (pounds >= 1e9) text = `£${trim(pounds / 1e9, pounds >= 1e11 ? 0 : 1)}bn`;
  else if (pounds >= 1e6) text = `£${trim(pounds / 1e6, pounds >= 1e8 ? 0 : 1)}m`;
  else if (pounds >= 1e3) text = `£${trim(pounds / 1e3, pounds >= 1e4 ? 0 : 1)}k`;
  else text = `£${Math.round(pounds)}`;
  return neg ? `-${text}` : text;
}

function trim(x: number, digits: number): string {
  // Half up, then "1000k" becomes "£1.0m" territory only through the thresholds above.
  const f = 10 ** digits;
  return (Math.round(x * f) / f).toFixed(digits);
}

/** A per-head figure for axis labels: "£5,597" (whole pounds). */
export function compactPerHead(pounds: number): string {
  return `£${Math.round(pounds).toLocaleString('en-GB')}`;
}

export interface PartnerBar {
  partner: string;
  type: string;
  pence: number;
  /** % of the neighbourhood total. */
  pct: number;
  influenceablePence: number;
  boroughPence: number;
  lowPence: number;
  highPence: number;
  perHeadGbp: number | null;
  boroughPerHeadGbp: number | null;
}

const byAmount = <T>(pence: (x: T) => number, name: (x: T) => string) => (a: T, b: T) =>
  pence(b) - pence(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/** Spend by partner, largest first, with each partner's share of the neighbourhood total. */
export function partnerSeries(detail: SummaryDetail): { totalPence: number; rows: PartnerBar[] } {
  const total = detail.summary.total_pence;
  const rows = detail.partners
    .map((p) => ({
      partner: p.partner,
      type: p.type,
      pence: p.totalPence,
      pct: share(p.totalPence, total),
      influenceablePence: p.influenceablePence,
      boroughPence: p.boroughPence,
      lowPence: p.lowPence,
      highPence: p.highPence,
      perHeadGbp: p.perHeadGbp,
      boroughPerHeadGbp: p.boroughPerHeadGbp,
    }))
    .sort(byAmount((p) => p.pence, (p) => p.partner));
  return { totalPence: total, rows };
}

export interface ThemeBar {
  theme: string;
  pence: number;
  pct: number;
}

/** Spend by theme, largest first. A line with several themes counts in each, so themes overlap. */
export function themeSeries(detail: SummaryDetail): { totalPence: number; rows: ThemeBar[] } {
  const total = detail.summary.total_pence;
  const rows = detail.byTheme
    .map((t) => ({ theme: t.theme, pence: t.totalPence, pct: share(t.totalPence, total) }))
    .sort(byAmount((t) => t.pence, (t) => t.theme));
  return { totalPence: total, rows };
}

export interface ConfidenceSlice {
  key: Confidence;
  letter: string;
  /** "G green" — a letter as well as a colour, so it survives greyscale. */
  label: string;
  pence: number;
  pct: number;
}

/** The confidence mix: green, amber, red pence of the neighbourhood total. */
export function confidenceSeries(detail: SummaryDetail): { totalPence: number; rows: ConfidenceSlice[] } {
  const s = detail.summary;
  const rows = CONFIDENCES.map((c) => ({
    key: c,
    letter: CONFIDENCE_LETTER[c],
    label: `${CONFIDENCE_LETTER[c]} ${c}`,
    pence: s.confidence_pence[c],
    pct: share(s.confidence_pence[c], s.total_pence),
  }));
  return { totalPence: s.total_pence, rows };
}

export interface Influence {
  influenceablePence: number;
  totalPence: number;
  otherPence: number;
  pct: number;
  /** The big "£3.8m of £48m" line. */
  headline: string;
}

export function influenceSeries(detail: SummaryDetail): Influence {
  const s = detail.summary;
  return {
    influenceablePence: s.influenceable_pence,
    totalPence: s.total_pence,
    otherPence: s.total_pence - s.influenceable_pence,
    pct: share(s.influenceable_pence, s.total_pence),
    headline: `${compactPounds(s.influenceable_pence)} of ${compactPounds(s.total_pence)}`,
  };
}

export interface PerHeadPair {
  /** A partner, or "All partners" (first). */
  label: string;
  neighbourhood: number | null;
  borough: number | null;
}

/** Per head in the neighbourhood beside the borough: all partners first, then each partner, largest first. */
export function perHeadSeries(detail: SummaryDetail): { neighbourhood: string; rows: PerHeadPair[] } {
  const s = detail.summary;
  return {
    neighbourhood: s.neighbourhood,
    rows: [
      { label: 'All partners', neighbourhood: s.per_head_gbp, borough: s.borough_per_head_gbp },
      ...partnerSeries(detail).rows.map((p) => ({ label: p.partner, neighbourhood: p.perHeadGbp, borough: p.boroughPerHeadGbp })),
    ],
  };
}

export interface RangeBand {
  partner: string;
  lowPence: number;
  pence: number;
  highPence: number;
}

/** Each partner's neighbourhood figure inside its sensitivity range, largest first. */
export function rangeSeries(detail: SummaryDetail): { lowPence: number; pence: number; highPence: number; rows: RangeBand[] } {
  const s = detail.summary;
  return {
    lowPence: s.sensitivity.low_pence,
    pence: s.total_pence,
    highPence: s.sensitivity.high_pence,
    rows: partnerSeries(detail).rows.map((p) => ({ partner: p.partner, lowPence: p.lowPence, pence: p.pence, highPence: p.highPence })),
  };
}

export type WardSortKey = 'name' | 'population' | 'imdScore' | 'totalPence' | 'perHeadGbp';
export type SortDir = 'asc' | 'desc';

/** Wards sorted by a column; missing figures always last, ties by ward name then code. */
export function sortWards(wards: readonly WardFigure[], key: WardSortKey, dir: SortDir): WardFigure[] {
  const sign = dir === 'asc' ? 1 : -1;
  const tie = (a: WardFigure, b: WardFigure) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return [...wards].sort((a, b) => {
    if (key === 'name') return sign * tie(a, b);
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return tie(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || tie(a, b);
  });
}

/** The ward table's total rows: the neighbourhood's wards, and the whole borough. */
export function wardTotals(view: Pick<WorkshopView, 'wards' | 'detail'>): {
  neighbourhood: { wards: number; population: number | null; totalPence: number; perHeadGbp: number | null };
  borough: { wards: number; population: number | null; totalPence: number; perHeadGbp: number | null };
} {
  const s = view.detail.summary;
  const sum = (ws: readonly WardFigure[]) => ws.reduce((t, w) => t + w.totalPence, 0);
  const inside = view.wards.filter((w) => w.inNeighbourhood);
  return {
    neighbourhood: { wards: inside.length, population: s.population, totalPence: sum(inside), perHeadGbp: s.per_head_gbp },
    borough: { wards: view.wards.length, population: s.borough_population, totalPence: sum(view.wards), perHeadGbp: s.borough_per_head_gbp },
  };
}

/** A table of exact figures: what the "Show figures" toggle and the print page show. */
export interface FigureTable {
  columns: { label: string; num?: boolean }[];
  rows: string[][];
  foot?: string[];
}

const perHeadText = (x: number | null) => (x === null ? '—' : formatPerHead(x));
const pctText = (x: number) => formatPercent(x, 1);

export function partnerTable(detail: SummaryDetail): FigureTable {
  const { totalPence, rows } = partnerSeries(detail);
  return {
    columns: [{ label: 'Partner' }, { label: `In ${detail.summary.neighbourhood}`, num: true }, { label: 'Share', num: true }, { label: 'Influence-able', num: true }],
    rows: rows.map((p) => [p.partner, formatPounds(p.pence), pctText(p.pct), formatPounds(p.influenceablePence)]),
    foot: ['All partners', formatPounds(totalPence), pctText(totalPence > 0 ? 100 : 0), formatPounds(detail.summary.influenceable_pence)],
  };
}

export function themeTable(detail: SummaryDetail): FigureTable {
  const { rows } = themeSeries(detail);
  return {
    columns: [{ label: 'Theme' }, { label: `In ${detail.summary.neighbourhood}`, num: true }, { label: 'Share of the total', num: true }],
    rows: rows.map((t) => [t.theme, formatPounds(t.pence), pctText(t.pct)]),
    foot: ['Neighbourhood total (themes overlap)', formatPounds(detail.summary.total_pence), ''],
  };
}

export function confidenceTable(detail: SummaryDetail): FigureTable {
  const { totalPence, rows } = confidenceSeries(detail);
  return {
    columns: [{ label: 'Confidence' }, { label: 'Amount', num: true }, { label: 'Share', num: true }],
    rows: rows.map((c) => [c.label, formatPounds(c.pence), pctText(c.pct)]),
    foot: ['Total', formatPounds(totalPence), pctText(totalPence > 0 ? 100 : 0)],
  };
}

export function influenceTable(detail: SummaryDetail): FigureTable {
  const i = influenceSeries(detail);
  return {
    columns: [{ label: '' }, { label: 'Amount', num: true }, { label: 'Share', num: true }],
    rows: [
      ['Influence-able (discretionary)', formatPounds(i.influenceablePence), pctText(i.pct)],
      ['Not influence-able', formatPounds(i.otherPence), pctText(i.totalPence > 0 ? 100 - i.pct : 0)],
    ],
    foot: ['Total', formatPounds(i.totalPence), pctText(i.totalPence > 0 ? 100 : 0)],
  };
}

export function perHeadTable(detail: SummaryDetail): FigureTable {
  const { neighbourhood, rows } = perHeadSeries(detail);
  return {
    columns: [{ label: '' }, { label: neighbourhood, num: true }, { label: 'Borough', num: true }],
    rows: rows.map((r) => [r.label, perHeadText(r.neighbourhood), perHeadText(r.borough)]),
  };
}

export function rangeTable(detail: SummaryDetail): FigureTable {
  const r = rangeSeries(detail);
  return {
    columns: [{ label: 'Partner' }, { label: 'Low', num: true }, { label: 'As mapped', num: true }, { label: 'High', num: true }],
    rows: r.rows.map((p) => [p.partner, formatPounds(p.lowPence), formatPounds(p.pence), formatPounds(p.highPence)]),
    foot: ['All partners', formatPounds(r.lowPence), formatPounds(r.pence), formatPounds(r.highPence)],
  };
}

/** UK date, "24/11/2026". */
export function ukDate(d: Date): string {
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/** The attribution lines a printed page carries: each source's own line once, and the OGL line. */
export function attributionLines(sources: readonly { attribution: string; publisher: string; licence: string }[]): string[] {
  const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (line: string) => {
    const t = line.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  add(OGL);
  for (const s of sources) add(s.attribution || `${s.publisher}, ${s.licence}.`);
  return out;
}

/**
 * The first `max` rows, the rest folded into one "Other …" row (for the one-page print,
 * where a long list cannot fit). `fold` adds the rest up.
 */
export function foldRows<T>(rows: readonly T[], max: number, fold: (rest: readonly T[]) => T): T[] {
  if (rows.length <= max) return [...rows];
  const keep = Math.max(max - 1, 0);
  return [...rows.slice(0, keep), fold(rows.slice(keep))];
}
