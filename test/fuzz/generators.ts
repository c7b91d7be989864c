// Seeded generators of partner files, good and hostile: budget CSVs, budget XLSX
// workbooks and ward-proxy CSVs. Input i of seed s is always the same bytes, so any
// failure is reproduced with `npm run test:fuzz -- --seed s --only i`.
import { CONFIDENCES, PARTNER_TYPES, STATUSES, TEMPLATE_COLUMNS } from '../../shared/domain/types';
import { STANDARD_PROXIES } from '../../shared/domain/proxies';
import { rng } from '../../scripts/lib/rng';
import { alteredAfterSave, mergeRowDown } from './tampered';
import { colName, workbookParts, xlsx, zip, type Cell, type ZipEntry } from './xlsx';

export type Target = 'budgets' | 'proxy';

export interface FuzzInput {
  /** "budget-csv/valid", "budget-xlsx/broken-zip", "proxy-csv/weird-numbers"... */
  kind: string;
  target: Target;
  name: string;
  bytes: Buffer;
  units?: 'pounds' | 'thousands' | 'millions';
  /** Known-good inputs: what a clean import must report. */
  expect?: { imported: number; totalPence?: number };
  /** Known-bad inputs: the refusal's message. */
  refused?: RegExp;
}

export interface FuzzContext {
  wards: string[];
  year: string;
}

type R = () => number;
const int = (r: R, n: number) => Math.floor(r() * n);
const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)]!;
const chance = (r: R, p: number) => r() < p;

const TEXTS = [
  'Adult social care',
  'Children’s services',
  'Pooled budget, phase 2',
  'Ward “A” outreach',
  'Police; PCSOs',
  'Línea de €5k – café',
  'Repairs\nand roads',
  'Youth work (12–19)',
  'Ünïcödé ✓ 漢字 🙂',
  '"quoted" text',
  "O'Brien & Sons <ltd>",
  '',
  '   padded   ',
  'tab\tinside',
];
const FORMULAS = ['=1+1', '=HYPERLINK("http://example.invalid","click")', '+cmd|\' /C calc\'!A0', '@SUM(A1:A9)', '-2+3', '=cmd|\'/c notepad\'!A1', '\t=1', '=A1*1000'];
const WEIRD_NUMBERS = [
  '1e308',
  '1E5',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '0',
  '£ 1,2,3',
  '1,2,3',
  '0x10',
  '1_000',
  '١٢٣',
  '12.',
  '.5',
  '1,000,000.005',
  '(100)',
  '−5',
  '  12  ',
  '£12,300.50',
  '12 300',
  '9'.repeat(400),
  '99999999999999999999',
  '1000000000000.01',
  '£',
  '£-5',
  '5-',
  '5e-3',
  '0.001',
  '100%',
  '+5',
  '1.2.3',
  '12,34',
  '12,3456',
  '€100',
  '$100',
  'twelve',
  '',
  ' ',
  '\u00a0100\u00a0',
  '1\u202f000',
];

/** Partner names carry their type, so a partner never changes type between files. */
const partnerOf = (r: R) => {
  const type = pick(r, PARTNER_TYPES);
  return { partner: `${type[0]!.toUpperCase()}${type.slice(1)} partner ${int(r, 4)}`, type };
};

function amountText(r: R, pence: number): string {
  const pounds = Math.floor(pence / 100);
  const p = String(pence % 100).padStart(2, '0');
  const grouped = pounds.toLocaleString('en-GB');
  switch (int(r, 5)) {
    case 0:
      return `${pounds}.${p}`;
    case 1:
      return `£${grouped}.${p}`;
    case 2:
      return pence % 100 === 0 ? `£${grouped}` : `${pounds}.${p}`;
    case 3:
      return ` ${grouped.replace(/,/g, ' ')}.${p} `;
    default:
      return pence % 100 === 0 ? String(pounds) : `${pounds}.${p}`;
  }
}

interface Line {
  cells: Record<string, string>;
  pence: number;
}

