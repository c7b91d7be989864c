// XLSX: a sheet's rows as text, read the way the user sees the workbook. The archive is
// read with fflate and the XML with saxes (zip-parts.ts, xml.ts), a piece at a time, so
// memory and work follow the cells that exist. What the user cannot see is not imported
// unless they say so: the default sheet is the first visible one, and a hidden row,
// column or sheet holding values is refused (opts.includeHidden reads them).
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { readMerges } from './merges';
import { columnLetter, MAX_SHEET_XML_BYTES, type ByteSource, type RowSink, type StreamOptions, type TableInfo } from './source';
import { sheetReader, type SheetRow, type SheetRowSink } from './sheet-rows';
import { readWorkbook, type SheetEntry, type Workbook } from './workbook';
import { zipPass } from './zip-parts';

export { isDateFormat, isPercentFormat } from './workbook';

/**
 * Blank cells a sheet may have between its values, beyond 1,024 in a row, in all: a
 * sheet with a stray value in column XFD on every row would otherwise take gigabytes.
 */
const MAX_BLANK_CELLS = 4_000_000;
/** Hidden rows named in a refusal, at most. */
const MAX_HIDDEN_LISTED = 20;

const hiddenAdvice = 'Spendmap imports only what you can see: unhide them in Excel (or delete them), or tick "Include hidden rows" (--include-hidden).';

/** The sheet to read: the one named, else the first visible one. */
export function chooseSheet(name: string, book: Workbook, opts: { sheet?: string | undefined; includeHidden?: boolean | undefined }): SheetEntry {
  const visible = book.sheets.filter((s) => !s.hidden);
  if (opts.sheet === undefined) {
    const first = visible[0] ?? (opts.includeHidden ? book.sheets[0] : undefined);
    if (first) return first;
    if (book.sheets.length === 0) throw new AppError('INPUT', `${name}: the workbook has no sheets.`);
    throw new AppError('INPUT', `${name}: every sheet of the workbook is hidden. ${hiddenAdvice}`);
  }
  const named = book.sheets.find((s) => s.name === opts.sheet);
  const listed = (opts.includeHidden ? book.sheets : visible).map((s) => s.name);
  if (!named) throw new AppError('INPUT', `${name}: there is no sheet "${opts.sheet}". Its sheets are: ${listed.join(', ')}.`);
  if (named.hidden && !opts.includeHidden) throw new AppError('INPUT', `${name}: the sheet "${named.name}" is hidden. ${hiddenAdvice}`);
  return named;
}

/** Streams several sheets of a workbook in one pass over the file (after their merged ranges are read); `sinks` by sheet part. */
export async function streamSheets(source: ByteSource, book: Workbook, sinks: Map<string, { sheet: string; sink: SheetRowSink }>, opts: StreamOptions = {}): Promise<void> {
  const merges = await readMerges(source, new Map([...sinks].map(([part, s]) => [part, s.sheet])), opts);
  const readers = new Map([...sinks].map(([part, s]) => [part, sheetReader(source.name, s.sheet, book, s.sink, merges.get(part))]));
  await zipPass(source, (part) => readers.get(part)?.handler ?? null, {
    limit: (part) => ({ bytes: MAX_SHEET_XML_BYTES, what: `the sheet "${sinks.get(part)?.sheet ?? part}"` }),
    signal: opts.signal,
    onProgress: opts.onProgress,
    done: () => [...readers.values()].every((r) => r.stopped()),
  });
}

/** A row as dense text cells up to its last value; counts the blanks it fills in against `budget`. */
function denseCells(r: SheetRow, budget: { blanks: number }, fail: (row: number, col: number, message: string) => never): string[] {
  let width = 0;
  let values = 0;
  for (const c of r.cells)
    if (c.text !== '') {
      width = Math.max(width, c.col + 1);
      values++;
    }
  const blanks = width - values;
  if (blanks > 1024 && (budget.blanks -= blanks) < 0)
    fail(
      r.row,
      width - 1,
      `has a value in column ${columnLetter(width - 1)}, far to the right of the rest of its row, as do the rows before it: the sheet is too sparse to read as a table. Delete the stray cells to the right of the table, or copy the table into a new sheet.`,
    );
  const cells = new Array<string>(width).fill('');
  for (const c of r.cells) if (c.col < width && c.text !== '') cells[c.col] = c.text;
  return cells;
}

export async function streamXlsx(source: ByteSource, opts: StreamOptions, sink: RowSink): Promise<TableInfo> {
  const name = source.name;
  if (source.size < 22) throw new AppError('INPUT', `${name}: this file cannot be read as an Excel workbook (.xlsx) (it is empty or cut short). It may be damaged or password-protected; open it in Excel and save it again.`);
  const book = await readWorkbook(source, opts);
  const chosen = chooseSheet(name, book, opts);
  const info: TableInfo = { fileName: name, sheets: book.sheets.filter((s) => opts.includeHidden || !s.hidden).map((s) => s.name), sheet: chosen.name };
  if (!chosen.path || !book.parts.has(chosen.path)) return info; // a chart sheet, or an empty sheet with no part: no rows

  const fail = (row: number, col: number, message: string): never => {
    throw inputError(`${name}: the sheet "${chosen.name}" cannot be read; nothing was imported.`, [{ file: name, row, column: columnLetter(Math.max(0, col)), message }]);
  };
  const budget = { blanks: MAX_BLANK_CELLS };
  const hidden: Problem[] = [];
  const onRow: SheetRowSink = (r, hiddenCols) => {
    if (!opts.includeHidden) {
      const seen = r.hidden ? r.cells.find((c) => c.text.trim() !== '') : r.cells.find((c) => hiddenCols[c.col] && c.text.trim() !== '');
      if (seen) {
        const column = columnLetter(seen.col);
        hidden.push({ file: name, row: r.row, column, message: r.hidden ? 'is a hidden row that holds values.' : `is in column ${column}, which is hidden, and holds a value.` });
        return hidden.length < MAX_HIDDEN_LISTED;
      }
    }
    if (hidden.length) return; // refused at the end: only the hidden rows matter now
    return sink(denseCells(r, budget, fail), r.row);
  };
  await streamSheets(source, book, new Map([[chosen.path, { sheet: chosen.name, sink: onRow }]]), opts);
  if (hidden.length) {
    const rows = [...new Set(hidden.map((h) => h.row))];
    throw inputError(
      `${name}: the sheet "${chosen.name}" has hidden rows or columns holding values (rows ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ', …' : ''}). ${hiddenAdvice} Nothing was imported.`,
      hidden,
    );
  }
  return info;
}
