// Small hostile spreadsheets (issue 13), generated: each is a few hundred KB at most and
// each once froze, crashed or fooled the importer. Used by the hostile-file tests, the
// fuzz run (each in a process of its own, for its peak RSS) and the bench.
import { unzipSync } from 'fflate';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { TEMPLATE_COLUMNS } from '../../shared/domain/types';
import { colName, workbookParts, zip, zipPacked, type Cell, type ZipEntry } from './xlsx';

export interface HostileCase {
  what: string;
  target: 'budgets' | 'proxy' | 'direct';
  fileName: string;
  make: () => Promise<Buffer>;
  includeHidden?: boolean;
  /** Imported: this many lines (or wards) and, for budgets, this total. */
  imported?: { count: number; totalPence?: number };
  /** Refused: the message, and the row and column named (none for a whole-file refusal). */
  refused?: { message: RegExp; row?: number; column?: string };
}

const WARDS = ['E05013921', 'E05013922', 'E05013923'];
const HEADER: Cell[] = [...TEMPLATE_COLUMNS];

/** A budget row in template order: ref, partner, type, amount, basis. */
function line(ref: string, amount: number | null): Cell[] {
  const r: Cell[] = TEMPLATE_COLUMNS.map(() => null);
  r[0] = ref;
  r[1] = 'NHS Trust';
  r[2] = 'health';
  r[5] = amount;
  r[7] = 'population';
  return r;
}

const rowXml = (cells: Cell[], r: number, attrs = '') =>
  `<row r="${r}"${attrs}>${cells
    .map((c, j) => {
      if (c === null) return '';
      if (typeof c === 'number') return `<c r="${colName(j)}${r}"><v>${c}</v></c>`;
      return `<c r="${colName(j)}${r}" t="inlineStr"><is><t>${String(c)}</t></is></c>`;
    })
    .join('')}</row>`;

