// Reading a partner's file (CSV or XLSX) into rows of text, numbered as a spreadsheet
// shows them, with a clear error naming the file and row when it cannot be read.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, inputError } from '../../../shared/contract/result';
import type { FileInput } from '../../../shared/contract/methods';

/** Files over this size are refused before reading: a budget is never 200 MB. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface RawFile {
  name: string;
  bytes: Buffer;
}

export interface Table {
  fileName: string;
  sheets: string[];
  sheet: string | null;
  /** Every row as text cells; rows[i] is spreadsheet row i + 1. */
  rows: string[][];
}

export function readFileInput(file: FileInput): RawFile {
  if ('path' in file) {
    let size: number;
    try {
      size = statSync(file.path).size;
    } catch {
      throw new AppError('INPUT', `${basename(file.path)}: no such file. Check the name and folder.`);
    }
    if (size > MAX_FILE_BYTES) throw tooBig(basename(file.path), size);
    return { name: basename(file.path), bytes: readFileSync(file.path) };
  }
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw tooBig(file.name, bytes.length);
  return { name: basename(file.name), bytes };
}

function tooBig(name: string, size: number): AppError {
  return new AppError(
    'INPUT',
    `${name}: the file is ${(size / 1024 / 1024).toFixed(0)} MB; Spendmap reads files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it by partner.`,
  );
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function readTable(file: RawFile, opts: { sheet?: string | undefined } = {}): Promise<Table> {
  const ext = extname(file.name).toLowerCase();
  if (file.bytes.subarray(0, 4).equals(XLSX_MAGIC) || ext === '.xlsx' || ext === '.xlsm') return readXlsx(file, opts.sheet);
  if (file.bytes.subarray(0, 4).equals(OLE_MAGIC) || ext === '.xls')
    throw new AppError('INPUT', `${file.name}: this is an old Excel 97–2003 (.xls) file. Save it as .xlsx or .csv in Excel and import that.`);
  return readCsv(file);
}

/** Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1); undefined bytes stay as they are. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 ourselves: Node's TextDecoder treats it as Latin-1 and loses €, ‘ ’ “ ” – —. */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    let s = '';
    for (const b of chunk) s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    out += s;
  }
  return out;
}

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows writes cp1252 (e.g. "£" as 0xA3).
    return decodeCp1252(bytes);
  }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

/** The delimiter of the header line: ";" (European Excel) or ",", counted outside quotes. */
function detectDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semis = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semis++;
    else if (!quoted && c === '\t') tabs++;
  }
  if (tabs > commas && tabs > semis) return '\t';
  return semis > commas ? ';' : ',';
}

/** The spreadsheet column (0-based) that character `index` of a CSV text falls in. */
function columnAt(text: string, index: number, delimiter: string): number {
  let col = 0;
  let quoted = false;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) col++;
    else if (!quoted && (c === '\n' || c === '\r')) col = 0;
  }
  return col;
}

export function readCsv(file: RawFile): Table {
  const text = decodeText(file.bytes);
  if (looksBinary(text))
    throw new AppError('INPUT', `${file.name}: this does not look like a CSV or Excel file (it contains binary data). Export the budget from Excel as CSV or XLSX.`);
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const quoteErrors = parsed.errors.filter((e) => e.type === 'Quotes');
  if (quoteErrors.length) {
    const header = parsed.data[0] ?? [];
    const seenRows = new Set<number>();
    const problems = [];
    for (const e of quoteErrors) {
      const row = (e.row ?? 0) + 1;
      if (seenRows.has(row)) continue;
      seenRows.add(row);
      const col = e.index === undefined ? null : columnAt(text, e.index, delimiter);
      const name = col === null ? undefined : header[col]?.trim() || columnLetter(col);
      const open = e.code === 'MissingQuotes';
      problems.push({
        file: file.name,
        row,
        ...(name ? { column: name } : {}),
        message: open
          ? 'a value starts with a quote (") that is never closed, so the rows after it cannot be read. Close the quote or remove it.'
          : 'a quoted value has text after its closing quote. Put the whole value in quotes, with any quote inside it doubled ("").',
      });
      if (problems.length >= 20) break;
    }
    throw inputError(`${file.name}: the file's quotes are unbalanced, so it cannot be read reliably. Nothing was imported.`, problems);
  }
  const rows = parsed.data;
  // Papaparse gives a trailing newline its own empty row.
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { fileName: file.name, sheets: [], sheet: null, rows };
}

/** A number as Excel shows it: 15 significant digits (110.00000000000001 → "110"). */
function excelNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : String(v);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return excelNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      // A formula counts as what Excel last showed for it.
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return '';
      if (typeof r === 'object' && r !== null && 'error' in r) return String((r as { error: string }).error);
      return r instanceof Date ? r.toISOString().slice(0, 10) : typeof r === 'number' ? excelNumber(r) : String(r);
    }
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

async function readXlsx(file: RawFile, sheetName: string | undefined): Promise<Table> {
  // Loaded on demand: most commands never read a workbook.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INPUT', `${file.name}: this file cannot be read as an Excel workbook (.xlsx). It may be damaged or password-protected; open it in Excel and save it again.`);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName === undefined ? wb.worksheets[0] : wb.getWorksheet(sheetName);
  if (!ws) {
    if (sheetName === undefined) throw new AppError('INPUT', `${file.name}: the workbook has no sheets.`);
    throw new AppError('INPUT', `${file.name}: there is no sheet "${sheetName}". Its sheets are: ${sheets.join(', ')}.`);
  }
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { fileName: file.name, sheets, sheet: ws.name, rows };
}

/** Column letters as a spreadsheet shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
