// Reading a partner's file (CSV or XLSX) as rows of text, numbered as a spreadsheet
// shows them, with a clear error naming the file, row and column when it cannot be read.
//
// Files are streamed: a CSV is decoded and split into rows a megabyte at a time, an
// XLSX sheet is inflated (fflate) and parsed (saxes) a chunk at a time, not loaded into
// exceljs's in-memory model, which needs ~8 KB per cell. So memory stays bounded by
// the limits below whatever the file holds, and a caller can stop early (too many
// rows) without reading the rest. Partner files are untrusted: every size is capped.
import { extname } from 'node:path';
import { AppError, inputError } from '../../../shared/contract/result';
import { streamCsv } from './csv-reader';
import { bufferSource, EMPTY_ZIP_MAGIC, MAX_TABLE_ROWS, OLE_MAGIC, XLSX_MAGIC, type ByteSource, type RawFile, type RowSink, type StreamOptions, type Table, type TableInfo } from './source';
import { chooseSheet, streamXlsx } from './xlsx-reader';
import { readWorkbook } from './workbook';
import { csvRowsBeyond } from './csv-row-scan';
import { sheetRowsBeyond } from './sheet-row-scan';

export * from './source';
export { decodeCp1252, decodeText } from './text';
export { CsvRowReader, readCsv } from './csv-reader';
export { isDateFormat, isPercentFormat } from './xlsx-reader';

/**
 * Streams the rows of a CSV or XLSX file to `sink`. Problems with the file itself
 * (binary data, broken quotes, a damaged workbook) are thrown as one AppError naming
 * file, row and column; whatever `sink` throws is passed on.
 */
export async function streamTable(source: ByteSource, opts: StreamOptions, sink: RowSink): Promise<TableInfo> {
  const head = source.read(0, 8);
  const ext = extname(source.name).toLowerCase();
  const magic = head.subarray(0, 4);
  if (magic.equals(XLSX_MAGIC) || magic.equals(EMPTY_ZIP_MAGIC) || ext === '.xlsx' || ext === '.xlsm') return streamXlsx(source, opts, sink);
  if (magic.equals(OLE_MAGIC) || ext === '.xls')
    throw new AppError(
      'INPUT',
      `${source.name}: this is an old Excel 97–2003 (.xls) file, or a password-protected workbook. Save it as .xlsx or .csv in Excel (without a password) and import that.`,
    );
  return streamCsv(source, opts, sink);
}

/** Where a file passed a row cap: the row, and the sheet it is in (an XLSX). */
export interface RowCapPassed {
  row: number;
  sheet: string | null;
}

/**
 * The first non-blank row after `limit` of them (and its sheet), or null when the
 * file has no more than `limit` (or cannot be read: the full read reports why). A
 * quick look first — a file or sheet too small to hold that many rows cannot have
 * more — then, only when needed, a count from the
 * bytes without reading any value (csv-row-scan.ts, sheet-row-scan.ts), so a file of a
 * million rows is refused in about a second, holding a few megabytes.
 */
export async function rowBeyond(source: ByteSource, limit: number, opts: Pick<StreamOptions, 'sheet' | 'includeHidden' | 'signal'> = {}): Promise<RowCapPassed | null> {
  const head = source.read(0, 4);
  if (head.equals(OLE_MAGIC) || /\.xls$/i.test(source.name)) return null;
  if (head.equals(XLSX_MAGIC) || head.equals(EMPTY_ZIP_MAGIC) || /\.xls[xm]$/i.test(source.name)) {
    try {
      const book = await readWorkbook(source, { strings: false, signal: opts.signal });
      const chosen = chooseSheet(source.name, book, opts);
      const size = chosen.path ? book.parts.get(chosen.path) : undefined;
      // The smallest row with a value, <row><c><v>1</v></c></row>, is 26 bytes.
      if (!chosen.path || !book.parts.has(chosen.path) || (size !== undefined && size < limit * 26)) return null;
      const row = await sheetRowsBeyond(source, chosen.path, limit, opts.signal);
      return row === null ? null : { row, sheet: chosen.name };
    } catch (e) {
      if (e instanceof AppError && e.code === 'CANCELLED') throw e;
      return null;
    }
  }
  // Each row holding a value takes two bytes at least: a character and a line end.
  if (source.size < limit * 2) return null;
  const scanned = await csvRowsBeyond(source, limit, opts.signal);
  if (scanned !== undefined) return scanned === null ? null : { row: scanned, sheet: null };
  // Text the bytes cannot tell (UTF-16): counted by the reader, without checking values.
  let count = 0;
  let beyond: number | null = null;
  try {
    await streamTable(source, { sheet: opts.sheet, includeHidden: opts.includeHidden, signal: opts.signal }, (cells, row) => {
      if (beyond !== null) return false;
      if (!cells.some((c) => c.trim() !== '')) return;
      if (++count > limit) {
        beyond = row;
        return false;
      }
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') throw e;
    return null;
  }
  return beyond === null ? null : { row: beyond, sheet: null };
}

/** Every row of a file in memory (for small files: proxies, ward figures); refused past `maxRows` non-blank rows. */
export async function readTable(
  file: RawFile | ByteSource,
  opts: { sheet?: string | undefined; includeHidden?: boolean | undefined; maxRows?: number; tooMany?: string } = {},
): Promise<Table> {
  const source = 'bytes' in file ? bufferSource(file.name, file.bytes) : file;
  const maxRows = opts.maxRows ?? MAX_TABLE_ROWS;
  // A file far past the cap is refused from a count of its bytes (only a file big
  // enough to pass it is counted), before any row is kept.
  const beyond = await rowBeyond(source, maxRows, opts);
  if (beyond) throw tooManyRows(source.name, beyond, maxRows, opts.tooMany);
  const rows: string[][] = [];
  let kept = 0;
  const info = await streamTable(source, { sheet: opts.sheet, includeHidden: opts.includeHidden }, (cells, row) => {
    if (cells.some((c) => c.trim() !== '') && ++kept > maxRows) throw tooManyRows(source.name, row, maxRows, opts.tooMany);
    while (rows.length < row - 1) rows.push([]);
    rows[row - 1] = cells;
  });
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { ...info, rows };
}

export function tooManyRows(fileName: string, at: number | RowCapPassed, max: number, advice = 'Split it into smaller files.'): AppError {
  const { row, sheet } = typeof at === 'number' ? { row: at, sheet: null } : at;
  const what = sheet === null ? 'the file has' : `the sheet "${sheet}" has`;
  return inputError(
    `${fileName}: ${what} more than ${max.toLocaleString('en-GB')} rows; Spendmap reads at most ${max.toLocaleString('en-GB')} at a time. ${advice} Nothing was imported.`,
    [{ file: fileName, row, column: 'A', message: `is past the ${max.toLocaleString('en-GB')}-row limit${sheet === null ? '' : ` in the sheet "${sheet}"`}: the file was not read any further.` }],
  );
}
