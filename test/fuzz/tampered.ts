// Workbooks a crafted or damaged file turns into, for the fuzz corpus (issue 13): a
// line stored under merged ranges (Excel shows only the line above), and a workbook
// altered after it was saved (its recorded CRC-32 no longer matches a part).
import { colName, zip, type ZipEntry } from './xlsx';

const SHEET = 'xl/worksheets/sheet1.xml';

/** Where a zip's central directory starts, from its end record. */
const directoryStart = (z: Buffer) => z.readUInt32LE(z.length - 22 + 16);

/**
 * Merges every column of `row` (1-based) of the first sheet down over the row below it,
 * `width` columns from A, so whatever that row stores is under the ranges; and adds
 * `beside` overlapping ranges to the right of the table, which change nothing.
 */
export function mergeRowDown(parts: ZipEntry[], row: number, width: number, r: () => number, beside: number): void {
  const refs: string[] = [];
  for (let j = 0; j < width; j++) refs.push(`${colName(j)}${row}:${colName(j)}${row + 1}`);
  for (let k = 0; k < beside; k++) {
    const top = 1 + Math.floor(r() * (row + 5));
    const left = width + 1 + Math.floor(r() * 20);
    refs.push(`${colName(left)}${top}:${colName(left + Math.floor(r() * 5))}${top + Math.floor(r() * 50)}`);
  }
  refs.sort(() => r() - 0.5); // Excel writes them in any order
  const sheet = parts.find((p) => p.name === SHEET)!;
  const merges = `<mergeCells count="${refs.length}">${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
  sheet.data = Buffer.from(sheet.data.toString('utf8').replace('</worksheet>', `${merges}</worksheet>`));
}

/**
 * The workbook altered after saving: either one digit of a value in its sheet changed
 * (the parts stored, so the change is a plain byte), or the CRC-32 its central
 * directory records for a part the reader reads changed. Every part read must match.
 */
export function alteredAfterSave(parts: ZipEntry[], r: () => number): Buffer {
  if (r() < 0.5) {
    const z = zip(parts.map((p): ZipEntry => ({ ...p, method: 0 })));
    const start = z.indexOf(SHEET) + SHEET.length;
    const end = start + parts.find((p) => p.name === SHEET)!.data.length;
    for (let at = z.indexOf('<v>', start); at >= 0 && at < end; at = z.indexOf('<v>', at + 3)) {
      const d = z[at + 3]! - 48;
      if (d < 0 || d > 9) continue;
      z[at + 3] = 48 + ((d + 1) % 10);
      return z;
    }
  }
  const z = zip(parts);
  const read = parts.filter((p) => p.name !== '[Content_Types].xml');
  const victim = read[Math.floor(r() * read.length)]!.name;
  const entry = z.indexOf(victim, directoryStart(z)) - 46;
  z.writeUInt32LE((z.readUInt32LE(entry + 16) ^ (1 + Math.floor(r() * 0xffff))) >>> 0, entry + 16);
  return z;
}
