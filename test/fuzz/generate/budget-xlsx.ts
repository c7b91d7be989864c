// Budget XLSX workbooks: good ones written as Excel writes them, and broken or hostile
// ones (broken zips and XML, entity bombs, merged cells, files altered after saving).
import { TEMPLATE_COLUMNS } from '../../../shared/domain/types';
import { alteredAfterSave, mergeRowDown } from '../tampered';
import { workbookParts, xlsx, zip, type Cell, type ZipEntry } from '../xlsx';
import { chance, FORMULAS, int, mutate, pick, randomBytes, validLine, WEIRD_NUMBERS, type FuzzContext, type FuzzInput, type R } from './common';

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

export function budgetXlsx(r: R, ctx: FuzzContext, index: number): FuzzInput {
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