function validLine(r: R, ctx: FuzzContext, ref: string | null): Line {
  const { partner, type } = partnerOf(r);
  const pence = int(r, 1_000_000_000);
  const basis = chance(r, 0.1) ? 'site' : chance(r, 0.1) ? 'even' : chance(r, 0.05) ? 'direct' : pick(r, STANDARD_PROXIES);
  return {
    pence,
    cells: {
      ref: ref ?? '',
      partner: chance(r, 0.1) ? partner.toUpperCase() : partner,
      partner_type: chance(r, 0.2) ? type.toUpperCase() : type,
      service: pick(r, TEXTS),
      description: chance(r, 0.1) ? pick(r, FORMULAS) : pick(r, TEXTS),
      amount_gbp: amountText(r, pence),
      year: pick(r, ['', ctx.year, ctx.year.replace('-', '/')]),
      basis: chance(r, 0.1) ? basis.toUpperCase() : basis,
      deprivation_weight: pick(r, ['', '0', '0.5', '1', '0.25', '.3']),
      discretionary_pct: pick(r, ['', '0', '100', '12.5', '50%', '7']),
      status: chance(r, 0.5) ? '' : pick(r, STATUSES),
      confidence: chance(r, 0.6) ? '' : pick(r, [...CONFIDENCES, 'G', 'a']),
      themes: pick(r, ['', 'Place', 'Children;Education', ' a ; b ;; c ']),
      site_ward: basis === 'site' ? pick(r, ctx.wards) : '',
    },
  };
}

function quoteCell(v: string, d: string, always: boolean): string {
  return always || v.includes('"') || v.includes(d) || v.includes('\n') || v.includes('\r') || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v;
}

interface CsvShape {
  delimiter: string;
  eol: () => string;
  quoteAll: boolean;
}

function shapeOf(r: R): CsvShape {
  const d = pick(r, [',', ',', ',', ';', '\t']);
  const mixed = chance(r, 0.2);
  const eol = pick(r, ['\n', '\r\n', '\r']);
  return { delimiter: d, eol: mixed ? () => pick(r, ['\n', '\r\n', '\r']) : () => eol, quoteAll: chance(r, 0.2) };
}

function csvText(rows: string[][], shape: CsvShape, r: R, blankLines = 0.05): string {
  let out = '';
  for (const row of rows) {
    out += row.map((c) => quoteCell(c, shape.delimiter, shape.quoteAll)).join(shape.delimiter) + shape.eol();
    if (chance(r, blankLines)) out += shape.eol();
  }
  return out;
}

function budgetRows(r: R, ctx: FuzzContext, index: number, n: number): { header: string[]; rows: string[][]; total: number } {
  const header = [...TEMPLATE_COLUMNS];
  if (chance(r, 0.3)) header.sort(() => r() - 0.5);
  const lines = Array.from({ length: n }, (_, k) => validLine(r, ctx, chance(r, 0.4) ? null : `F${index}-${k}`));
  return { header, rows: lines.map((l) => header.map((h) => l.cells[h] ?? '')), total: lines.reduce((s, l) => s + l.pence, 0) };
}

const encodeUtf16 = (text: string, be: boolean): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  return be ? Buffer.from(le).swap16() : le;
};

function cp1252(text: string): Buffer | null {
  // Only when every character has a single-byte form.
  const map: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '™': 0x99 };
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out.push(c);
    else if (map[ch] !== undefined) out.push(map[ch]!);
    else return null;
  }
  return Buffer.from(out);
}

function mutate(r: R, bytes: Buffer, n: number): Buffer {
  let b = Buffer.from(bytes);
  for (let k = 0; k < n && b.length; k++) {
    const at = int(r, b.length);
    switch (int(r, 5)) {
      case 0:
        b[at] = int(r, 256);
        break;
      case 1:
        b = Buffer.concat([b.subarray(0, at), Buffer.from([int(r, 256)]), b.subarray(at)]);
        break;
      case 2:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(r, 16))]);
        break;
      case 3: {
        const len = 1 + int(r, 64);
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + len), b.subarray(at)]);
        break;
      }
      default:
        b[at] = pick(r, [0x22, 0x2c, 0x0a, 0x0d, 0x3b, 0x00, 0xff, 0xef]);
    }
  }
  return b;
}

