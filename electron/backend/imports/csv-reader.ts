// CSV: papaparse's parser (a widely used, fuzzed RFC 4180 parser), fed a megabyte of
// decoded text at a time; we number the rows as a spreadsheet does, keep every cap, and
// name the row and column of each problem.
import Papa from 'papaparse';
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { formatCount } from '../../../shared/money';
import { bufferSource, cancelled, CHUNK_BYTES, columnLetter, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS, tick, type ByteSource, type RawFile, type RowSink, type StreamOptions, type Table, type TableInfo } from './source';
import { chunkDecoder, decodeText, detectDelimiter, detectEncoding, looksBinary } from './text';

interface TokenProblem {
  row: number;
  col: number;
  kind: 'unclosed' | 'after-quote' | 'cell-too-long' | 'row-too-long' | 'too-many-columns' | 'binary';
  /** Reading cannot go on after this problem. */
  fatal: boolean;
}

/**
 * Splits CSV text into rows, a chunk at a time, with papaparse. \r\n, \n and \r each
 * end a row outside quotes (a file with mixed line ends reads as its lines: they are
 * made \n before parsing, inside quoted values too). The text of an unfinished row is
 * kept between chunks, and refused past MAX_ROW_CHARS (a quote never closed), so no
 * chunk is parsed more than twice. Every problem is located by row and column.
 */
export class CsvRowReader {
  private readonly parser: Papa.Parser;
  /** Text after the last complete row, parsed again with the next chunk. */
  private pending = '';
  private afterCR = false;
  private rowNumber = 1;
  private stopped = false;
  readonly problems: TokenProblem[] = [];

  constructor(
    private readonly delimiter: number,
    private readonly sink: RowSink,
  ) {
    this.parser = new Papa.Parser({ delimiter: String.fromCharCode(delimiter), newline: '\n', quoteChar: '"', escapeChar: '"', step: (r: Papa.ParseResult<string[]>) => this.onRow(r) });
  }

  /** True once reading cannot or need not go on (a fatal problem, or the sink said stop). */
  get done(): boolean {
    return this.stopped;
  }

  /** Rows completed so far. */
  get rows(): number {
    return this.rowNumber - 1;
  }

  private problem(kind: TokenProblem['kind'], fatal: boolean, row: number, col: number): void {
    this.problems.push({ row, col, kind, fatal });
    if (fatal) {
      this.stopped = true;
      this.parser.abort();
    }
  }

  /** Row (offset from the current one) and column where character `index` of `text` lies. */
  private where(text: string, index: number): { row: number; col: number } {
    const at = locate(text, index, String.fromCharCode(this.delimiter));
    return { row: this.rowNumber + at.row - 1, col: at.col };
  }

  /** One row (the low-level parser passes it as the only row of a result). */
  private onRow(r: Papa.ParseResult<string[]>): void {
    if (this.stopped) return;
    const cells = r.data[0] ?? [];
    const n = this.rowNumber;
    for (const e of r.errors) {
      if (e.code === 'MissingQuotes') this.problem('unclosed', false, n, Math.max(0, cells.length - 1));
      else if (e.code === 'InvalidQuotes') this.problem('after-quote', false, n, Math.max(0, cells.findIndex((c) => c.includes('"'))));
    }
    if (cells.length > MAX_COLUMNS) return this.problem('too-many-columns', true, n, MAX_COLUMNS);
    let chars = 0;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.length > MAX_CELL_CHARS) return this.problem('cell-too-long', true, n, i);
      chars += cells[i]!.length;
      if (chars > MAX_ROW_CHARS) return this.problem('row-too-long', true, n, i);
    }
    this.rowNumber++;
    if (this.sink(cells, n) === false) {
      this.stopped = true;
      this.parser.abort();
    }
  }

  /** Reads the next piece of text; `last` marks the end of the file. */
  feed(chunk: string, last: boolean): void {
    if (this.stopped) return;
    let text = chunk;
    // One line end each: \r\n (even split across chunks) and a lone \r become \n.
    if (this.afterCR && text.charCodeAt(0) === 10) text = text.slice(1);
    this.afterCR = !last && text.endsWith('\r');
    text = text.replace(/\r\n?/g, '\n');
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      // A zero byte: not a CSV. Located in the row it falls in.
      this.parse(this.pending + text.slice(0, nul), true);
      if (!this.stopped) {
        const at = this.where(this.pending, this.pending.length);
        this.problem('binary', true, at.row, at.col);
      }
      return;
    }
    this.parse(this.pending + text, !last);
    if (this.stopped || last || this.pending.length <= MAX_ROW_CHARS) return;
    // A row this long is a quote never closed (or not a CSV): no need to read on.
    const d = String.fromCharCode(this.delimiter);
    let quote = -1;
    for (let i = this.pending.indexOf('"'); i >= 0 && quote < 0; i = this.pending.indexOf('"', i + 1))
      if (i === 0 || this.pending[i - 1] === d || this.pending[i - 1] === '\n') quote = i;
    const at = this.where(this.pending, quote >= 0 ? quote : this.pending.length);
    this.problem(quote >= 0 ? 'unclosed' : 'row-too-long', true, at.row, at.col);
  }

  private parse(input: string, ignoreLastRow: boolean): void {
    const r = this.parser.parse(input, 0, ignoreLastRow) as Papa.ParseResult<string[]>;
    this.pending = ignoreLastRow ? input.slice(r.meta.cursor) : '';
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
  'cell-too-long': `a value is longer than ${formatCount(MAX_CELL_CHARS)} characters, the most a spreadsheet cell holds. Check the file was saved as CSV.`,
  'row-too-long': `the row holds more than ${formatCount(MAX_ROW_CHARS)} characters. Check the file was saved as CSV.`,
  'too-many-columns': `the row has more than ${formatCount(MAX_COLUMNS)} values, the most a spreadsheet has. Check the file was saved as CSV.`,
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
