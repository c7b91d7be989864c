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

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(name: string, bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows writes cp1252 (e.g. "£" as 0xA3).
    return new TextDecoder('windows-1252').decode(bytes);
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

export function readCsv(file: RawFile): Table {
  const text = decodeText(file.name, file.bytes);
  if (looksBinary(text))
    throw new AppError('INPUT', `${file.name}: this does not look like a CSV or Excel file (it contains binary data). Export the budget from Excel as CSV or XLSX.`);
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  const quoteErrors = parsed.errors.filter((e) => e.type === 'Quotes');
  if (quoteErrors.length) {
    throw inputError(
      `${file.name}: a quoted value is never closed, so the rows after it cannot be read. Nothing was imported.`,
      quoteErrors.slice(0, 20).map((e) => ({
        file: file.name,
        row: (e.row ?? 0) + 1,
        message: 'a value starts with a quote (") that is never closed. Close the quote or remove it.',
      })),
    );
  }
  const rows = parsed.data;
  // Papaparse gives a trailing newline its own empty row.
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { fileName: file.name, sheets: [], sheet: null, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
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
      return r instanceof Date ? r.toISOString().slice(0, 10) : String(r);
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
