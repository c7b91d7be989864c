// Where a pack's blocks fall for one spec: rows and columns every sheet's formulas need.
import { compareText } from '../../../../shared/engine';
import { AC, ALLOCATION_COLUMNS, allocationHeaderRow, cellRef, LINES_FIRST_ROW, NAMES, PROXIES_FIRST_ROW, SHEETS } from '../layout';
import type { PackModel } from '../model';
import type { PackSpec } from './cells';
import type { NameBook } from '../xlsx/sheet';

/** The pack's structure and the numbers every formula needs. */
export class Layout {
  readonly n: number;
  readonly lastLinesRow: number;
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
  /** First ward column of the Allocation sheet (wards in code order). */
  readonly money: number;
  /**
   * Wards (indices in code order) with a column on Allocation and Working, in column
   * order: every ward in a partner pack, where the split is live formulas; the
   * neighbourhood's own in a neighbourhood pack, which carries the engine's figures (and
   * the borough total per line) instead. The neighbourhoods' wards come first, as on the
   * Mapping screen, then the rest in code order.
   */
  readonly shown: number[];
  /** Wards (indices in code order) in one of the pack's neighbourhoods: their columns are tinted. */
  readonly inNeighbourhood: ReadonlySet<number>;
  readonly live: boolean;
  /** Neighbourhood columns (one per neighbourhood), then low / high for a neighbourhood pack. */
  readonly nbCols: number[];
  readonly lowCol: number | null;
  readonly highCol: number | null;
  /** Proxies: columns of each proxy, of `even`, of each neighbourhood's flags. */
  readonly proxyCol: Map<string, number>;
  readonly evenCol: number;
  /**
   * Live packs: after `even`, one column per ward (code order) that is 1 in that ward and
   * 0 elsewhere: a `site` line's weights, read like any basis's (its name is the ward's code).
   */
  readonly siteCol: number | null;
  /** Last column of ProxyValues / ProxyNames: `even`, or the last site column. */
  readonly lastBasisCol: number;
  /** Live packs: each ward's S ÷ S̄ − 1 (the range Ratio), after the bases. */
  readonly ratioCol: number | null;
  readonly flagCols: number[];
  readonly lastProxiesRow: number;

  constructor(readonly model: PackModel, readonly spec: PackSpec) {
    this.n = model.wards.length;
    const lines = spec.lines.length;
    this.lastLinesRow = Math.max(LINES_FIRST_ROW, LINES_FIRST_ROW + lines - 1);
    this.headerRow = allocationHeaderRow(spec.neighbourhoods.length);
    this.firstRow = this.headerRow + 1;
    this.lastRow = Math.max(this.firstRow, this.headerRow + lines);
    let c = ALLOCATION_COLUMNS.length + 1;
    this.nbCols = spec.neighbourhoods.map(() => c++);
    this.lowCol = spec.kind === 'neighbourhood' ? c++ : null;
    this.highCol = spec.kind === 'neighbourhood' ? c++ : null;
    this.money = c;
    this.live = spec.kind === 'partner';
    const index = new Map(model.wards.map((w, k) => [w.code, k]));
    const first = [...new Set(spec.neighbourhoods.flatMap(({ n }) => [...n.wards].sort(compareText)))].flatMap((code) => index.get(code) ?? []);
    this.inNeighbourhood = new Set(first);
    this.shown = this.live ? [...first, ...model.wards.flatMap((_, k) => (this.inNeighbourhood.has(k) ? [] : [k]))] : [...first].sort((a, b) => a - b);
    this.proxyCol = new Map(model.proxies.map((p, i) => [p.name, 3 + i]));
    this.evenCol = 3 + model.proxies.length;
    this.siteCol = this.live ? this.evenCol + 1 : null;
    this.lastBasisCol = this.live ? this.evenCol + this.n : this.evenCol;
    this.ratioCol = this.live ? this.lastBasisCol + 1 : null;
    this.flagCols = spec.neighbourhoods.map((_, j) => (this.ratioCol ?? this.lastBasisCol) + 1 + j);
    this.lastProxiesRow = PROXIES_FIRST_ROW + this.n - 1;
  }

  /** Allocation!$X$first:$X$last. */
  allocRange(col: number): string {
    return `${SHEETS.allocation}!${cellRef(col, this.firstRow, true, true)}:${cellRef(col, this.lastRow, true, true)}`;
  }

  /** The ward amounts of Allocation row r, e.g. X7:AQ7. */
  moneyRow(r: number, absCol = false): string {
    return `${cellRef(this.money, r, absCol)}:${cellRef(this.money + Math.max(1, this.shown.length) - 1, r, absCol)}`;
  }

  linesRange(col: number): string {
    return `${SHEETS.lines}!${cellRef(col, 1, true, true)}:${cellRef(col, this.lastLinesRow, true, true)}`;
  }

  proxiesRange(col: number): string {
    return `${SHEETS.proxies}!${cellRef(col, PROXIES_FIRST_ROW, true, true)}:${cellRef(col, this.lastProxiesRow, true, true)}`;
  }

  /** Proxies!population range, or null when the project has no population proxy. */
  populationRange(): string | null {
    const c = this.proxyCol.get('population');
    return c === undefined ? null : this.proxiesRange(c);
  }
}


/** Allocation columns the neighbourhood figures read, by their short workbook names. */
const NAMED_ALLOCATION = ['amount', 'allocated', 'pct', 'confidence', 'partner', 'themes', 'difference'] as const;

/** Workbook names of the ranges the Proxies and Neighbourhood formulas read: short formulas a partner can follow. */
export const RANGE = {
  alloc: (key: (typeof NAMED_ALLOCATION)[number]) => `A_${key}`,
  nb: (j: number) => `A_nb_${j + 1}`,
  low: 'A_low',
  high: 'A_high',
  population: 'Ward_pop',
  imd: 'Ward_imd',
  flags: (j: number) => `In_${j + 1}`,
  boroughPopulation: 'Borough_pop',
} as const;

export function defineRangeNames(wb: NameBook, layout: Layout): void {
  const add = (range: string, name: string) => wb.definedNames.add(range, name);
  for (const key of NAMED_ALLOCATION) add(layout.allocRange(AC[key]), RANGE.alloc(key));
  layout.nbCols.forEach((c, j) => add(layout.allocRange(c), RANGE.nb(j)));
  if (layout.lowCol !== null) add(layout.allocRange(layout.lowCol), RANGE.low);
  if (layout.highCol !== null) add(layout.allocRange(layout.highCol), RANGE.high);
  const pop = layout.proxyCol.get('population');
  if (pop !== undefined) add(layout.proxiesRange(pop), RANGE.population);
  const imd = layout.proxyCol.get('imd_score');
  if (imd !== undefined) add(layout.proxiesRange(imd), RANGE.imd);
  layout.flagCols.forEach((c, j) => add(layout.proxiesRange(c), RANGE.flags(j)));
  if (layout.ratioCol !== null) add(layout.proxiesRange(layout.ratioCol), NAMES.ratio);
}
