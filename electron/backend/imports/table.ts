// Reading a partner's file (CSV or XLSX) as rows of text, numbered as a spreadsheet
// shows them, with a clear error naming the file, row and column when it cannot be read.
//
// Files are streamed: a CSV is decoded and split into rows a megabyte at a time, an
// XLSX sheet is inflated and scanned a chunk at a time (its own small reader, not
// exceljs's in-memory model, which needs ~8 KB per cell). So memory stays bounded by
// the limits below whatever the file holds, and a caller can stop early (too many
// rows) without reading the rest. Partner files are untrusted: every size is capped.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, extname, posix } from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

/** zlib.crc32 (Node 20.15+, and Electron's Node): zip checksums are checked where it exists. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import type { FileInput } from '../../../shared/contract/methods';

/** Files over this size are refused before reading: a budget is never 200 MB. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** The most text one cell may hold: Excel's own limit. */
export const MAX_CELL_CHARS = 32_767;
/** The most columns one row may have: Excel's own limit (XFD). */
export const MAX_COLUMNS = 16_384;
/** The most text one row may hold, all cells together. */
export const MAX_ROW_CHARS = 1_048_576;
/** Rows that `readTable` keeps in memory at most (non-blank rows). */
export const MAX_TABLE_ROWS = 500_000;
/** An XLSX sheet is refused when it unpacks to more than this (a "zip bomb" or a huge sheet). */
const MAX_SHEET_XML_BYTES = 1024 * 1024 * 1024;
/** Shared strings kept for an XLSX, in characters. */
const MAX_SHARED_CHARS = 64 * 1024 * 1024;
/** Small XLSX parts (workbook, relationships, styles) unpack to at most this. */
const MAX_SMALL_PART_BYTES = 32 * 1024 * 1024;
/** Text is decoded and split into rows this many bytes at a time. */
const CHUNK_BYTES = 1024 * 1024;

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

/** What a streamed file turned out to be. */
export interface TableInfo {
  fileName: string;
  sheets: string[];
  sheet: string | null;
}

/**
 * Receives each row in order with its spreadsheet row number (1-based; an XLSX may
 * skip numbers of empty rows). Return false to stop reading. May throw to abandon.
 */
export type RowSink = (cells: string[], row: number) => boolean | void;

