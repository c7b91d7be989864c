// Cell helpers every sheet of a pack uses: formulas with cached results, styled cells,
// print setup and column widths.
import { CONFIDENCES, type Confidence } from '../../../../shared/domain/types';
import { ratioFromNumber, roundHalfUp } from '../../../../shared/decimal';
import type { PackLine, PackNeighbourhood } from '../model';
import { colLetter, colNumber } from '../layout';
import { S } from '../styles';
import type { Cached, FormulaValue, Sheet, SharedRun, Style, Validation, Value } from '../xlsx/sheet';

export type Ws = Sheet;
export type { Style, Value } from '../xlsx/sheet';

export interface PackSpec {
  kind: 'partner' | 'neighbourhood';
  /** The partner's or the neighbourhood's name. */
  subject: string;
  lines: PackLine[];
  /** Neighbourhoods shown (all of the project's for a partner pack; the one for a neighbourhood pack). */
  neighbourhoods: { index: number; n: PackNeighbourhood }[];
}

/** A formula with its cached result; null caches #N/A (what Excel shows when a figure cannot be worked out). */
export const formula = (f: string, result: number | string | null): FormulaValue => ({ formula: f, result: result === null ? { error: '#N/A' } : result });
export const pounds = (pence: number) => pence / 100;

export function validations(ws: Ws): { add(range: string, validation: Validation): void } {
  return ws.dataValidations;
}

export function put(ws: Ws, row: number, col: number, value: Value, style: Style): void {
  const cell = ws.getCell(row, col);
  cell.value = value;
  cell.style = style;
}

/** Text a partner or user wrote: always a text cell (numFmt "@"), never a formula. */
export function text(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : value;
}

/** What the per-head formula shows: pounds to the penny (half up on whole pence), "" without a population. */
export function perHeadCached(pence: number, population: number | null): number | string {
  if (population === null || !(population > 0)) return '';
  const p = ratioFromNumber(population);
  return Number(roundHalfUp({ n: BigInt(pence) * p.d, d: p.n })) / 100;
}

export const confidenceOf = (c: string): Confidence => ((CONFIDENCES as readonly string[]).includes(c) ? (c as Confidence) : 'red');

/** Column-width units (characters) across an A4 landscape page at 100%, inside the margins. */
const PAGE_CHARS = 145;
/** Below this scale a printed sheet is too small to read: it goes across pages instead. */
const MIN_SCALE = 0.7;

/**
 * Landscape A4, headers repeated on every page; fitted to one page wide only when that
 * keeps it at 70% or more, else printed at 100% across pages (title columns repeated).
 * Call once the column widths are set. lastCol: the last printed column.
 */
export function printSetup(ws: Ws, titleRows: string | null, titleCols: string | null = null, lastCol = ws.columnCount): void {
  let chars = 0;
  for (let c = 1; c <= lastCol; c++) chars += ws.getColumn(c).width ?? 9;
  const fits = chars * MIN_SCALE <= PAGE_CHARS;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: fits,
    ...(fits ? { fitToWidth: 1, fitToHeight: 0 } : { scale: 100 }),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  if (titleRows) ws.pageSetup.printTitlesRow = titleRows;
  if (titleCols) ws.pageSetup.printTitlesColumn = titleCols;
  ws.headerFooter = { oddFooter: '&L&A&RPage &P of &N' };
}

/** Column width that fits the longest text (in characters), within limits. */
export function fit(texts: Iterable<string | null | undefined>, min: number, max: number): number {
  let w = min;
  for (const t of texts) if (t) w = Math.max(w, Math.min(max, t.length + 2));
  return w;
}

export function tableHeader(ws: Ws, r: number, headers: string[], rightFrom: number): void {
  headers.forEach((h, i) => put(ws, r, i + 1, h, i >= rightFrom ? S.headerRight : S.header));
}


/**
 * Formulas written as Excel's fill writes them: a run of consecutive rows holding the
 * same formula, relative to its row, is one shared formula whose text is stored once, at
 * the run's first cell. A block of ward columns is one run per column, each with its own
 * text (the first column's, moved right): LibreOffice opens a formula shared down one
 * column much faster than one shared across columns too (a 2,500-line partner pack:
 * 3.8 s against 5.7 s, for 1.68 MB against 1.31 MB; docs/method.md "Packs"). A run
 * ends at a row with another formula or none, so a shared range never covers another
 * cell's content.
 */
