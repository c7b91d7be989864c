// CSV: a streaming RFC 4180 reader, a megabyte at a time, numbering rows as a
// spreadsheet does and naming the row and column of a broken quote.
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { bufferSource, cancelled, CHUNK_BYTES, columnLetter, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS, tick, type ByteSource, type RawFile, type RowSink, type StreamOptions, type Table, type TableInfo } from './source';
import { chunkDecoder, decodeText, detectDelimiter, detectEncoding, looksBinary } from './text';

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

/** A UTF-8 file with a byte that is not: refused, naming the row and column it is in. */
function strayByteError(source: ByteSource, start: number, at: number): AppError {
  const before = new TextDecoder('utf-8').decode(source.read(start, at - start));
  const where = locate(before, before.length, detectDelimiter(before));
  const byte = source.read(at, 1)[0] ?? 0;
  return inputError(
    `${source.name}: the file is UTF-8 text but for one byte (0x${byte.toString(16).toUpperCase().padStart(2, '0')}, byte ${at + 1} of the file) that is not, so its characters cannot be read with certainty. Nothing was imported.`,
    [
      {
        file: source.name,
        row: where.row,
        column: columnLetter(where.col),
        message: 'holds a byte that is not UTF-8 (a character pasted from another program?). Retype that character, or save the file again as "CSV UTF-8" in Excel.',
      },
    ],
  );
}

export async function streamCsv(source: ByteSource, opts: StreamOptions, sink: RowSink): Promise<TableInfo> {
  const { encoding, start, strayByte } = detectEncoding(source);
  if (strayByte !== undefined) throw strayByteError(source, start, strayByte);
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
  const source = bufferSource(file.name, file.bytes);
  const { start, strayByte } = detectEncoding(source);
  if (strayByte !== undefined) throw strayByteError(source, start, strayByte);
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