export interface StreamOptions {
  sheet?: string | undefined;
  /** Called between chunks with the bytes read so far and the file's size. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  signal?: AbortSignal | undefined;
}

/** A file's bytes, read a piece at a time: from disk, or from memory. */
export interface ByteSource {
  name: string;
  size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

export function bufferSource(name: string, bytes: Buffer): ByteSource {
  return { name, size: bytes.length, read: (p, n) => bytes.subarray(p, Math.min(bytes.length, p + n)), close() {} };
}

function fileSource(path: string, name: string): ByteSource {
  const fd = openSync(path, 'r');
  let open = true;
  const size = fstatSync(fd).size;
  return {
    name,
    size,
    read(position, length) {
      const n = Math.max(0, Math.min(length, size - position));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, position + got);
        if (r === 0) break;
        got += r;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function tooBig(name: string, size: number): AppError {
  return new AppError(
    'INPUT',
    `${name}: the file is ${(size / 1024 / 1024).toFixed(0)} MB; Spendmap reads files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it by partner.`,
  );
}

function noSuchFile(path: string): AppError {
  return new AppError('INPUT', `${basename(path)}: no such file. Check the name and folder.`);
}

/** Opens a file handed to the backend for streaming; close() it when done. */
export function openFileInput(file: FileInput): ByteSource {
  if ('path' in file) {
    let size: number;
    try {
      const st = statSync(file.path);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      throw noSuchFile(file.path);
    }
    if (size > MAX_FILE_BYTES) throw tooBig(basename(file.path), size);
    try {
      return fileSource(file.path, basename(file.path));
    } catch {
      throw new AppError('INPUT', `${basename(file.path)}: the file cannot be read (it may be open in another program, or you may not have permission).`);
    }
  }
  const raw = readFileInput(file);
  return bufferSource(raw.name, raw.bytes);
}

export function readFileInput(file: FileInput): RawFile {
  if ('path' in file) {
    let size: number;
    try {
      const st = statSync(file.path);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      throw noSuchFile(file.path);
    }
    if (size > MAX_FILE_BYTES) throw tooBig(basename(file.path), size);
    return { name: basename(file.path), bytes: readFileSync(file.path) };
  }
  // base64 is 4/3 of the bytes: refuse before decoding.
  if (Math.floor((file.base64.length * 3) / 4) > MAX_FILE_BYTES + 3) throw tooBig(file.name, Math.floor((file.base64.length * 3) / 4));
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw tooBig(file.name, bytes.length);
  return { name: basename(file.name.replace(/\\/g, '/')) || 'file', bytes };
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const tick = () => new Promise<void>((r) => setImmediate(r));

function cancelled(name: string): AppError {
  return new AppError('CANCELLED', `Reading ${name} was cancelled; nothing was imported.`);
}

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

/**
 * The row number of the first non-blank row after `limit` of them, or null when the
 * file has no more than `limit` (or cannot be read: the full read reports why). A
 * quick look first — a CSV with fewer line ends than `limit`, or a sheet too small to
 * hold that many rows, cannot have more — then, only when needed, a count without
 * checking any value, so a file of a million rows is refused in seconds, not after
 * checking half of it.
 */
export async function rowBeyond(source: ByteSource, limit: number, sheet?: string): Promise<number | null> {
  const head = source.read(0, 4);
  if (head.equals(OLE_MAGIC) || /\.xls$/i.test(source.name)) return null;
  if (head.equals(XLSX_MAGIC) || head.equals(EMPTY_ZIP_MAGIC) || /\.xls[xm]$/i.test(source.name)) {
    try {
      const entries = zipEntries(source);
      const book = readWorkbook(source, entries);
      const chosen = sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheet);
      const entry = chosen?.path ? entries.get(chosen.path) : undefined;
      // The smallest row with a value, <row><c><v>1</v></c></row>, is 26 bytes.
      if (!entry || entry.size < limit * 26) return null;
    } catch {
      return null;
    }
  } else {
    let lf = 0;
    let cr = 0;
    for (let p = 0; p < source.size && lf <= limit && cr <= limit; p += 16 * 1024 * 1024) {
      const chunk = source.read(p, 16 * 1024 * 1024);
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lf++;
      for (let i = chunk.indexOf(13); i >= 0 && lf === 0; i = chunk.indexOf(13, i + 1)) cr++;
    }
    if (Math.max(lf, cr) < limit) return null;
  }
  let count = 0;
  let beyond: number | null = null;
  try {
    await streamTable(source, { sheet }, (cells, row) => {
      if (beyond !== null) return false;
      if (!cells.some((c) => c.trim() !== '')) return;
      if (++count > limit) {
        beyond = row;
        return false;
      }
    });
  } catch {
    return null;
  }
  return beyond;
}

/** Every row of a file in memory (for small files: proxies, ward figures); refused past `maxRows` non-blank rows. */
export async function readTable(
  file: RawFile | ByteSource,
  opts: { sheet?: string | undefined; maxRows?: number; tooMany?: string } = {},
): Promise<Table> {
  const source = 'bytes' in file ? bufferSource(file.name, file.bytes) : file;
  const maxRows = opts.maxRows ?? MAX_TABLE_ROWS;
  const beyond = await rowBeyond(source, maxRows, opts.sheet);
  if (beyond !== null) throw tooManyRows(source.name, beyond, maxRows, opts.tooMany);
  const rows: string[][] = [];
  let kept = 0;
  const info = await streamTable(source, { sheet: opts.sheet }, (cells, row) => {
    if (cells.some((c) => c.trim() !== '') && ++kept > maxRows) throw tooManyRows(source.name, row, maxRows, opts.tooMany);
    while (rows.length < row - 1) rows.push([]);
    rows[row - 1] = cells;
  });
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { ...info, rows };
}

export function tooManyRows(fileName: string, row: number, max: number, advice = 'Split it into smaller files.'): AppError {
  return inputError(
    `${fileName}: the file has more than ${max.toLocaleString('en-GB')} rows; Spendmap reads at most ${max.toLocaleString('en-GB')} at a time. ${advice} Nothing was imported.`,
    [{ file: fileName, row, column: 'A', message: `is past the ${max.toLocaleString('en-GB')}-row limit: the file was not read any further.` }],
  );
}

// ---------------------------------------------------------------------------------
// Text: encodings

/** Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1); undefined bytes stay as they are. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 ourselves: Node's TextDecoder treats it as Latin-1 and loses €, ‘ ’ “ ” – —. */
export function decodeCp1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  // Only bytes 0x80–0x9F differ from Latin-1.
  return /[\u0080-\u009f]/.test(latin1) ? latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : latin1;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp1252';

/** UTF-16 without a byte-order mark: every other byte of ASCII text is zero. */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** The encoding of a text file and where its text starts: UTF-8 (BOM or not), UTF-16 (BOM, or plainly so), else Windows-1252. */
function detectEncoding(source: ByteSource): { encoding: Encoding; start: number } {
  const head = source.read(0, 4096);
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', start: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, start: 0 };
  // Valid UTF-8 throughout? (A chunk boundary may split a character: check with a streaming decoder.)
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let p = 0; p < source.size; p += CHUNK_BYTES) {
      const chunk = source.read(p, CHUNK_BYTES);
      if (p === 0 && chunk.length === source.size) return { encoding: isUtf8(chunk) ? 'utf-8' : 'cp1252', start: 0 };
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return { encoding: 'utf-8', start: 0 };
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows writes cp1252 (e.g. "£" as 0xA3).
    return { encoding: 'cp1252', start: 0 };
  }
}

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(bytes: Buffer): string {
  const { encoding, start } = detectEncoding(bufferSource('', bytes));
  const body = bytes.subarray(start);
  return encoding === 'cp1252' ? decodeCp1252(body) : new TextDecoder(encoding).decode(body);
}

/** A decoder that takes a file a chunk at a time. */
function chunkDecoder(encoding: Encoding): (chunk: Buffer, last: boolean) => string {
  if (encoding === 'cp1252') return (chunk) => decodeCp1252(chunk);
  const d = new TextDecoder(encoding);
  return (chunk, last) => d.decode(chunk, { stream: !last });
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

/** The delimiter of the header line: ";" (European Excel), tab or ",", counted outside quotes. */
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

// ---------------------------------------------------------------------------------
// CSV: a streaming RFC 4180 reader

interface TokenProblem {
  row: number;
  col: number;
  kind: 'unclosed' | 'after-quote' | 'cell-too-long' | 'row-too-long' | 'too-many-columns' | 'binary';
  /** Reading cannot go on after this problem. */
  fatal: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const enum St {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  SpacesAfterQuote,
}

/**
 * Splits CSV text into rows, a chunk at a time. A quote opens a quoted value only at
 * the start of a value; inside one, "" is a quote; \r\n, \n and \r each end a row
 * outside quotes (so a file with mixed line ends reads as its lines). Every problem
 * is located by row and column; a quote that is never closed runs to the end.
 */
export class CsvRowReader {
  private state: St = St.FieldStart;
  private row: string[] = [];
  private rowChars = 0;
  /** The current value's text so far, up to the current chunk. */
  private field = '';
  /** Spaces seen after a closing quote, not yet known to be outside the value. */
  private spaces = '';
  private afterCR = false;
  private rowNumber = 1;
  private quoteRow = 0;
  private quoteCol = 0;
  private stopped = false;
  readonly problems: TokenProblem[] = [];

  constructor(
    private readonly delimiter: number,
    private readonly sink: RowSink,
  ) {}

  /** True once reading cannot or need not go on (a fatal problem, or the sink said stop). */
  get done(): boolean {
    return this.stopped;
  }

  /** Rows completed so far. */
  get rows(): number {
    return this.rowNumber - 1;
  }

  private problem(kind: TokenProblem['kind'], fatal: boolean, row = this.rowNumber, col = this.row.length): void {
    this.problems.push({ row, col, kind, fatal });
    if (fatal) this.stopped = true;
  }

  private endField(value: string): void {
    if (value.length > MAX_CELL_CHARS) return this.problem('cell-too-long', true);
    this.rowChars += value.length;
    if (this.rowChars > MAX_ROW_CHARS) return this.problem('row-too-long', true);
    if (this.row.length >= MAX_COLUMNS) return this.problem('too-many-columns', true);
    this.row.push(value);
    this.field = '';
  }

  private endRow(): void {
    if (this.stopped) return;
    const cells = this.row;
    const n = this.rowNumber++;
    this.row = [];
    this.rowChars = 0;
    if (this.sink(cells, n) === false) this.stopped = true;
  }

  /** Reads the next piece of text; `last` marks the end of the file. */
  feed(text: string, last: boolean): void {
    const d = this.delimiter;
    const n = text.length;
    let start = 0; // where the current value's pending text begins in `text`
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = start = 1;
    }
    const newline = (c: number) => {
      // \r\n counts once; a \r at the very end of a chunk may be followed by \n in the next.
      if (c === CR) {
        if (i + 1 < n) {
          if (text.charCodeAt(i + 1) === LF) i++;
        } else this.afterCR = true;
      }
    };
    for (; i < n && !this.stopped; i++) {
      const c = text.charCodeAt(i);
      if (this.state === St.FieldStart) {
        if (c === QUOTE) {
          this.state = St.Quoted;
          this.quoteRow = this.rowNumber;
          this.quoteCol = this.row.length;
          start = i + 1;
          continue;
        }
        this.state = St.Unquoted;
        start = i;
      }
      switch (this.state) {
        case St.Unquoted:
          if (c === d) {
            this.endField(this.field + text.slice(start, i));
            this.state = St.FieldStart;
          } else if (c === LF || c === CR) {
            this.endField(this.field + text.slice(start, i));
            this.endRow();
            this.state = St.FieldStart;
            newline(c);
          } else if (c === 0) this.problem('binary', true);
          else if (i - start + this.field.length >= MAX_CELL_CHARS) this.problem('cell-too-long', true);
          break;
        case St.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.state = St.QuoteInQuoted;
          } else if (c === 0) this.problem('binary', true);
          else if (i - start + this.field.length >= MAX_CELL_CHARS) this.problem('unclosed', true, this.quoteRow, this.quoteCol);
          break;
        case St.QuoteInQuoted:
          if (c === QUOTE) {
            // "" inside a quoted value is one quote.
            this.field += '"';
            start = i + 1;
            this.state = St.Quoted;
          } else if (c === d) {
            this.endField(this.field);
            this.state = St.FieldStart;
          } else if (c === LF || c === CR) {
            this.endField(this.field);
            this.endRow();
            this.state = St.FieldStart;
            newline(c);
          } else if (c === SPACE || c === TAB) {
            this.spaces = String.fromCharCode(c);
            this.state = St.SpacesAfterQuote;
          } else {
            // Text right after a closing quote: the quote was part of the value after all.
            this.problem('after-quote', false, this.rowNumber, this.row.length);
            this.field += '"';
            start = i;
            this.state = St.Quoted;
            i--;
          }
          break;
        case St.SpacesAfterQuote:
          if (c === SPACE || c === TAB) {
            this.spaces += String.fromCharCode(c);
            if (this.spaces.length > MAX_CELL_CHARS) this.problem('cell-too-long', true);
          } else if (c === d || c === LF || c === CR) {
            // "value"   , : the spaces lie outside the value.
            this.state = St.QuoteInQuoted;
            i--;
          } else {
            this.problem('after-quote', false, this.rowNumber, this.row.length);
            this.field += '"' + this.spaces;
            start = i;
            this.state = St.Quoted;
            i--;
          }
          break;
      }
    }
    if (this.stopped) return;
    // Keep what the current value has so far; the next chunk goes on from here.
    if (this.state === St.Unquoted || this.state === St.Quoted) {
      this.field += text.slice(start, n);
      if (this.field.length > MAX_CELL_CHARS)
        return this.state === St.Quoted ? this.problem('unclosed', true, this.quoteRow, this.quoteCol) : this.problem('cell-too-long', true);
    }
    if (!last) return;
    if (this.state === St.Quoted) this.problem('unclosed', false, this.quoteRow, this.quoteCol);
    if (this.state !== St.FieldStart || this.row.length > 0) {
      this.endField(this.field);
      this.endRow();
    }
    this.state = St.FieldStart;
  }
}

/** Row and column (0-based) of character `index` of CSV text. */
function locate(text: string, index: number, delimiter: string): { row: number; col: number } {
  let row = 1;
  let col = 0;
  let quoted = false;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) col++;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row++;
      col = 0;
    }
  }
  return { row, col };
}

