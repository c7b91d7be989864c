// A returned pack's cells, read with the same bounded streaming reader as every import
// (fflate + saxes): only the cells that exist are kept, with their number formats, and
// there is a cap on how many. Whatever spreadsheet saved it (Excel, LibreOffice, a
// script), a cell comes back as what it holds: a number, text, or a formula's result.
import { createHash } from 'node:crypto';
import type { FileInput } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import { openFileInput, type ByteSource } from '../imports/source';
import type { SheetCell } from '../imports/sheet-rows';
import { readWorkbook, type Workbook } from '../imports/workbook';
import { streamSheets } from '../imports/xlsx-reader';
import { refuseOversizedSheets } from './review-size';

/** Cells a returned pack may hold in the sheets reviewed: a 20,000-line pack holds about 1.2 million. */
export const MAX_PACK_CELLS = 4_000_000;

export type Raw =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'formula'; result: Raw }
  | { kind: 'other'; text: string };

const EMPTY: Raw = { kind: 'empty' };
const textRaw = (t: string): Raw => (t.trim() === '' ? EMPTY : { kind: 'text', value: t });

function valueRaw(c: SheetCell): Raw {
  switch (c.kind) {
    case 'empty':
      return EMPTY;
    case 'number':
      return { kind: 'number', value: c.value! };
    case 'text':
      return textRaw(c.text);
    default:
      return c.text.trim() === '' ? EMPTY : { kind: 'other', text: c.text };
  }
}

/** One sheet's cells, by row and column (1-based, as the pack's layout numbers them). */
export class PackSheet {
  private readonly rows = new Map<number, Map<number, SheetCell>>();
  rowCount = 0;

  constructor(private readonly formats: string[]) {}

  add(row: number, cells: SheetCell[]): void {
    const m = new Map<number, SheetCell>();
    for (const c of cells) m.set(c.col + 1, c);
    this.rows.set(row, m);
    this.rowCount = Math.max(this.rowCount, row);
  }

  /** What a cell holds; a formula with its saved result. */
  raw(row: number, col: number): Raw {
    const c = this.rows.get(row)?.get(col);
    if (!c) return EMPTY;
    return c.formula ? { kind: 'formula', result: valueRaw(c) } : valueRaw(c);
  }

  /** The number format the cell shows its value with. */
  format(row: number, col: number): string | undefined {
    const c = this.rows.get(row)?.get(col);
    return c ? this.formats[c.style] : undefined;
  }
}

/** A typed value: a formula counts as its result (a partner may type =1000*12). */
export const valueOf = (r: Raw): Raw => (r.kind === 'formula' ? r.result : r);

export function textOf(r: Raw): string {
  const v = valueOf(r);
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'text':
      return v.value;
    case 'other':
      return v.text;
    default:
      return '';
  }
}

export interface PackFile {
  file: string;
  sha256: string;
  /** The sheets asked for, by name; null when the workbook has no such sheet. */
  sheets: Map<string, PackSheet | null>;
  book: Workbook;
}

function sha256(source: ByteSource): string {
  const h = createHash('sha256');
  for (let p = 0; p < source.size; p += 1 << 20) h.update(source.read(p, 1 << 20));
  return h.digest('hex');
}

/** The named sheets of a returned pack (hidden ones included: the pack hides its own record). */
export async function readPackFile(input: FileInput, names: string[]): Promise<PackFile> {
  const source = openFileInput(input);
  const file = source.name;
  try {
    let book: Workbook;
    try {
      book = await readWorkbook(source);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'INPUT' || !e.message.startsWith(`${file}: this file cannot be read as an Excel workbook`)) throw e;
      const why = /\((.*)\)\. It may/.exec(e.message)?.[1];
      throw new AppError('INPUT', `${file}: this is not an Excel workbook (.xlsx) Spendmap can read${why ? ` (${why})` : ''}. Send the pack back as .xlsx, as it was exported.`);
    }
    const sheets = new Map<string, PackSheet | null>();
    const sinks = new Map<string, { sheet: string; sink: (row: { row: number; cells: SheetCell[] }) => void }>();
    let cells = 0;
    for (const name of names) {
      const entry = book.sheets.find((s) => s.name === name);
      if (!entry?.path || !book.parts.has(entry.path)) {
        sheets.set(name, entry ? new PackSheet(book.formats) : null);
        continue;
      }
      const sheet = new PackSheet(book.formats);
      sheets.set(name, sheet);
      sinks.set(entry.path, {
        sheet: name,
        sink: (r) => {
          cells += r.cells.length;
          if (cells > MAX_PACK_CELLS)
            throw new AppError('INPUT', `${file}: the pack holds more than ${MAX_PACK_CELLS.toLocaleString('en-GB')} cells in its sheet "${name}" and the others reviewed (at row ${r.row}); a Spendmap pack holds far fewer. Send back the pack as it was exported, without added rows or columns.`);
          sheet.add(r.row, r.cells);
        },
      });
    }
    await refuseOversizedSheets(source, book, new Map([...sinks].map(([part, s]) => [part, s.sheet])));
    if (sinks.size) await streamSheets(source, book, sinks);
    return { file, sha256: sha256(source), sheets, book };
  } finally {
    source.close();
  }
}
