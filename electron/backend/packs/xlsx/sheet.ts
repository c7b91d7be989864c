// A pack's worksheet in memory: the few parts of exceljs's worksheet API the pack's
// sheet writers use (cells holding a value and a style, column widths, row heights,
// frozen panes, print setup, validations, conditional formats, merges, a picture),
// kept as plain arrays that sheet-xml.ts writes straight out as XML. Building exceljs's
// object model and serialising it took about 10 s a partner pack of 2,500 lines; this
// takes a small fraction of that.
import type ExcelJS from 'exceljs';
import { cellRef, colNumber } from '../layout';

export type Style = Partial<ExcelJS.Style>;

/**
 * A run of cells holding one formula filled across and down (a shared formula). Every
 * cell of the run but the first holds the run itself as its value (no object a cell).
 */
export class SharedRun {
  constructor(
    readonly si: number,
    readonly top: number,
    readonly left: number,
    public bottom: number,
    readonly right: number,
  ) {}
}

/** A formula's cached result; an object is an error ('#N/A'); undefined: none cached. */
export type Cached = number | string | boolean | { error: string } | undefined;
/** A formula; with `shared`, the first cell of a fill, whose text the others share. */
export interface FormulaValue {
  formula: string;
  result?: Cached;
  shared?: SharedRun;
}
/** A cell's value; a SharedRun: a copy of the run's formula, its result in Cell.result. */
export type Value = string | number | boolean | Date | null | FormulaValue | SharedRun;

export const isFormulaValue = (v: Value): v is FormulaValue => v !== null && typeof v === 'object' && 'formula' in v;

const NO_STYLE: Style = Object.freeze({});

export class Cell {
  value: Value = null;
  style: Style = NO_STYLE;
  /** The cached result of a shared formula's copy. */
  result: Cached = undefined;
  constructor(
    readonly row: number,
    readonly col: number,
  ) {}

  get address(): string {
    return cellRef(this.col, this.row);
  }

  set fill(fill: ExcelJS.Fill) {
    this.style = { ...this.style, fill };
  }

  set border(border: Partial<ExcelJS.Borders>) {
    this.style = { ...this.style, border };
  }
}

export class Row {
  readonly cells: (Cell | undefined)[] = [];
  height: number | undefined;
  constructor(readonly number: number) {}

  getCell(col: number): Cell {
    return (this.cells[col] ??= new Cell(this.number, col));
  }
}

export interface Column {
  width?: number;
}

export interface Validation {
  type: 'list' | 'decimal' | 'whole' | 'date';
  operator?: string;
  formulae: (string | number | Date)[];
  allowBlank?: boolean;
  showErrorMessage?: boolean;
  errorTitle?: string;
  error?: string;
}

export interface ConditionalRule {
  type: 'expression';
  priority: number;
  formulae: string[];
  style: Style;
}

export interface FrozenView {
  state: 'frozen';
  xSplit: number;
  ySplit: number;
  topLeftCell: string;
  activeCell: string;
}

export interface PageSetup {
  orientation?: 'landscape' | 'portrait';
  paperSize?: number;
  fitToPage?: boolean;
  fitToWidth?: number;
  fitToHeight?: number;
  scale?: number;
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  printArea?: string;
  printTitlesRow?: string;
  printTitlesColumn?: string;
}

export interface Picture {
  png: Uint8Array;
  /** Top-left corner: 0-based column and row. */
  col: number;
  row: number;
  width: number;
  height: number;
}

/** What a sheet needs of its workbook: the names it defines. */
export interface NameBook {
  definedNames: { add(range: string, name: string): void };
}

export class Sheet {
  readonly rows: (Row | undefined)[] = [];
  readonly columns: (Column | undefined)[] = [];
  views: FrozenView[] = [];
  pageSetup: PageSetup = {};
  headerFooter: { oddFooter?: string } = {};
  autoFilter: { from: { row: number; column: number }; to: { row: number; column: number } } | null = null;
  readonly validations: { range: string; rule: Validation }[] = [];
  readonly conditionalFormats: { ref: string; rules: ConditionalRule[] }[] = [];
  readonly merges: string[] = [];
  picture: Picture | null = null;
  private sharedRuns = 0;

  constructor(
    readonly workbook: NameBook,
    readonly name: string,
    readonly state: 'visible' | 'hidden' | 'veryHidden' = 'visible',
    readonly tabColor: string | null = null,
  ) {}

  getRow(r: number): Row {
    return (this.rows[r] ??= new Row(r));
  }

  findRow(r: number): Row | undefined {
    return this.rows[r];
  }

  /** A cell by row and column (1-based), or by its address ("B5"). */
  getCell(rowOrAddress: number | string, col?: number): Cell {
    if (typeof rowOrAddress === 'number') return this.getRow(rowOrAddress).getCell(col!);
    const m = /^([A-Z]+)(\d+)$/.exec(rowOrAddress);
    if (!m) throw new Error(`not a cell address: ${rowOrAddress}`);
    return this.getRow(Number(m[2])).getCell(colNumber(m[1]!));
  }

  getColumn(c: number): Column {
    return (this.columns[c] ??= {});
  }

  /** The last column any row has a cell in. */
  get columnCount(): number {
    let n = 0;
    for (const row of this.rows) if (row && row.cells.length - 1 > n) n = row.cells.length - 1;
    return n;
  }

  /** The last row with a cell (or a height). */
  get rowCount(): number {
    return Math.max(0, this.rows.length - 1);
  }

  readonly dataValidations = {
    add: (range: string, rule: Validation) => void this.validations.push({ range, rule }),
  };

  addConditionalFormatting(cf: { ref: string; rules: ConditionalRule[] }): void {
    this.conditionalFormats.push(cf);
  }

  mergeCells(top: number, left: number, bottom: number, right: number): void {
    this.merges.push(`${cellRef(left, top)}:${cellRef(right, bottom)}`);
  }

  /** A new shared formula's index (unique within the sheet). */
  newSharedRun(top: number, left: number, right: number): SharedRun {
    return new SharedRun(this.sharedRuns++, top, left, top, right);
  }
}
