// A workbook's small parts: which sheets it has (and which are hidden), where they are,
// the number formats of its cell styles, and its shared text. Read once per file,
// before the sheet's rows stream.
import { posix } from 'node:path';
import { MAX_SHARED_CHARS, MAX_SHEET_XML_BYTES, MAX_SMALL_PART_BYTES, type ByteSource } from './source';
import { damaged, readSmallParts, zipPass, type PassOptions, type Parts } from './zip-parts';
import { decodeOoxml, readXml, XmlReader } from './xml';

export interface SheetEntry {
  name: string;
  /** The worksheet part, or null (a chart sheet). */
  path: string | null;
  /** Hidden or "very hidden" in Excel: not what the user sees. */
  hidden: boolean;
}

export interface Workbook {
  sheets: SheetEntry[];
  date1904: boolean;
  /** Number format code of each cell style (by index). */
  formats: string[];
  strings: string[];
  /** Every part in the archive. */
  parts: Parts;
}

/** Built-in number formats a sheet may use by id alone (ECMA-376 18.8.30). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"', 30: 'm/d/yy', 36: 'yyyy"年"m"月"', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@', 50: 'yyyy"年"m"月"', 57: 'yyyy"年"m"月"',
};

/** Whether a number format shows a date or time: d, m, y, h or s outside quotes and [..]. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return !/general/i.test(bare) && /[dmyhs]/i.test(bare);
}

/** A number format that shows value × 100 with a % sign: a % outside quotes and not escaped (LibreOffice writes a literal % as \%). */
export function isPercentFormat(code: string | undefined): boolean {
  return !!code && /%/.test(code.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(base), target)).replace(/^(\.\.\/)+/, '');
}

const relsOf = (part: string) => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`).replace(/^\.\//, '');

function relationships(name: string, texts: Map<string, string>, part: string): { id: string; type: string; target: string }[] {
  const text = texts.get(relsOf(part));
  if (text === undefined) return [];
  const out: { id: string; type: string; target: string }[] = [];
  readXml(
    text,
    {
      open: (tag, a) => {
        if (tag !== 'Relationship' || a.TargetMode === 'External') return;
        out.push({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(part, a.Target ?? '') });
      },
    },
    (why) => {
      throw damaged(name, why);
    },
  );
  return out;
}

/** The small parts a workbook's structure is in; a workbook part under another name is looked for in a second pass. */
const isStructure = (part: string) => part.endsWith('.rels') || /(^|\/)(workbook|styles)\.xml$/i.test(part);

export async function readWorkbook(source: ByteSource, opts: Pick<PassOptions, 'signal'> & { strings?: boolean } = {}): Promise<Workbook> {
  const name = source.name;
  const fail = (why: string): never => {
    throw damaged(name, why);
  };
  const { texts, parts } = await readSmallParts(source, isStructure, MAX_SMALL_PART_BYTES);
  if (parts.size === 0) fail('it is not a complete zip archive');
  const bookPath = relationships(name, texts, '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const rels = relationships(name, texts, bookPath);
  const stylesPath = rels.find((r) => r.type.endsWith('/styles'))?.target ?? null;
  const stringsPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? null;
  const missing = [bookPath, stylesPath].filter((p): p is string => p !== null && parts.has(p) && !texts.has(p));
  if (missing.length) for (const [k, v] of (await readSmallParts(source, (p) => missing.includes(p), MAX_SMALL_PART_BYTES)).texts) texts.set(k, v);
  const bookText = texts.get(bookPath);
  if (bookText === undefined) fail('it has no workbook part');

  const byId = new Map(rels.map((r) => [r.id, r]));
  const book: Workbook = { sheets: [], date1904: false, formats: [], strings: [], parts };
  readXml(
    bookText!,
    {
      open: (tag, a) => {
        if (tag === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true';
        else if (tag === 'sheet') {
          const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
          const rel = id ? byId.get(id) : undefined;
          const state = a.state ?? 'visible';
          book.sheets.push({ name: a.name ?? `Sheet${book.sheets.length + 1}`, path: rel && rel.type.endsWith('/worksheet') ? rel.target : null, hidden: state !== 'visible' });
        }
      },
    },
    fail,
  );
  const stylesText = stylesPath ? texts.get(stylesPath) : undefined;
  if (stylesText !== undefined) book.formats = cellFormats(stylesText, fail);
  if (stringsPath && parts.has(stringsPath) && opts.strings !== false) book.strings = await sharedStrings(source, stringsPath, opts);
  return book;
}

/** The number format code of each cell style (cellXfs), by index. */
function cellFormats(text: string, fail: (why: string) => never): string[] {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  readXml(
    text,
    {
      open: (tag, a, selfClosing) => {
        if (tag === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (tag === 'cellXfs' && !selfClosing) inCellXfs = true;
        else if (tag === 'xf' && inCellXfs) ids.push(Number(a.numFmtId ?? 0));
      },
      close: (tag) => {
        if (tag === 'cellXfs') inCellXfs = false;
      },
    },
    fail,
  );
  return ids.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
}

/** The workbook's shared text, streamed; at most MAX_SHARED_CHARS characters in all. */
async function sharedStrings(source: ByteSource, part: string, opts: Pick<PassOptions, 'signal'>): Promise<string[]> {
  const name = source.name;
  const out: string[] = [];
  let chars = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  const reader = new XmlReader(
    {
      open: (tag, _a, selfClosing) => {
        if (selfClosing) {
          if (tag === 'si') out.push('');
          return;
        }
        if (tag === 'si') {
          inSi = true;
          text = '';
        } else if (tag === 'rPh') phonetic++;
        else if (tag === 't' && inSi && !phonetic) inT = true;
      },
      close: (tag) => {
        if (tag === 't') inT = false;
        else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (tag === 'si') {
          const s = decodeOoxml(text);
          chars += s.length;
          if (chars > MAX_SHARED_CHARS) throw damaged(name, 'its shared text is too large');
          out.push(s);
          text = '';
          inSi = false;
        }
      },
      text: (t) => {
        if (!inT) return;
        text += t;
        if (text.length > MAX_SHARED_CHARS) throw damaged(name, 'its shared text is too large');
      },
    },
    (why) => {
      throw damaged(name, why);
    },
  );
  await zipPass(source, (p) => (p === part ? (chunk, final) => reader.bytes(chunk, final) : null), {
    limit: () => ({ bytes: MAX_SHEET_XML_BYTES, what: 'the shared text' }),
    signal: opts.signal,
  });
  return out;
}