const TOKEN_MESSAGES: Record<TokenProblem['kind'], string> = {
  unclosed:
    'a value starts with a quote (") that is never closed, so the rows after it cannot be read. Close the quote or remove it.',
  'after-quote': 'a quoted value has text after its closing quote. Put the whole value in quotes, with any quote inside it doubled ("").',
  'cell-too-long': `a value is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, the most a spreadsheet cell holds. Check the file was saved as CSV.`,
  'row-too-long': `the row holds more than ${MAX_ROW_CHARS.toLocaleString('en-GB')} characters. Check the file was saved as CSV.`,
  'too-many-columns': `the row has more than ${MAX_COLUMNS.toLocaleString('en-GB')} values, the most a spreadsheet has. Check the file was saved as CSV.`,
  binary: 'contains binary data (a zero byte), so this is not a CSV file. Export the budget from Excel as CSV or XLSX.',
};

function tokenError(fileName: string, problems: TokenProblem[], header: string[] | null): AppError {
  const seen = new Set<string>();
  const listed: Problem[] = [];
  for (const p of problems) {
    const key = `${p.row}:${p.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const column = (p.row > 1 ? header?.[p.col]?.trim() : undefined) || columnLetter(p.col);
    listed.push({ file: fileName, row: p.row, column, message: TOKEN_MESSAGES[p.kind] });
    if (listed.length >= 20) break;
  }
  const quotes = problems.every((p) => p.kind === 'unclosed' || p.kind === 'after-quote');
  const binary = problems.some((p) => p.kind === 'binary');
  return inputError(
    binary
      ? `${fileName}: this does not look like a CSV or Excel file (it contains binary data). Export the budget from Excel as CSV or XLSX. Nothing was imported.`
      : quotes
        ? `${fileName}: the file's quotes are unbalanced, so it cannot be read reliably. Nothing was imported.`
        : `${fileName}: the file cannot be read as a table. Nothing was imported.`,
    listed,
  );
}