export class Fills {
  private readonly runs = new Map<string, { key: string; columns: SharedRun[] }>();

  /**
   * f: the formula of the run's first column at row; it fills one column to the right per
   * result; style: one for every column, or one per column.
   */
  put(ws: Ws, row: number, col: number, f: string, results: readonly (number | string | null | undefined)[], style: Style | readonly Style[], run = String(col)): void {
    const styles = Array.isArray(style) ? (style as readonly Style[]) : null;
    const key = rowFree(f, row);
    const prev = this.runs.get(run);
    const r = ws.getRow(row);
    const goesOn = prev && prev.key === key && prev.columns[0]!.bottom === row - 1 && prev.columns[0]!.left === col && prev.columns.length === results.length;
    const columns = goesOn ? prev.columns : results.map((_, k) => ws.newSharedRun(row, col + k, col + k));
    if (!goesOn) this.runs.set(run, { key, columns });
    for (let k = 0; k < results.length; k++) {
      const shared = columns[k]!;
      const cell = r.getCell(col + k);
      if (goesOn) {
        shared.bottom = row;
        cell.value = shared;
        cell.result = resultOf(results[k]);
      } else cell.value = { formula: k ? shiftColumns(f, k) : f, result: resultOf(results[k]), shared };
      cell.style = styles ? styles[k]! : (style as Style);
    }
  }

  /** A setter for the cells of one row: a formula joins its column's run, a value is written as it is. */
  row(ws: Ws, r: number): (c: number, value: Value, style: Style) => void {
    const row = ws.getRow(r);
    return (c, value, style) => {
      if (value !== null && typeof value === 'object' && 'formula' in value) {
        const result = value.result;
        this.put(ws, r, c, value.formula, [result !== null && typeof result === 'object' ? null : (result as number | string | undefined)], style);
        return;
      }
      const cell = row.getCell(c);
      cell.value = value;
      cell.style = style;
    };
  }
}

/**
 * The formula with its relative references to this row (a letter, then the row number,
 * then no digit) made "#": equal on consecutive rows for the same formula filled down.
 * A scan, not a regular expression: a large pack keys a million formulas.
 */
export function rowFree(f: string, row: number): string {
  const digits = String(row);
  let out = '';
  let from = 0;
  for (let at = f.indexOf(digits); at >= 0; at = f.indexOf(digits, at + 1)) {
    const before = f.charCodeAt(at - 1);
    const after = f.charCodeAt(at + digits.length);
    if (!(before >= 65 && before <= 90) || (after >= 48 && after <= 57)) continue;
    out += `${f.slice(from, at)}#`;
    from = at + digits.length;
  }
  return from ? out + f.slice(from) : f;
}

// A cell reference in a formula: not inside a name or number; column and row, each
// optionally fixed by $; not followed by more of a name or by "(" (a function such as LOG10).
const REFERENCE = /"[^"]*"|'[^']*'|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?\d+)(?![A-Za-z0-9_(])/g;

/**
 * The formula as it reads dk columns to the right, as a fill to the right writes it: each
 * reference's column moves unless fixed with $; texts in quotes are left as they are.
 */
export function shiftColumns(f: string, dk: number): string {
  return f.replace(REFERENCE, (whole, fixed: string | undefined, letters: string | undefined, rowPart: string) =>
    letters === undefined || fixed ? whole : colLetter(colNumber(letters) + dk) + rowPart,
  );
}

/** Column letters, each worked out once (a large pack writes millions of references). */
export function columnLetters(): (col: number) => string {
  const letters = new Map<number, string>();
  return (col) => {
    let s = letters.get(col);
    if (s === undefined) letters.set(col, (s = colLetter(col)));
    return s;
  };
}

/** A cached result: undefined writes none (the program works it out on opening); null caches #N/A. */
const resultOf = (v: number | string | null | undefined): Cached => (v === null ? { error: '#N/A' } : v);
