// A worksheet's rows as they stream: only the cells that exist, each with its column,
// its value as Excel shows it, its style and whether it holds a formula. Merged ranges
// are not spread: a merged cell's value belongs to its top-left cell, as Excel shows
// it, and a value stored under the rest of the range is read as blank (merges.ts), so
// the work is proportional to the cells in the file, whatever the merges.
import { inputError, type Problem } from '../../../shared/contract/result';
import { columnLetter, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS } from './source';
import type { MergedCells } from './merged-cells';
import { isDateFormat, type Workbook } from './workbook';
import { decodeOoxml, XmlReader } from './xml';
import { damaged, type PartHandler } from './zip-parts';

export const MAX_ROWS = 1_048_576;

export interface SheetCell {
  col: number;
  /** The value as text, as Excel shows it unformatted ('' when empty). */
  text: string;
  kind: 'empty' | 'number' | 'text' | 'bool' | 'error' | 'date';
  /** The number, for kind 'number'. */
  value?: number;
  formula: boolean;
  style: number;
}

export interface SheetRow {
  row: number;
  hidden: boolean;
  cells: SheetCell[];
}

/** Which columns the sheet hides (its <cols> list comes before its rows). */
export type HiddenColumns = Uint8Array;

/** Receives each row with at least one cell, in order. Return false to stop. */
export type SheetRowSink = (row: SheetRow, hiddenColumns: HiddenColumns) => boolean | void;

/** Column index (0-based) of a cell reference such as "AB12"; -1 if it has none. */
function columnOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** A number as Excel shows it: 15 significant digits (110.00000000000001 → "110"). */
const excelNumber = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(15))) : String(v));

