// A small XLSX writer for the fuzz tests: fast enough to make thousands of workbooks,
// and loose enough to make the broken ones a partner might send (bad XML, a sheet
// that unpacks to gigabytes, parts missing, a zip cut short). Independent of the
// reader under test, and of exceljs.
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export type Cell =
  | string
  | number
  | boolean
  | null
  | { f: string; v?: number | string | boolean }
  | { e: string }
  | { date: number }
  | { rich: string[] }
  | { inline: string };

export interface SheetSpec {
  name: string;
  rows?: Cell[][];
  /** Raw XML for the whole worksheet part (overrides rows). */
  xml?: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Strings as shared strings (as Excel writes them) or inline. */
  shared?: boolean;
  date1904?: boolean;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One cell's XML; strings go through `share` when given. */
export function cellXml(c: Cell, ref: string, share: ((s: string) => number) | null): string {
  if (c === null) return '';
  if (typeof c === 'string') return share ? `<c r="${ref}" t="s"><v>${share(c)}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c)}</t></is></c>`;
  if (typeof c === 'number') return `<c r="${ref}"><v>${Number.isFinite(c) ? String(c) : 'NaN'}</v></c>`;
  if (typeof c === 'boolean') return `<c r="${ref}" t="b"><v>${c ? 1 : 0}</v></c>`;
  if ('f' in c) {
    const v = c.v;
    if (v === undefined) return `<c r="${ref}"><f>${esc(c.f)}</f></c>`;
    if (typeof v === 'string') return `<c r="${ref}" t="str"><f>${esc(c.f)}</f><v>${esc(v)}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}" t="b"><f>${esc(c.f)}</f><v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"><f>${esc(c.f)}</f><v>${v}</v></c>`;
  }
  if ('e' in c) return `<c r="${ref}" t="e"><v>${esc(c.e)}</v></c>`;
  if ('date' in c) return `<c r="${ref}" s="1"><v>${c.date}</v></c>`;
  if ('rich' in c) return `<c r="${ref}" t="inlineStr"><is>${c.rich.map((t) => `<r><rPr><b/></rPr><t xml:space="preserve">${esc(t)}</t></r>`).join('')}<rPh><t>ignored</t></rPh></is></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
}

export function sheetXml(rows: Cell[][], share: ((s: string) => number) | null): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((c, j) => cellXml(c, `${colName(j)}${i + 1}`, share)).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** The parts of a workbook, before zipping (so a test can break one). */
export function workbookParts(spec: WorkbookSpec): ZipEntry[] {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const share = spec.shared
    ? (s: string) => {
        let i = index.get(s);
        if (i === undefined) {
          i = strings.length;
          strings.push(s);
          index.set(s, i);
        }
        return i;
      }
    : null;
  const sheets = spec.sheets.map((s) => s.xml ?? sheetXml(s.rows ?? [], share));
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}">${spec.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${spec.sheets
          .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${spec.sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('')}<Relationship Id="rIdS" Type="${ns}/styles" Target="styles.xml"/>${share ? `<Relationship Id="rIdT" Type="${ns}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
      ),
    },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES) },
    ...sheets.map((x, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(x) })),
  ];
  if (share)
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
          .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
          .join('')}</sst>`,
      ),
    });
  return parts;
}

export function xlsx(spec: WorkbookSpec): Buffer {
  return zip(workbookParts(spec));
}

export interface Packed {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  compressed: Buffer;
}

function header(p: Packed, offset: number | null): Buffer {
  const central = offset !== null;
  const h = Buffer.alloc(central ? 46 : 30);
  let o = 0;
  h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, o);
  o += 4;
  if (central) {
    h.writeUInt16LE(20, o);
    o += 2;
  }
  h.writeUInt16LE(20, o); // version needed
  h.writeUInt16LE(0x0800, o + 2); // UTF-8 names
  h.writeUInt16LE(p.method, o + 4);
  h.writeUInt32LE(0, o + 6); // time, date
  h.writeUInt32LE(p.crc >>> 0, o + 10);
  h.writeUInt32LE(p.compressed.length, o + 14);
  h.writeUInt32LE(p.size, o + 18);
  h.writeUInt16LE(p.name.length, o + 22);
  h.writeUInt16LE(0, o + 24);
  if (central) h.writeUInt32LE(offset, 42);
  return h;
}

/** A zip archive (no zip64: test workbooks stay under 4 GB). */
export function zip(entries: ZipEntry[]): Buffer {
  return zipPacked(
    entries.map((e) => ({
      name: Buffer.from(e.name),
      method: e.method ?? 8,
      crc: crc32(e.data),
      size: e.data.length,
      compressed: (e.method ?? 8) === 8 ? deflateRawSync(e.data) : e.data,
    })),
  );
}

export function zipPacked(packed: Packed[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const h = header(p, null);
    chunks.push(h, p.name, p.compressed);
    central.push(header(p, offset), p.name);
    offset += h.length + p.name.length + p.compressed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cd, end]);
}

/**
 * A workbook whose one sheet's XML comes from a generator, deflated as it is made:
 * for sheets far too large to hold as one string (a million rows, a zip bomb).
 */
export async function xlsxStreamed(sheetName: string, sheetChunks: Iterable<string>): Promise<Buffer> {
  const parts = workbookParts({ sheets: [{ name: sheetName, xml: '' }] }).filter((p) => !p.name.startsWith('xl/worksheets/'));
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  let crc = 0;
  let size = 0;
  for (const chunk of sheetChunks) {
    const b = Buffer.from(chunk);
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  }
  // 'end' (all output read), not end()'s callback (input accepted): the last bytes come after it.
  const ended = new Promise<void>((r) => deflate.once('end', r));
  deflate.end();
  await ended;
  const sheet: Packed = { name: Buffer.from('xl/worksheets/sheet1.xml'), method: 8, crc, size: size >>> 0, compressed: Buffer.concat(out) };
  return zipPacked([
    ...parts.map((e) => ({ name: Buffer.from(e.name), method: 8, crc: crc32(e.data), size: e.data.length, compressed: deflateRawSync(e.data) })),
    sheet,
  ]);
}