async function streamCsv(source: ByteSource, opts: StreamOptions, sink: RowSink): Promise<TableInfo> {
  const { encoding, start } = detectEncoding(source);
  const decode = chunkDecoder(encoding);
  const info: TableInfo = { fileName: source.name, sheets: [], sheet: null };
  let reader: CsvRowReader | null = null;
  let header: string[] | null = null;
  let delimiter = ',';
  for (let p = start; ; p += CHUNK_BYTES) {
    const bytes = source.read(p, CHUNK_BYTES);
    const last = p + bytes.length >= source.size;
    const text = decode(bytes, last);
    if (!reader) {
      if (looksBinary(text)) {
        let at = text.search(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
        if (at < 0) at = 0;
        const d = detectDelimiter(text.slice(0, at));
        const where = locate(text, at, d);
        throw tokenError(source.name, [{ ...where, kind: 'binary', fatal: true }], null);
      }
      delimiter = detectDelimiter(text);
      reader = new CsvRowReader(delimiter.charCodeAt(0), (cells, row) => {
        if (row === 1) header = cells;
        return sink(cells, row);
      });
    }
    reader.feed(text, last);
    if (reader.done || last) break;
    opts.onProgress?.(p + bytes.length, source.size);
    await tick();
    if (opts.signal?.aborted) throw cancelled(source.name);
  }
  if (reader?.problems.length) throw tokenError(source.name, reader.problems, header);
  return info;
}

/** Every row of a CSV file already in memory (synchronous). */
export function readCsv(file: RawFile): Table {
  const text = decodeText(file.bytes);
  if (looksBinary(text)) {
    let at = text.search(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
    if (at < 0) at = 0;
    throw tokenError(file.name, [{ ...locate(text, at, detectDelimiter(text.slice(0, at))), kind: 'binary', fatal: true }], null);
  }
  const rows: string[][] = [];
  const reader = new CsvRowReader(detectDelimiter(text).charCodeAt(0), (cells) => void rows.push(cells));
  reader.feed(text, true);
  if (reader.problems.length) throw tokenError(file.name, reader.problems, rows[0] ?? null);
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { fileName: file.name, sheets: [], sheet: null, rows };
}

// ---------------------------------------------------------------------------------
// XLSX: a small streaming reader (zip central directory, inflate, XML scan)

function damaged(name: string, why = ''): AppError {
  return new AppError(
    'INPUT',
    `${name}: this file cannot be read as an Excel workbook (.xlsx)${why ? ` (${why})` : ''}. It may be damaged or password-protected; open it in Excel and save it again.`,
  );
}

interface ZipEntry {
  name: string;
  crc: number;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of a zip file, from its central directory (the local headers are not trusted). */
function zipEntries(source: ByteSource): Map<string, ZipEntry> {
  const name = source.name;
  const tailLen = Math.min(source.size, 65_557);
  const tail = source.read(source.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(name, 'it is not a complete zip archive');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
    // Zip64: the end record's locator sits just before it.
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) throw damaged(name, 'a zip64 archive without its locator');
    const z64 = Number(tail.readBigUInt64LE(loc + 8));
    const rec = source.read(z64, 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== 0x06064b50) throw damaged(name, 'a broken zip64 record');
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > source.size || cdSize > 64 * 1024 * 1024 || count > 100_000) throw damaged(name, 'its directory is out of range');
  const cd = source.read(cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw damaged(name, 'its directory is broken');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw damaged(name, 'its directory is broken');
    const entryName = cd.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64 sizes and offset live in extra field 0x0001, in this order, when the plain ones are full.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + len) throw damaged(name, 'a broken zip64 field');
          const v = Number(cd.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      e += 4 + len;
    }
    entries.set(entryName.replace(/\\/g, '/').replace(/^\/+/, ''), { name: entryName, crc, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryDataStart(source: ByteSource, entry: ZipEntry): number {
  const h = source.read(entry.localOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw damaged(source.name, `a broken entry ${entry.name}`);
  const start = entry.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + entry.compressedSize > source.size) throw damaged(source.name, `entry ${entry.name} runs past the end of the file`);
  return start;
}

function checkEntry(source: ByteSource, entry: ZipEntry): void {
  if (entry.flags & 1) throw damaged(source.name, 'it is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw damaged(source.name, `entry ${entry.name} uses an unsupported compression`);
}

/** A small part, whole, as text (at most MAX_SMALL_PART_BYTES unpacked). */
function readPart(source: ByteSource, entry: ZipEntry): string {
  checkEntry(source, entry);
  const start = entryDataStart(source, entry);
  const data = source.read(start, entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > MAX_SMALL_PART_BYTES) throw damaged(source.name, `${entry.name} is too large`);
    if (crc32 && crc32(data) >>> 0 !== entry.crc >>> 0) throw damaged(source.name, `${entry.name} is damaged (its checksum is wrong)`);
    return data.toString('utf8');
  }
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: MAX_SMALL_PART_BYTES });
  } catch {
    throw damaged(source.name, `${entry.name} cannot be unpacked`);
  }
  if (crc32 && crc32(out) >>> 0 !== entry.crc >>> 0) throw damaged(source.name, `${entry.name} is damaged (its checksum is wrong)`);
  return out.toString('utf8');
}

/** A part's text, a chunk at a time, inflated as it is read; refused past `maxBytes` unpacked. */
async function* streamPart(source: ByteSource, entry: ZipEntry, maxBytes: number, what: string): AsyncGenerator<string> {
  checkEntry(source, entry);
  const start = entryDataStart(source, entry);
  const decoder = new TextDecoder('utf-8');
  // The checksum of what was unpacked must be the one the zip recorded: else it is damaged.
  let crc = 0;
  const sum = (b: Buffer) => {
    if (crc32) crc = crc32(b, crc);
  };
  const verify = () => {
    if (crc32 && crc >>> 0 !== entry.crc >>> 0) throw damaged(source.name, `${what} is damaged (its checksum is wrong)`);
  };
  if (entry.method === 0) {
    if (entry.compressedSize > maxBytes) throw damaged(source.name, `${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB unpacked`);
    for (let p = 0; p < entry.compressedSize; p += CHUNK_BYTES) {
      const b = source.read(start + p, Math.min(CHUNK_BYTES, entry.compressedSize - p));
      sum(b);
      yield decoder.decode(b, { stream: true });
    }
    verify();
    const rest = decoder.decode();
    if (rest) yield rest;
    return;
  }
  function* compressed() {
    for (let p = 0; p < entry.compressedSize; p += CHUNK_BYTES) yield source.read(start + p, Math.min(CHUNK_BYTES, entry.compressedSize - p));
  }
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  const input = Readable.from(compressed());
  input.on('error', (e) => inflate.destroy(e));
  input.pipe(inflate);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw damaged(source.name, `${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB unpacked`);
      sum(chunk);
      yield decoder.decode(chunk, { stream: true });
    }
    verify();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damaged(source.name, `${what} cannot be unpacked`);
  } finally {
    input.unpipe(inflate);
    input.destroy();
    inflate.destroy();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** XML, a chunk at a time: start and end tags (namespace prefixes dropped) and text. */
class XmlScanner {
  private buf = '';
  /** Elements open now: 0 again once the root element has closed. */
  depth = 0;
  /** Whether a root element was opened and closed again (the document is whole). */
  complete = false;
  constructor(
    private readonly onOpen: (name: string, attrs: string, selfClosing: boolean) => void,
    private readonly onClose: (name: string) => void,
    private readonly onText: (raw: string) => void,
    private readonly fail: (why: string) => never,
  ) {}

  feed(chunk: string): void {
    const buf = this.buf ? this.buf + chunk : chunk;
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        this.onText(buf.slice(pos));
        pos = n;
        break;
      }
      if (lt > pos) this.onText(buf.slice(pos, lt));
      pos = lt;
      if (buf.startsWith('<!--', pos)) {
        const end = buf.indexOf('-->', pos + 4);
        if (end < 0) break;
        pos = end + 3;
        continue;
      }
      if (buf.startsWith('<![CDATA[', pos)) {
        const end = buf.indexOf(']]>', pos + 9);
        if (end < 0) break;
        this.onText(buf.slice(pos + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
        pos = end + 3;
        continue;
      }
      if (buf.startsWith('<?', pos)) {
        const end = buf.indexOf('?>', pos + 2);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      if (buf.startsWith('<!', pos)) this.fail('it declares a DOCTYPE, which a workbook never has');
      // The end of the tag: the first '>' outside a quoted attribute value.
      let gt = -1;
      let quote = 0;
      for (let i = pos + 1; i < n; i++) {
        const c = buf.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) {
          gt = i;
          break;
        }
      }
      if (gt < 0) break;
      const tag = buf.slice(pos + 1, gt);
      pos = gt + 1;
      if (tag.startsWith('/')) {
        this.depth--;
        if (this.depth === 0) this.complete = true;
        this.onClose(localName(tag.slice(1).trim()));
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^[^\s/>]+/.exec(body);
      if (!m) this.fail('a tag without a name');
      if (!selfClosing) this.depth++;
      else if (this.depth === 0) this.complete = true;
      this.onOpen(localName(m[0]), body.slice(m[0].length), selfClosing);
    }
    this.buf = pos < n ? buf.slice(pos) : '';
    if (this.buf.length > 4 * 1024 * 1024) this.fail('a tag that never ends');
  }

  /** The end of the part: it must not stop in the middle (a cut-short part would lose rows quietly). */
  end(): void {
    if (this.buf.trim()) this.fail('it ends in the middle of a tag');
    if (!this.complete || this.depth !== 0) this.fail('a part of it is cut short');
  }
}

const localName = (qname: string) => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

function attrsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** XML character and entity references; and OOXML's _xHHHH_ escapes when `ooxml`. */
function decodeXml(raw: string, ooxml = false): string {
  let s = raw.indexOf('&') < 0
    ? raw
    : raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (_, e: string) => {
        if (e[0] === '#') {
          const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
        }
        return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e as 'lt']!;
      });
  if (ooxml && s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

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

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Whether a number format shows a date or time: d, m, y, h or s outside quotes and [..]. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return !/general/i.test(bare) && /[dmyhs]/i.test(bare);
}

interface Workbook {
  sheets: { name: string; path: string | null }[];
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(base), target)).replace(/^(\.\.\/)+/, '');
}

