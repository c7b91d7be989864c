// XLSX: a small streaming reader (zip central directory, inflate, XML scan), so a
// workbook's memory stays bounded whatever it holds. Every size is capped and every
// checksum checked: partner files are untrusted.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { cancelled, CHUNK_BYTES, columnLetter, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROW_CHARS, MAX_SHARED_CHARS, MAX_SHEET_XML_BYTES, MAX_SMALL_PART_BYTES, type ByteSource, type RowSink, type StreamOptions, type TableInfo } from './source';

/** zlib.crc32 (Node 20.15+, and Electron's Node): zip checksums are checked where it exists. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

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
export function zipEntries(source: ByteSource): Map<string, ZipEntry> {
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

export function readWorkbook(source: ByteSource, entries: Map<string, ZipEntry>): Workbook {
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

export async function streamXlsx(source: ByteSource, opts: StreamOptions, sink: RowSink): Promise<TableInfo> {
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