const sheet = (body: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${after}</worksheet>`;

/** A one-sheet workbook from raw sheet XML. */
const book = (xml: string, name = 'Budget') => zip(workbookParts({ sheets: [{ name, xml }] }));

/** A workbook whose parts are changed after they are made. */
function bookWith(sheets: { name: string; xml: string }[], edit: (parts: ZipEntry[]) => void): Buffer {
  const parts = workbookParts({ sheets });
  edit(parts);
  return zip(parts);
}

/**
 * A workbook's bytes with one text changed inside a part stored uncompressed, its
 * recorded CRC-32 left as it was: a file altered after it was saved.
 */
export function alteredAfterSaving(bytes: Buffer, from: string, to: string): Buffer {
  const stored = unzipSync(bytes);
  const parts = Object.entries(stored).map(([name, data]): ZipEntry => ({ name, data: Buffer.from(data), method: 0 }));
  const out = zip(parts);
  const at = out.indexOf(from);
  if (at < 0 || to.length !== from.length) throw new Error(`alteredAfterSaving: "${from}" not found, or "${to}" not the same length`);
  out.write(to, at);
  return out;
}

/** A workbook whose shared text is one string of `chars` characters, deflated as it is made. */
async function hugeSharedString(chars: number): Promise<Buffer> {
  const parts = workbookParts({ sheets: [{ name: 'Budget', rows: [HEADER, line('A1', 1000)] }], shared: true }).filter((p) => p.name !== 'xl/sharedStrings.xml');
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'));
  const chunk = Buffer.alloc(1 << 24, 'a');
  for (let n = 0; n < chars; n += chunk.length) await write(n + chunk.length <= chars ? chunk : chunk.subarray(0, chars - n));
  for (const s of [...HEADER, 'A1', 'NHS Trust', 'health', 'population']) await write(Buffer.from(`</t></si><si><t>${String(s)}`));
  await write(Buffer.from('</t></si></sst>'));
  const ended = new Promise<void>((r) => deflate.once('end', r));
  deflate.end();
  await ended;
  return zipPacked([
    ...parts.map((e) => ({ name: Buffer.from(e.name), method: 8, crc: crc32(e.data), size: e.data.length, compressed: deflateRawSync(e.data) })),
    { name: Buffer.from('xl/sharedStrings.xml'), method: 8, crc, size: size >>> 0, compressed: Buffer.concat(out) },
  ]);
}

export const HOSTILE_CASES: Record<string, HostileCase> = {
  'merges-100k': {
    what: 'a budget under 100,000 merged ranges, each the whole sheet from A2 (Excel shows only A2)',
    target: 'budgets',
    fileName: 'merges.xlsx',
    make: async () => {
      const merges = '<mergeCell ref="A2:XFD1048576"/>'.repeat(100_000);
      return book(sheet(rowXml(HEADER, 1) + rowXml(line('M1', 1000), 2) + rowXml(line('M2', 2500.5), 3), `<mergeCells count="100000">${merges}</mergeCells>`));
    },
    refused: { message: /problem/, row: 2, column: 'partner' },
  },
  'merges-100k-beside': {
    what: 'a budget beside 100,000 merged ranges, each 100 rows by 2 columns',
    target: 'budgets',
    fileName: 'merges-beside.xlsx',
    make: async () => {
      let merges = '';
      for (let top = 2; top < 100_002; top += 100) for (let k = 0; k < 100; k++) merges += `<mergeCell ref="${colName(15 + 2 * k)}${top}:${colName(16 + 2 * k)}${top + 99}"/>`;
      return book(sheet(rowXml(HEADER, 1) + rowXml(line('M1', 1000), 2) + rowXml(line('M2', 2500.5), 3), `<mergeCells count="100000">${merges}</mergeCells>`));
    },
    imported: { count: 2, totalPence: 350_050 },
  },
  'merged-value-stored-under': {
    what: 'an amount merged over two lines, the second amount stored under the range (Excel shows £1,000 once)',
    target: 'budgets',
    fileName: 'merged-stored.xlsx',
    make: async () => book(sheet(rowXml(HEADER, 1) + rowXml(line('A1', 1000), 2) + rowXml(line('A2', 1000), 3), '<mergeCells count="1"><mergeCell ref="F2:F3"/></mergeCells>')),
    refused: { message: /problem/, row: 3, column: 'amount_gbp' },
  },
  'sheet-fails-checksum': {
    what: 'a budget whose sheet was altered after saving (an amount 1000 made 9000, the checksum left)',
    target: 'budgets',
    fileName: 'bad-crc.xlsx',
    make: async () => alteredAfterSaving(book(sheet(rowXml(HEADER, 1) + rowXml(line('C1', 1000), 2)), 'Budget'), '<v>1000</v>', '<v>9000</v>'),
    refused: { message: /the sheet "Budget" \(xl\/worksheets\/sheet1\.xml\) fails its checksum/ },
  },
  'sparse-16384-wide': {
    what: 'a proxy 16,384 columns wide, a stray value in column XFD of every row',
    target: 'proxy',
    fileName: 'sparse.xlsx',
    make: async () => {
      let body = rowXml(['ward_code', 'value'], 1);
      for (let r = 2; r <= 10_000; r++) body += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${WARDS[r % 3]}</t></is></c><c r="B${r}"><v>${r}</v></c><c r="XFD${r}"><v>1</v></c></row>`;
      return book(sheet(body), 'Proxy');
    },
    refused: { message: /too sparse/, column: 'XFD' },
  },
  'sparse-16384-wide-direct': {
    what: 'ward figures 16,384 columns wide, a stray value in column XFD of every row',
    target: 'direct',
    fileName: 'sparse-direct.xlsx',
    make: async () => {
      let body = rowXml(['ref', 'ward_code', 'amount_gbp'], 1);
      for (let r = 2; r <= 10_000; r++) body += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>X${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${WARDS[r % 3]}</t></is></c><c r="C${r}"><v>1</v></c><c r="XFD${r}"><v>1</v></c></row>`;
      return book(sheet(body), 'Figures');
    },
    refused: { message: /too sparse/, column: 'XFD' },
  },
  'merged-amount-two-rows': {
    what: 'an amount merged over two lines (Excel shows £1,000 once)',
    target: 'budgets',
    fileName: 'merged-amount.xlsx',
    make: async () => book(sheet(rowXml(HEADER, 1) + rowXml(line('A1', 1000), 2) + rowXml(line('A2', null), 3), '<mergeCells count="1"><mergeCell ref="F2:F3"/></mergeCells>')),
    refused: { message: /problem/, row: 3, column: 'amount_gbp' },
  },
  'hidden-first-sheet': {
    what: 'a hidden first sheet before the visible budget',
    target: 'budgets',
    fileName: 'hidden-sheet.xlsx',
    make: async () =>
      bookWith(
        [
          { name: 'Old', xml: sheet(rowXml(HEADER, 1) + rowXml(line('OLD1', 5000), 2) + rowXml(line('OLD2', 7000), 3)) },
          { name: 'Budget', xml: sheet(rowXml(HEADER, 1) + rowXml(line('NEW1', 1000), 2)) },
        ],
        (parts) => {
          const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
          wb.data = Buffer.from(wb.data.toString().replace('<sheet name="Old"', '<sheet name="Old" state="hidden"'));
        },
      ),
    imported: { count: 1, totalPence: 100_000 },
  },
  'hidden-rows': {
    what: 'a budget with a hidden row holding a line',
    target: 'budgets',
    fileName: 'hidden-rows.xlsx',
    make: async () => book(sheet(rowXml(HEADER, 1) + rowXml(line('H1', 1000), 2) + rowXml(line('H2', 9999), 3, ' hidden="1"') + rowXml(line('H3', 500), 4))),
    refused: { message: /hidden rows or columns holding values \(rows 3\)/, row: 3, column: 'A' },
  },
  'hidden-rows-included': {
    what: 'the same budget with --include-hidden',
    target: 'budgets',
    fileName: 'hidden-rows-included.xlsx',
    includeHidden: true,
    make: async () => book(sheet(rowXml(HEADER, 1) + rowXml(line('H1', 1000), 2) + rowXml(line('H2', 9999), 3, ' hidden="1"') + rowXml(line('H3', 500), 4))),
    imported: { count: 3, totalPence: 1_149_900 },
  },
  'hidden-column': {
    what: 'a budget whose amount column is hidden',
    target: 'budgets',
    fileName: 'hidden-column.xlsx',
    make: async () => book(sheet(rowXml(HEADER, 1) + rowXml(line('C1', 1000), 2)).replace('<sheetData>', '<cols><col min="6" max="6" hidden="1"/></cols><sheetData>')),
    refused: { message: /is in column F, which is hidden/, row: 1, column: 'F' },
  },
  'utf8-stray-byte': {
    what: 'a UTF-8 CSV with one stray byte',
    target: 'budgets',
    fileName: 'stray.csv',
    make: async () => {
      const text = `${TEMPLATE_COLUMNS.join(',')}\nS1,Café Trust,health,,Children’s services,1000,,population,,,,,,\nS2,Café Trust,health,,,2000,,population,,,,,,\nS3,Café Trust,health,,#,3000,,population,,,,,,\n`;
      const bytes = Buffer.from(text, 'utf8');
      bytes[bytes.indexOf('#')] = 0xa3; // "£" as Windows-1252 writes it, in a UTF-8 file
      return bytes;
    },
    refused: { message: /UTF-8 text but for one byte \(0xA3/, row: 4, column: 'E' },
  },
  'long-text-run': {
    what: 'a cell of 5 million characters (refused as it streams, not after)',
    target: 'budgets',
    fileName: 'long-text.xlsx',
    make: async () => book(sheet(rowXml(HEADER, 1) + rowXml(line('L1', 1000), 2).replace('NHS Trust', 'x'.repeat(5_000_000)))),
    refused: { message: /longer than 32,767 characters/, row: 2, column: 'B' },
  },
  'huge-shared-string': {
    what: 'a shared string of 600 million characters',
    target: 'budgets',
    fileName: 'huge-string.xlsx',
    make: () => hugeSharedString(600_000_000),
    refused: { message: /compressed \d+ to 1|larger than/ },
  },
};
