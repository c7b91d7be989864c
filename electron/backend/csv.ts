// Writing CSV safely: quoted where needed, and text that a spreadsheet would run
// as a formula (=, +, -, @, tab, CR at the start) is neutralised (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cell made inert for spreadsheets: a leading apostrophe keeps it as text. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One value as a CSV cell: quoted where needed, formulas neutralised, non-finite numbers empty. */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const t = inertText(v);
  return /[",\r\n;]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * CSV written straight into bytes, the same text as toCsv: for tables of tens of
 * thousands of rows (the CLI's ward split), where a string per cell and per row, and
 * collecting them, were most of the time. A value repeated on many rows (a ref, a ward
 * code) is made a cell once, with cellBytes, and copied in.
 */
export class CsvBytes {
  private bytes: Buffer;
  private length = 0;

  /** sizeHint: the bytes expected, so the buffer is not outgrown and copied on the way. */
  constructor(sizeHint = 64 * 1024) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, sizeHint));
  }

  static cellBytes(v: string | number | null | undefined): Buffer {
    return Buffer.from(csvCell(v), 'utf8');
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** A cell made by cellBytes, then a comma or (last in its row) a newline. */
  cell(bytes: Uint8Array, last = false): void {
    this.room(bytes.length + 1);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
    this.bytes[this.length++] = last ? NEWLINE : COMMA;
  }

  /** A number as its cell (digits written in place for a whole number), then a comma or a newline. */
  number(n: number, last = false): void {
    if (!Number.isSafeInteger(n)) return this.cell(CsvBytes.cellBytes(n), last);
    this.room(18);
    let v = Math.abs(n);
    if (n < 0) this.bytes[this.length++] = 0x2d;
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    const end = this.length + digits;
    let at = end;
    do {
      this.bytes[--at] = 0x30 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    this.length = end;
    this.bytes[this.length++] = last ? NEWLINE : COMMA;
  }

  /** The CSV so far (a view of the bytes, not a copy). */
  done(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}
