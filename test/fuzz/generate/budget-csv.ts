// Budget CSVs: good ones in every encoding, delimiter and line end a partner's Excel
// writes, and hostile ones (wrong headers, junk bytes, huge fields, weird numbers...).
import { TEMPLATE_COLUMNS } from '../../../shared/domain/types';
import {
  chance,
  cp1252,
  csvText,
  encodeUtf16,
  FORMULAS,
  int,
  mutate,
  pick,
  randomBytes,
  shapeOf,
  validLine,
  WEIRD_NUMBERS,
  type CsvShape,
  type FuzzContext,
  type FuzzInput,
  type R,
} from './common';

function budgetRows(r: R, ctx: FuzzContext, index: number, n: number): { header: string[]; rows: string[][]; total: number } {
  const header = [...TEMPLATE_COLUMNS];
  if (chance(r, 0.3)) header.sort(() => r() - 0.5);
  const lines = Array.from({ length: n }, (_, k) => validLine(r, ctx, chance(r, 0.4) ? null : `F${index}-${k}`));
  return { header, rows: lines.map((l) => header.map((h) => l.cells[h] ?? '')), total: lines.reduce((s, l) => s + l.pence, 0) };
}

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

export function budgetCsv(r: R, ctx: FuzzContext, index: number): FuzzInput {
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
