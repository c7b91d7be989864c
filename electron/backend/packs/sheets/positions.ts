// Where a pack's blocks fall for one spec: rows and columns every sheet's formulas need.
import { ALLOCATION_COLUMNS, allocationHeaderRow, cellRef, LINES_FIRST_ROW, PROXIES_FIRST_ROW, SHEETS } from '../layout';
import type { PackModel } from '../model';
import type { PackSpec } from './cells';

/** The pack's structure and the numbers every formula needs. */
export class Layout {
  readonly n: number;
  readonly lastLinesRow: number;
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
  /** First ward column of the Allocation sheet (wards in code order). */
  readonly money: number;
  /** Neighbourhood columns (one per neighbourhood), then low / high for a neighbourhood pack. */
  readonly nbCols: number[];
  readonly lowCol: number | null;
  readonly highCol: number | null;
  /** Proxies: columns of each proxy, of `even`, of each neighbourhood's flags. */
  readonly proxyCol: Map<string, number>;
  readonly evenCol: number;
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
    this.proxyCol = new Map(model.proxies.map((p, i) => [p.name, 3 + i]));
    this.evenCol = 3 + model.proxies.length;
    this.flagCols = spec.neighbourhoods.map((_, j) => this.evenCol + 1 + j);
    this.lastProxiesRow = PROXIES_FIRST_ROW + this.n - 1;
  }

  /** Allocation!$X$first:$X$last. */
  allocRange(col: number): string {
    return `${SHEETS.allocation}!${cellRef(col, this.firstRow, true, true)}:${cellRef(col, this.lastRow, true, true)}`;
  }

  /** The ward amounts of Allocation row r, e.g. X7:AQ7. */
  moneyRow(r: number, absCol = false): string {
    return `${cellRef(this.money, r, absCol)}:${cellRef(this.money + this.n - 1, r, absCol)}`;
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