const randomBytes = (r: R, n: number) => Buffer.from(Array.from({ length: n }, () => int(r, 256)));

// ---------------------------------------------------------------------------------
// Budget CSV

const BUDGET_CSV_KINDS = [
  'valid',
  'valid',
  'valid',
  'wrong-header',
  'wrong-encoding',
  'binary-junk',
  'huge-field',
  'formulas',
  'bom',
  'mixed-line-ends',
  'quotes',
  'weird-numbers',
  'weird-numbers',
  'mutation',
  'mutation',
  'units',
] as const;

function budgetCsv(r: R, ctx: FuzzContext, index: number): FuzzInput {
  const kind = pick(r, BUDGET_CSV_KINDS);
  const name = `budget-${index}.${chance(r, 0.9) ? 'csv' : pick(r, ['txt', 'CSV', 'tsv', ''])}`.replace(/\.$/, '');
  const n = 1 + int(r, 12);
  const { header, rows, total } = budgetRows(r, ctx, index, n);
  const shape = shapeOf(r);
  const text = () => csvText([header, ...rows], shape, r);
  const input = (bytes: Buffer | string, expect?: FuzzInput['expect'], extra: Partial<FuzzInput> = {}): FuzzInput => ({
    kind: `budget-csv/${kind}`,
    target: 'budgets',
    name,
    bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
    ...(expect ? { expect } : {}),
    ...extra,
  });
  switch (kind) {
    case 'valid': {
      const t = text();
      const enc = int(r, 6);
      if (enc === 1) return input(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]), { imported: n, totalPence: total });
      if (enc === 2) return input(Buffer.concat([Buffer.from([0xff, 0xfe]), encodeUtf16(t, false)]), { imported: n, totalPence: total });
      if (enc === 3) {
        const b = cp1252(t);
        if (b) return input(b, { imported: n, totalPence: total });
      }
      return input(t, { imported: n, totalPence: total });
    }
    case 'wrong-header': {
      const h = [...header];
      switch (int(r, 7)) {
        case 0:
          h.splice(int(r, h.length), 1);
          break;
        case 1:
          h[int(r, h.length)] = pick(r, ['amount', 'Amount (£)', 'ward', '', 'ref ', 'réf']);
          break;
        case 2:
          h.push(pick(r, h));
          break;
        case 3:
          h.push('notes');
          break;
        case 4:
          return input(csvText(rows, shape, r));
        case 5:
          return input(csvText([h], shape, r));
        default:
          return input(shape.eol() + text());
      }
      return input(csvText([h, ...rows], shape, r));
    }
    case 'wrong-encoding': {
      const t = text() + `x${shape.delimiter}ÿ€漢${shape.eol()}`;
      switch (int(r, 6)) {
        case 0:
          return input(encodeUtf16(t, false));
        case 1:
          return input(encodeUtf16(t, true));
        case 2:
          return input(Buffer.concat([Buffer.from([0xfe, 0xff]), encodeUtf16(t, true)]));
        case 3: {
          const b = Buffer.alloc(t.length * 4);
          let o = 0;
          for (const ch of t) o = b.writeUInt32LE(ch.codePointAt(0)!, o);
          return input(b.subarray(0, o));
        }
        case 4:
          return input(Buffer.from(t, 'latin1'));
        default: {
          const b = Buffer.from(t);
          for (let k = 0; k < 5; k++) b[int(r, b.length)] = pick(r, [0xc3, 0xe2, 0xf0, 0x80, 0xbf, 0xfe]);
          return input(b);
        }
      }
    }
    case 'binary-junk': {
      const magic = [
        Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
        Buffer.from('%PDF-1.7\n'),
        Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
        Buffer.from('PK\x03\x04', 'latin1'),
        Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      ];
      switch (int(r, 4)) {
        case 0:
          return input(randomBytes(r, 1 + int(r, 4000)));
        case 1:
          return input(Buffer.concat([pick(r, magic), randomBytes(r, int(r, 2000))]));
        case 2: {
          const b = Buffer.from(text());
          b[int(r, b.length)] = 0;
          return input(b);
        }
        default:
          return input(Buffer.concat([Buffer.from(text()), randomBytes(r, 1 + int(r, 3000))]));
      }
    }
    case 'huge-field': {
      const row = [...rows[0]!];
      const col = int(r, row.length);
      switch (int(r, 4)) {
        case 0:
          row[col] = 'x'.repeat(32_768 + int(r, 70_000));
          break;
        case 1:
          row[col] = `"${'y'.repeat(40_000 + int(r, 40_000))}`; // quoted, never closed
          return input(csvText([header], shape, r) + row.join(shape.delimiter) + shape.eol());
        case 2:
          return input(csvText([header], shape, r) + Array.from({ length: 17_000 }, (_, k) => String(k)).join(shape.delimiter) + shape.eol());
        default:
          row[col] = 'z'.repeat(1000 + int(r, 20_000));
      }
      return input(csvText([header, row, ...rows.slice(1)], shape, r));
    }
    case 'formulas': {
      const rs = rows.map((row) => row.map((c, k) => (chance(r, 0.3) && header[k] !== 'amount_gbp' ? pick(r, FORMULAS) : c)));
      if (chance(r, 0.3)) rs[0]![header.indexOf('amount_gbp')] = pick(r, ['=1000*2', '+1000', '@1000', '=SUM(1,2)']);
      return input(csvText([header, ...rs], shape, r));
    }
    case 'bom': {
      const bom = '\ufeff';
      switch (int(r, 4)) {
        case 0:
          return input(bom + bom + text());
        case 1:
          return input(csvText([header.map((h, k) => (k === 1 ? bom + h : h)), ...rows], shape, r));
        case 2:
          return input(csvText([header, ...rows], shape, r).split(shape.eol()).join(shape.eol() + bom));
        default:
          return input(bom + text(), { imported: n, totalPence: total });
      }
    }
    case 'mixed-line-ends': {
      const mixed: CsvShape = { ...shape, eol: () => pick(r, ['\n', '\r\n', '\r']) };
      const t = csvText([header, ...rows], mixed, r, 0.2);
      // Every line end, mixed or not, ends a row: the same lines import.
      return input(t, { imported: n, totalPence: total });
    }
    case 'quotes': {
      const t = text();
      const at = int(r, t.length);
      const variant = int(r, 4);
      if (variant === 0) return input(t.slice(0, at) + '"' + t.slice(at));
      if (variant === 1) return input(t + `"unclosed${shape.delimiter}1${shape.eol()}`);
      if (variant === 2) return input(t.replace(/(^|[,;\t])([^,;\t\r\n"]{2,})/, '$1"$2"trailing'));
      return input(csvText([header, ...rows], { ...shape, quoteAll: true }, r), { imported: n, totalPence: total });
    }
    case 'weird-numbers': {
      const rs = rows.map((row) => [...row]);
      const cols = ['amount_gbp', 'deprivation_weight', 'discretionary_pct'];
      for (const row of rs) if (chance(r, 0.7)) row[header.indexOf(pick(r, cols))] = pick(r, WEIRD_NUMBERS);
      return input(csvText([header, ...rs], shape, r));
    }
    case 'units': {
      const units = pick(r, ['pounds', 'thousands', 'millions'] as const);
      return input(text(), undefined, { units });
    }
    default: {
      const b = Buffer.from(text());
      return input(mutate(r, b, 1 + int(r, 12)));
    }
  }
}

// ---------------------------------------------------------------------------------
// Budget XLSX

const BUDGET_XLSX_KINDS = [
  'valid',
  'valid',
  'valid',
  'wrong-header',
  'formulas',
  'errors-and-types',
  'weird-numbers',
  'huge-field',
  'broken-zip',
  'broken-xml',
  'hostile-xml',
  'structure',
  'merged-cells',
  'altered-after-save',
  'mutation',
] as const;

function xlsxRow(r: R, header: string[], cells: Record<string, string>, pence: number, numeric: boolean): Cell[] {
  return header.map((h) => {
    const v = cells[h] ?? '';
    if (h === 'amount_gbp' && numeric) return chance(r, 0.3) ? { f: `${pence}/100`, v: pence / 100 } : pence / 100;
    if ((h === 'deprivation_weight' || h === 'discretionary_pct') && v !== '' && /^\d*\.?\d+$/.test(v)) return Number(v);
    if (v === '') return chance(r, 0.5) ? null : '';
    if (chance(r, 0.05) && h !== 'amount_gbp') return { rich: [v.slice(0, 3), v.slice(3)] };
    return v;
  });
}

function budgetXlsx(r: R, ctx: FuzzContext, index: number): FuzzInput {
  const kind = pick(r, BUDGET_XLSX_KINDS);
  const name = `budget-${index}.xlsx`;
  const n = 1 + int(r, 10);
  const header = [...TEMPLATE_COLUMNS] as string[];
  if (chance(r, 0.3)) header.sort(() => r() - 0.5);
  const lines = Array.from({ length: n }, (_, k) => validLine(r, ctx, chance(r, 0.4) ? null : `X${index}-${k}`));
  // An amount in a cell is a number (Excel keeps 15 digits): only whole pence survive it exactly.
  for (const l of lines) l.cells.description = l.cells.description!.replace(/^[=+\-@\t]/, "'");
  const total = lines.reduce((s, l) => s + l.pence, 0);
  const shared = chance(r, 0.5);
  const numeric = chance(r, 0.6);
  const rows: Cell[][] = [header, ...lines.map((l) => xlsxRow(r, header, l.cells, l.pence, numeric))];
  const sheets = () => {
    const main = { name: pick(r, ['Budget', 'Sheet1', 'Lines 2024-25', 'Données']), rows };
    return chance(r, 0.2) ? [main, { name: 'Notes', rows: [['nothing here']] as Cell[][] }] : [main];
  };
  const input = (bytes: Buffer, expect?: FuzzInput['expect'], refused?: RegExp): FuzzInput => ({ kind: `budget-xlsx/${kind}`, target: 'budgets', name, bytes, ...(expect ? { expect } : {}), ...(refused ? { refused } : {}) });
  switch (kind) {
    case 'valid':
      return input(xlsx({ sheets: sheets(), shared, date1904: chance(r, 0.1) }), { imported: n, totalPence: total });
    case 'wrong-header': {
      const h = [...header];
      h[int(r, h.length)] = pick(r, ['amount', '', 'Ward', 'x'.repeat(300)]);
      return input(xlsx({ sheets: [{ name: 'Budget', rows: [h, ...rows.slice(1)] }], shared }));
    }
    case 'formulas': {
      const rs = rows.map((row, i) =>
        i === 0 ? row : row.map((c) => (chance(r, 0.3) ? pick(r, [{ f: 'A1*2' }, { f: '1/0', v: 0 }, { f: 'CONCAT("a","b")', v: 'ab' }, { f: 'TRUE()', v: true }, pick(r, FORMULAS)] as Cell[]) : c)),
      );
      return input(xlsx({ sheets: [{ name: 'Budget', rows: rs }], shared }));
    }
    case 'errors-and-types': {
      const rs = rows.map((row, i) =>
        i === 0 ? row : row.map((c) => (chance(r, 0.25) ? pick(r, [{ e: '#DIV/0!' }, { e: '#N/A' }, true, false, { date: 45000 + int(r, 1000) }, { date: 1e308 }, { date: -5 }, { inline: 'x' }] as Cell[]) : c)),
      );
      return input(xlsx({ sheets: [{ name: 'Budget', rows: rs }], shared, date1904: chance(r, 0.3) }));
    }
    case 'weird-numbers': {
      const col = header.indexOf(pick(r, ['amount_gbp', 'deprivation_weight', 'discretionary_pct']));
      const rs = rows.map((row, i) => {
        if (i === 0) return row;
        const out = [...row];
        out[col] = pick(r, [1e308, -0, 1e-10, 0.1 + 0.2, 100 * 1.1, -5, 2 ** 53, 123456789012.34, pick(r, WEIRD_NUMBERS)] as Cell[]);
        return out;
      });
      return input(xlsx({ sheets: [{ name: 'Budget', rows: rs }], shared }));
    }
    case 'huge-field': {
      const rs = rows.map((row) => [...row]);
      rs[1]![int(r, header.length)] = 'h'.repeat(32_768 + int(r, 50_000));
      if (chance(r, 0.3)) rs.push(Array.from({ length: 17_000 }, () => 1));
      return input(xlsx({ sheets: [{ name: 'Budget', rows: rs }], shared }));
    }
    case 'broken-zip': {
      const b = xlsx({ sheets: sheets(), shared });
      switch (int(r, 4)) {
        case 0:
          return input(b.subarray(0, int(r, b.length)));
        case 1:
          return input(Buffer.concat([b.subarray(0, 100), randomBytes(r, 200), b.subarray(300)]));
        case 2: {
          // Entries flagged as encrypted, or compressed with a method we do not read.
          const parts = workbookParts({ sheets: sheets(), shared });
          const z = zip(parts);
          const cd = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
          if (cd > 0) z.writeUInt16LE(chance(r, 0.5) ? 1 : 0x0801, cd + 8);
          if (cd > 0 && chance(r, 0.5)) z.writeUInt16LE(12, cd + 10);
          return input(z);
        }
        default:
          return input(Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]));
      }
    }
    case 'broken-xml': {
      const parts = workbookParts({ sheets: sheets(), shared });
      const victim = pick(r, parts);
      const t = victim.data.toString('utf8');
      const at = int(r, t.length);
      victim.data = Buffer.from(
        pick(r, [t.slice(0, at), t.slice(0, at) + '<' + t.slice(at), t.slice(0, at) + '<c r="A1"><v>' + t.slice(at), t.replace(/<\/row>/g, ''), t.replace(/"/g, "'"), t.replace(/<c /g, '<x:c ')]),
      );
      return input(zip(parts));
    }
    case 'hostile-xml': {
      const variant = int(r, 5);
      let sheet: string;
      if (variant === 0)
        sheet = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
      else if (variant === 1) sheet = `<worksheet><sheetData><row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData></worksheet>`;
      else if (variant === 2) sheet = `<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`;
      else if (variant === 3) sheet = `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(5)}<row r="1"><c t="s"><v>999999</v></c><c t="s"><v>-1</v></c><c t="s"><v>x</v></c></row></sheetData></worksheet>`;
      else sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'&#x0;&#xFFFFFF;&#55296;&amp;&unknown;'.repeat(3)}</t></is></c><c r="B1" attr=">"><v>&#49;</v></c></row></sheetData></worksheet>`;
      return input(xlsx({ sheets: [{ name: 'Budget', xml: sheet }] }));
    }
    case 'structure': {
      const parts = workbookParts({ sheets: sheets(), shared });
      switch (int(r, 5)) {
        case 0:
          return input(zip(parts.filter((p) => p.name !== 'xl/workbook.xml')));
        case 1:
          return input(zip(parts.filter((p) => !p.name.startsWith('xl/worksheets/'))));
        case 2:
          return input(zip(parts.filter((p) => p.name !== 'xl/sharedStrings.xml')));
        case 3:
          return input(zip(parts.map((p): ZipEntry => ({ ...p, method: 0 }))), { imported: n, totalPence: total });
        default:
          return input(zip([...parts, { name: '../../evil.txt', data: Buffer.from('x') }, { name: '/abs/path.xml', data: Buffer.from('x') }]), { imported: n, totalPence: total });
      }
    }
    case 'merged-cells': {
      // A whole line stored under the last line's cells, merged down over it: Excel shows it blank.
      const decoy = validLine(r, ctx, `D${index}`);
      decoy.cells.description = decoy.cells.description!.replace(/^[=+\-@\t]/, "'");
      const parts = workbookParts({ sheets: [{ name: 'Budget', rows: [...rows, xlsxRow(r, header, decoy.cells, decoy.pence, numeric)] }], shared });
      mergeRowDown(parts, n + 1, header.length, r, int(r, 50));
      return input(zip(parts), { imported: n, totalPence: total });
    }
    case 'altered-after-save':
      return input(alteredAfterSave(workbookParts({ sheets: [{ name: 'Budget', rows }], shared }), r), undefined, /fails its checksum \(CRC-32\)/);
    default:
      return input(mutate(r, xlsx({ sheets: sheets(), shared }), 1 + int(r, 8)));
  }
}

// ---------------------------------------------------------------------------------
// Ward proxy CSV

const PROXY_KINDS = ['valid', 'valid', 'wrong-header', 'unknown-wards', 'weird-numbers', 'weird-numbers', 'binary-junk', 'quotes', 'encodings', 'huge-field', 'mutation'] as const;

function proxyCsv(r: R, ctx: FuzzContext, index: number): FuzzInput {
  const kind = pick(r, PROXY_KINDS);
  const name = `proxy-${index}.csv`;
  const wards = ctx.wards.filter(() => chance(r, 0.8));
  if (!wards.length) wards.push(ctx.wards[0]!);
  const value = () => pick(r, [String(int(r, 100_000)), `${int(r, 1000)}.${int(r, 100)}`, (int(r, 1_000_000)).toLocaleString('en-GB'), '0', '.5']);
  const rows = wards.map((w) => [chance(r, 0.2) ? w.toLowerCase() : w, value()]);
  const shape = shapeOf(r);
  const header = ['ward_code', 'value'];
  if (chance(r, 0.3)) {
    header.reverse();
    for (const row of rows) row.reverse();
  }
  const text = () => csvText([header, ...rows], shape, r);
  const input = (bytes: Buffer | string, expect?: FuzzInput['expect']): FuzzInput => ({
    kind: `proxy-csv/${kind}`,
    target: 'proxy',
    name,
    bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
    ...(expect ? { expect } : {}),
  });
  const vcol = header.indexOf('value');
  switch (kind) {
    case 'valid':
      return input(chance(r, 0.2) ? '\ufeff' + text() : text(), { imported: wards.length });
    case 'wrong-header':
      return input(csvText([[pick(r, ['ward', 'code', 'ward code', '']), pick(r, ['val', 'value', 'amount'])], ...rows], shape, r));
    case 'unknown-wards': {
      const rs = rows.map((row) => [...row]);
      const wc = header.indexOf('ward_code');
      rs[int(r, rs.length)]![wc] = pick(r, ['E05999999', '', 'E0501394', 'W05000001', rs[0]![wc]!]);
      return input(csvText([header, ...rs], shape, r));
    }
    case 'weird-numbers': {
      const rs = rows.map((row) => {
        const out = [...row];
        if (chance(r, 0.5)) out[vcol] = pick(r, WEIRD_NUMBERS);
        return out;
      });
      return input(csvText([header, ...rs], shape, r));
    }
    case 'binary-junk':
      return input(chance(r, 0.5) ? randomBytes(r, 1 + int(r, 3000)) : Buffer.concat([Buffer.from(text()), Buffer.from([0]), randomBytes(r, 100)]));
    case 'quotes': {
      const t = text();
      const at = int(r, t.length);
      return input(t.slice(0, at) + '"' + t.slice(at));
    }
    case 'encodings':
      return input(chance(r, 0.5) ? encodeUtf16(text(), chance(r, 0.5)) : Buffer.concat([Buffer.from([0xff, 0xfe]), encodeUtf16(text(), false)]), chance(r, 0.5) ? undefined : undefined);
    case 'huge-field': {
      const rs = rows.map((row) => [...row]);
      rs[0]![vcol] = '1'.repeat(32_768 + int(r, 40_000));
      return input(csvText([header, ...rs], shape, r));
    }
    default:
      return input(mutate(r, Buffer.from(text()), 1 + int(r, 10)));
  }
}

/** Input `index` of the run with `seed`: budget CSV 60%, budget XLSX 20%, proxy CSV 20%. */
export function generate(seed: number, index: number, ctx: FuzzContext): FuzzInput {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const x = r();
  if (x < 0.6) return budgetCsv(r, ctx, index);
  if (x < 0.8) return budgetXlsx(r, ctx, index);
  return proxyCsv(r, ctx, index);
}

export { colName };
