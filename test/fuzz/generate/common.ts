// What every generator of fuzz inputs shares: the input's shape, the seeded draws,
// the partner lines, texts and numbers they draw from, CSV writing and byte mutation.
import { CONFIDENCES, PARTNER_TYPES, STATUSES } from '../../../shared/domain/types';
import { STANDARD_PROXIES } from '../../../shared/domain/proxies';

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

export type R = () => number;
export const int = (r: R, n: number) => Math.floor(r() * n);
export const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)]!;
export const chance = (r: R, p: number) => r() < p;

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
export const FORMULAS = ['=1+1', '=HYPERLINK("http://example.invalid","click")', '+cmd|\' /C calc\'!A0', '@SUM(A1:A9)', '-2+3', '=cmd|\'/c notepad\'!A1', '\t=1', '=A1*1000'];
export const WEIRD_NUMBERS = [
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

export function validLine(r: R, ctx: FuzzContext, ref: string | null): Line {
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

export interface CsvShape {
  delimiter: string;
  eol: () => string;
  quoteAll: boolean;
}

export function shapeOf(r: R): CsvShape {
  const d = pick(r, [',', ',', ',', ';', '\t']);
  const mixed = chance(r, 0.2);
  const eol = pick(r, ['\n', '\r\n', '\r']);
  return { delimiter: d, eol: mixed ? () => pick(r, ['\n', '\r\n', '\r']) : () => eol, quoteAll: chance(r, 0.2) };
}

export function csvText(rows: string[][], shape: CsvShape, r: R, blankLines = 0.05): string {
  let out = '';
  for (const row of rows) {
    out += row.map((c) => quoteCell(c, shape.delimiter, shape.quoteAll)).join(shape.delimiter) + shape.eol();
    if (chance(r, blankLines)) out += shape.eol();
  }
  return out;
}
export const encodeUtf16 = (text: string, be: boolean): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  return be ? Buffer.from(le).swap16() : le;
};

export function cp1252(text: string): Buffer | null {
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

export function mutate(r: R, bytes: Buffer, n: number): Buffer {
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

export const randomBytes = (r: R, n: number) => Buffer.from(Array.from({ length: n }, () => int(r, 256)));