function relationships(source: ByteSource, entries: Map<string, ZipEntry>, part: string): { id: string; type: string; target: string }[] {
  const relsPath = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`).replace(/^\.\//, '');
  const entry = entries.get(relsPath);
  if (!entry) return [];
  const out: { id: string; type: string; target: string }[] = [];
  const scanner = new XmlScanner(
    (name, attrs) => {
      if (name !== 'Relationship') return;
      const a = attrsOf(attrs);
      if (a.get('TargetMode') === 'External') return;
      out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: resolveTarget(part, a.get('Target') ?? '') });
    },
    () => {},
    () => {},
    (why) => {
      throw damaged(source.name, why);
    },
  );
  scanner.feed(readPart(source, entry));
  scanner.end();
  return out;
}

function readWorkbook(source: ByteSource, entries: Map<string, ZipEntry>): Workbook {
  const root = relationships(source, entries, '').find((r) => r.type.endsWith('/officeDocument'));
  const bookPath = root?.target ?? 'xl/workbook.xml';
  const bookEntry = entries.get(bookPath);
  if (!bookEntry) throw damaged(source.name, 'it has no workbook part');
  const rels = relationships(source, entries, bookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const book: Workbook = { sheets: [], date1904: false, sharedStrings: null, styles: null };
  const scanner = new XmlScanner(
    (name, attrs) => {
      if (name === 'workbookPr') {
        const v = attrsOf(attrs).get('date1904');
        book.date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const a = attrsOf(attrs);
        const id = [...a].find(([k]) => localName(k) === 'id' && k.includes(':'))?.[1];
        const rel = id ? byId.get(id) : undefined;
        book.sheets.push({ name: a.get('name') ?? `Sheet${book.sheets.length + 1}`, path: rel && rel.type.endsWith('/worksheet') ? rel.target : null });
      }
    },
    () => {},
    () => {},
    (why) => {
      throw damaged(source.name, why);
    },
  );
  scanner.feed(readPart(source, bookEntry));
  scanner.end();
  book.sharedStrings = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? null;
  book.styles = rels.find((r) => r.type.endsWith('/styles'))?.target ?? null;
  return book;
}

/** Which cell styles (by index) show numbers as dates. */
function dateStyles(source: ByteSource, entries: Map<string, ZipEntry>, path: string | null): Set<number> {
  const entry = path ? entries.get(path) : undefined;
  const out = new Set<number>();
  if (!entry) return out;
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  const scanner = new XmlScanner(
    (name, attrs, selfClosing) => {
      if (name === 'numFmt') {
        const a = attrsOf(attrs);
        custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
      } else if (name === 'cellXfs' && !selfClosing) inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attrsOf(attrs).get('numFmtId') ?? 0));
    },
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    () => {},
    (why) => {
      throw damaged(source.name, why);
    },
  );
  scanner.feed(readPart(source, entry));
  scanner.end();
  xfs.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(i);
  });
  return out;
}

async function sharedStrings(source: ByteSource, entries: Map<string, ZipEntry>, path: string | null): Promise<string[]> {
  const entry = path ? entries.get(path) : undefined;
  const out: string[] = [];
  if (!entry) return out;
  let chars = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let parts: string[] = [];
  const scanner = new XmlScanner(
    (name, _a, selfClosing) => {
      if (selfClosing) {
        if (name === 'si') out.push('');
        return;
      }
      if (name === 'si') {
        inSi = true;
        parts = [];
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && !phonetic) inT = true;
    },
    (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 'si') {
        const s = decodeXml(parts.join(''), true);
        chars += s.length;
        if (chars > MAX_SHARED_CHARS) throw damaged(source.name, 'its shared text is too large');
        out.push(s);
        inSi = false;
      }
    },
    (raw) => {
      if (inT) parts.push(raw);
    },
    (why) => {
      throw damaged(source.name, why);
    },
  );
  for await (const chunk of streamPart(source, entry, MAX_SHEET_XML_BYTES, 'the shared text')) scanner.feed(chunk);
  scanner.end();
  return out;
}

/** A number as Excel shows it: 15 significant digits (110.00000000000001 → "110"). */
function excelNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : String(v);
}

/** A date serial as yyyy-mm-dd (exceljs's rule), or null when out of range. */
function serialDate(v: number, date1904: boolean): string | null {
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : null;
}

interface MergeRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** A cell reference's row and column ("B12" → 12, 1), or null. */
function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  return { col: columnOfRef(m[1]!), row: Number(m[2]) };
}

/**
 * The merged ranges of a sheet. They are listed after its rows, so the sheet is
 * unpacked once ahead (quick: only the end of it is looked at) to know them while
 * the rows stream. At most 100,000 ranges, each within the sheet's limits.
 */
async function mergedRanges(source: ByteSource, entry: ZipEntry): Promise<MergeRange[]> {
  const out: MergeRange[] = [];
  let tail = '';
  let after = false;
  for await (const chunk of streamPart(source, entry, MAX_SHEET_XML_BYTES, 'the sheet')) {
    let text = tail + chunk;
    if (!after) {
      const end = text.indexOf('</sheetData>') >= 0 ? text.indexOf('</sheetData>') : text.search(/<\/[A-Za-z]+:sheetData>/);
      if (end < 0) {
        tail = text.slice(-64);
        continue;
      }
      after = true;
      text = text.slice(end);
    }
    const last = text.lastIndexOf('>');
    const ready = text.slice(0, last + 1);
    tail = text.slice(last + 1);
    for (const m of ready.matchAll(/<(?:[A-Za-z]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']([^"':]+):([^"']+)["']/g)) {
      const a = cellRef(m[1]!);
      const b = cellRef(m[2]!);
      if (!a || !b || a.col < 0 || b.col < 0) continue;
      out.push({ r1: Math.min(a.row, b.row), r2: Math.min(Math.max(a.row, b.row), 1_048_576), c1: Math.min(a.col, b.col), c2: Math.min(Math.max(a.col, b.col), MAX_COLUMNS - 1) });
      if (out.length >= 100_000) return out;
    }
  }
  return out;
}

async function streamXlsx(source: ByteSource, opts: StreamOptions, sink: RowSink): Promise<TableInfo> {
  const name = source.name;
  if (source.size < 22) throw damaged(name, 'it is empty or cut short');
  const entries = zipEntries(source);
  const book = readWorkbook(source, entries);
  const sheets = book.sheets.map((s) => s.name);
  const chosen = opts.sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === opts.sheet);
  if (!chosen) {
    if (opts.sheet === undefined) throw new AppError('INPUT', `${name}: the workbook has no sheets.`);
    throw new AppError('INPUT', `${name}: there is no sheet "${opts.sheet}". Its sheets are: ${sheets.join(', ')}.`);
  }
  const info: TableInfo = { fileName: name, sheets, sheet: chosen.name };
  const entry = chosen.path ? entries.get(chosen.path) : undefined;
  if (!entry) return info; // a chart sheet, or an empty sheet with no part: no rows
  const dates = dateStyles(source, entries, book.styles);
  const merges = await mergedRanges(source, entry);
  const strings = await sharedStrings(source, entries, book.sharedStrings);

  const problems: Problem[] = [];
  const fail = (row: number, col: number, message: string): never => {
    problems.push({ file: name, row, column: columnLetter(Math.max(0, col)), message });
    throw inputError(`${name}: the sheet "${chosen.name}" cannot be read; nothing was imported.`, problems);
  };
  let stop = false;
  let inSheetData = false;
  let rowNum = 0;
  let cells: string[] | null = null;
  let rowChars = 0;
  let nextCol = 0;
  let col = 0;
  let type = 'n';
  let style = -1;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let text: string[] = [];
  let textLen = 0;
  let hasValue = false;

  /** Merged ranges by their first row, and those covering the current row. */
  const mergeStarts = new Map<number, MergeRange[]>();
  for (const m of merges) mergeStarts.set(m.r1, [...(mergeStarts.get(m.r1) ?? []), m]);
  let activeMerges: (MergeRange & { value: string })[] = [];
  const finishRow = () => {
    if (!cells) return;
    if (stop) {
      // The reader said stop: the rest of this chunk is not its business.
      cells = null;
      return;
    }
    // A merged range shows its first cell's value in every cell of it (as Excel shows it, and as exceljs read it).
    activeMerges = activeMerges.filter((m) => m.r2 >= rowNum);
    for (const m of mergeStarts.get(rowNum) ?? []) activeMerges.push({ ...m, value: cells[m.c1] ?? '' });
    for (const m of activeMerges)
      for (let c = m.c1; c <= m.c2 && c < MAX_COLUMNS; c++) if (!(rowNum === m.r1 && c === m.c1) && !cells[c]) cells[c] = m.value;
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    const r = cells;
    cells = null;
    if (sink(r, rowNum) === false) stop = true;
  };
  const cellValue = (): string => {
    if (!hasValue) return '';
    const raw = text.join('');
    switch (type) {
      case 's': {
        const s = strings[Number(raw.trim())];
        if (s === undefined) fail(rowNum, col, 'refers to text the workbook does not have, so the file is damaged. Open it in Excel and save it again.');
        return s!;
      }
      case 'inlineStr':
      case 'str':
        return decodeXml(raw, true);
      case 'b':
        return raw.trim() === '1' ? 'TRUE' : raw.trim() === '0' ? 'FALSE' : decodeXml(raw);
      case 'e':
        return decodeXml(raw).trim();
      case 'd': {
        const t = decodeXml(raw).trim();
        const d = new Date(t);
        return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : t;
      }
      default: {
        const t = decodeXml(raw).trim();
        if (t === '') return '';
        const v = Number(t);
        if (!Number.isFinite(v)) return t;
        if (dates.has(style)) return serialDate(v, book.date1904) ?? excelNumber(v);
        return excelNumber(v);
      }
    }
  };

  const scanner = new XmlScanner(
    (tag, attrs, selfClosing) => {
      if (tag === 'sheetData') {
        inSheetData = !selfClosing;
        return;
      }
      if (!inSheetData) return;
      if (tag === 'row') {
        finishRow();
        if (stop) return;
        const r = Number(attrsOf(attrs).get('r'));
        const next = Number.isInteger(r) && r > rowNum ? r : rowNum + 1;
        if (next > 1_048_576) fail(next, 0, 'is past the last row a spreadsheet has (1,048,576).');
        rowNum = next;
        cells = [];
        rowChars = 0;
        nextCol = 0;
        if (selfClosing) finishRow();
      } else if (tag === 'c') {
        if (!cells) {
          // A cell outside a row: give it a row of its own.
          rowNum += 1;
          cells = [];
          rowChars = 0;
          nextCol = 0;
        }
        const a = attrsOf(attrs);
        const ref = a.get('r');
        const c = ref ? columnOfRef(ref) : -1;
        col = c >= 0 ? c : nextCol;
        if (col >= MAX_COLUMNS) fail(rowNum, MAX_COLUMNS - 1, `has a cell past column ${columnLetter(MAX_COLUMNS - 1)}, the last a spreadsheet has.`);
        type = a.get('t') ?? 'n';
        style = Number(a.get('s') ?? -1);
        text = [];
        textLen = 0;
        hasValue = false;
        inV = inIs = inT = false;
        phonetic = 0;
        if (selfClosing) {
          cells[col] = '';
          nextCol = col + 1;
        }
      } else if (cells && !selfClosing) {
        if (tag === 'v') {
          inV = true;
          hasValue = true;
        } else if (tag === 'is') {
          inIs = true;
          hasValue = true;
        } else if (tag === 'rPh') phonetic++;
        else if (tag === 't' && inIs && !phonetic) inT = true;
      }
    },
    (tag) => {
      if (tag === 'sheetData') {
        finishRow();
        inSheetData = false;
      } else if (!inSheetData) return;
      else if (tag === 'row') finishRow();
      else if (tag === 'v') inV = false;
      else if (tag === 't') inT = false;
      else if (tag === 'is') inIs = false;
      else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (tag === 'c' && cells) {
        const v = cellValue();
        if (v.length > MAX_CELL_CHARS) fail(rowNum, col, `a value is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, the most a cell holds.`);
        rowChars += v.length;
        if (rowChars > MAX_ROW_CHARS) fail(rowNum, col, `the row holds more than ${MAX_ROW_CHARS.toLocaleString('en-GB')} characters.`);
        cells[col] = v;
        nextCol = col + 1;
        text = [];
      }
    },
    (raw) => {
      if (inV || inT) {
        textLen += raw.length;
        // Entities shrink when decoded: allow for them before refusing.
        if (textLen > MAX_CELL_CHARS * 8) fail(rowNum, col, `a value is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, the most a cell holds.`);
        text.push(raw);
      }
    },
    (why) => {
      throw damaged(name, why);
    },
  );
  let unpacked = 0;
  for await (const chunk of streamPart(source, entry, MAX_SHEET_XML_BYTES, `the sheet "${chosen.name}"`)) {
    scanner.feed(chunk);
    if (stop) return info;
    unpacked += chunk.length;
    opts.onProgress?.(Math.min(source.size, Math.round((unpacked / Math.max(1, entry.size)) * source.size)), source.size);
    if (opts.signal?.aborted) throw cancelled(name);
  }
  scanner.end();
  finishRow();
  return info;
}

/** Column letters as a spreadsheet shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