/** A date serial as yyyy-mm-dd (exceljs's rule), or null when out of range. */
function serialDate(v: number, date1904: boolean): string | null {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : null;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/**
 * A handler for one worksheet part: parses it as it streams and passes each row to
 * `sink`. `stopped()` says when the sink asked to stop.
 */
export function sheetReader(fileName: string, sheetName: string, book: Workbook, sink: SheetRowSink, merged?: MergedCells): { handler: PartHandler; stopped: () => boolean } {
  const dates = new Set<number>();
  book.formats.forEach((f, i) => isDateFormat(f) && dates.add(i));
  const hiddenCols: HiddenColumns = new Uint8Array(MAX_COLUMNS);
  const fail = (row: number, col: number, message: string): never => {
    const problem: Problem = { file: fileName, row, column: columnLetter(Math.max(0, col)), message };
    throw inputError(`${fileName}: the sheet "${sheetName}" cannot be read; nothing was imported.`, [problem]);
  };
  let stop = false;
  let inSheetData = false;
  let row: SheetRow | null = null;
  let rowNum = 0;
  let rowChars = 0;
  let nextCol = 0;
  let cell: SheetCell | null = null;
  let type = 'n';
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  let hasValue = false;

  const finishRow = () => {
    if (!row) return;
    const r = row;
    row = null;
    if (merged) r.cells = merged.visible(r.row, r.cells);
    if (!stop && r.cells.length && sink(r, hiddenCols) === false) stop = true;
  };
  const startRow = (n: number, hidden: boolean) => {
    if (n > MAX_ROWS) fail(n, 0, 'is past the last row a spreadsheet has (1,048,576).');
    rowNum = n;
    row = { row: n, hidden, cells: [] };
    rowChars = 0;
    nextCol = 0;
  };
  const finishCell = () => {
    const c = cell!;
    cell = null;
    if (hasValue) {
      const raw = text;
      switch (type) {
        case 's': {
          const s = book.strings[Number(raw.trim())];
          if (s === undefined || raw.trim() === '') fail(rowNum, c.col, 'refers to text the workbook does not have, so the file is damaged. Open it in Excel and save it again.');
          c.text = s!;
          c.kind = 'text';
          break;
        }
        case 'inlineStr':
        case 'str':
          c.text = decodeOoxml(raw);
          c.kind = 'text';
          break;
        case 'b':
          c.text = raw.trim() === '1' ? 'TRUE' : raw.trim() === '0' ? 'FALSE' : raw;
          c.kind = 'bool';
          break;
        case 'e':
          c.text = raw.trim();
          c.kind = 'error';
          break;
        case 'd': {
          const t = raw.trim();
          const d = new Date(t);
          c.text = Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : t;
          c.kind = 'date';
          break;
        }
        default: {
          const t = raw.trim();
          const v = Number(t);
          if (t === '') break;
          if (!Number.isFinite(v)) {
            c.text = t;
            c.kind = 'text';
          } else if (dates.has(c.style)) {
            c.text = serialDate(v, book.date1904) ?? excelNumber(v);
            c.kind = 'date';
          } else {
            c.text = excelNumber(v);
            c.kind = 'number';
            c.value = v;
          }
        }
      }
      if (c.kind === 'text' && c.text.trim() === '') c.kind = c.text === '' ? 'empty' : 'text';
    }
    if (c.text.length > MAX_CELL_CHARS) fail(rowNum, c.col, `a value is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, the most a cell holds.`);
    rowChars += c.text.length;
    if (rowChars > MAX_ROW_CHARS) fail(rowNum, c.col, `the row holds more than ${MAX_ROW_CHARS.toLocaleString('en-GB')} characters.`);
    if (c.kind !== 'empty' || c.formula) row!.cells.push(c);
    nextCol = c.col + 1;
  };

  const reader = new XmlReader(
    {
      open: (tag, a, selfClosing) => {
        if (stop) return;
        if (tag === 'sheetData') {
          inSheetData = !selfClosing;
          return;
        }
        if (!inSheetData) {
          if (tag === 'col' && truthy(a.hidden)) {
            const min = Math.max(1, Number(a.min) || 1);
            const max = Math.min(MAX_COLUMNS, Number(a.max) || min);
            for (let c = min; c <= max; c++) hiddenCols[c - 1] = 1;
          }
          return;
        }
        if (tag === 'row') {
          finishRow();
          const r = Number(a.r);
          startRow(Number.isInteger(r) && r > rowNum ? r : rowNum + 1, truthy(a.hidden));
          if (selfClosing) finishRow();
        } else if (tag === 'c') {
          if (!row) startRow(rowNum + 1, false); // a cell outside a row: a row of its own
          const c = a.r ? columnOfRef(a.r) : -1;
          const col = c >= 0 ? c : nextCol;
          if (col >= MAX_COLUMNS) fail(rowNum, MAX_COLUMNS - 1, `has a cell past column ${columnLetter(MAX_COLUMNS - 1)}, the last a spreadsheet has.`);
          cell = { col, text: '', kind: 'empty', formula: false, style: Number(a.s ?? -1) };
          type = a.t ?? 'n';
          text = '';
          hasValue = inV = inIs = inT = false;
          phonetic = 0;
          if (selfClosing) finishCell();
        } else if (cell && !selfClosing) {
          if (tag === 'v') inV = hasValue = true;
          else if (tag === 'is') inIs = hasValue = true;
          else if (tag === 'f') cell.formula = true;
          else if (tag === 'rPh') phonetic++;
          else if (tag === 't' && inIs && !phonetic) inT = true;
        } else if (cell && tag === 'f') cell.formula = true;
      },
      close: (tag) => {
        if (stop) return;
        if (tag === 'sheetData') {
          finishRow();
          inSheetData = false;
          // Nothing after the rows is needed (merged ranges were read first, merges.ts): stop here.
          stop = true;
        } else if (!inSheetData) return;
        else if (tag === 'row') finishRow();
        else if (tag === 'v') inV = false;
        else if (tag === 't') inT = false;
        else if (tag === 'is') inIs = false;
        else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (tag === 'c' && cell) finishCell();
      },
      text: (t) => {
        if (!(inV || inT) || stop) return;
        text += t;
        if (text.length > MAX_CELL_CHARS) fail(rowNum, cell?.col ?? 0, `a value is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, the most a cell holds.`);
      },
      tooLong: () => fail(rowNum, cell?.col ?? nextCol, `a value is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, the most a cell holds.`),
    },
    (why) => {
      throw damaged(fileName, why);
    },
  );
  return {
    handler: (chunk, final) => {
      if (stop) return;
      reader.bytes(chunk, final);
      if (final) finishRow();
    },
    stopped: () => stop,
  };
}
