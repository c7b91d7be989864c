// The streaming XLSX reader (electron/backend/imports/xlsx-reader.ts) against exceljs, which
// Spendmap used to read workbooks with (in memory): for workbooks exceljs writes,
// with every kind of cell a partner's sheet has, both read the same text, cell for
// cell, as Excel shows it (a merged range's value in its top-left cell only).
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../electron/backend/imports/table';

/** How Spendmap read an exceljs cell before (the reference). */
function excelNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : String(v);
}
function referenceText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return excelNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return '';
      if (typeof r === 'object' && 'error' in (r as object)) return String((r as { error: string }).error);
      return r instanceof Date ? r.toISOString().slice(0, 10) : typeof r === 'number' ? excelNumber(r) : String(r);
    }
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

async function referenceRows(bytes: Buffer, sheet?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = sheet === undefined ? wb.worksheets[0]! : wb.getWorksheet(sheet)!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    // A merged cell's value belongs to its top-left cell: the rest of the range reads as blank.
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : referenceText(cell)));
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

/** Trailing empty cells are not content. */
const trim = (rows: string[][]) => rows.map((r) => {
  const out = [...r];
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
});

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('£12,300.50', 'Children’s services', 'a\nb', ' padded ', '=1+1', '&<>"\'', '漢字 🙂', '_x000D_', 'TRUE', '1e5', ''),
);
const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(0.1 + 0.2, 100 * 1.1, 1234.5, -0, 1e-7, 123456789.123),
  fc.boolean(),
  fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))),
  // Left out on purpose: exceljs drops a falsy cached result (false, 0, "") when it reads a
  // file back, and the old code showed a true/false result as "true"/"false"; ours reads
  // both as Excel shows them (TRUE, FALSE, 0).
  fc.record({ formula: fc.constant('1+1'), result: fc.oneof(fc.integer({ min: 1 }), fc.string({ minLength: 1, maxLength: 10 })) }).map((o) => ({ ...o })),
  fc.constant({ formula: 'A1*2' } as ExcelJS.CellValue),
  fc.constant({ error: '#DIV/0!' } as ExcelJS.CellValue),
  // (fast-check's records have no prototype; exceljs needs plain objects)
  fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }).map((parts) => ({ richText: parts.map((t) => ({ text: t, font: { bold: true } })) })),
  fc.string({ maxLength: 10 }).map((t) => ({ text: t, hyperlink: 'https://example.org/' })),
  fc.constant(null),
);

describe('the streaming XLSX reader reads what exceljs reads', () => {
  it('for random workbooks: numbers, text, dates, booleans, formulas, errors, rich text, links, gaps, merged cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellValue, { maxLength: 8 }), { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { maxLength: 2 }),
        fc.boolean(),
        async (rows, withCover, merges, date1904) => {
          const wb = new ExcelJS.Workbook();
          if (date1904) wb.properties.date1904 = true;
          if (withCover) wb.addWorksheet('Cover').addRow(['cover sheet']);
          const ws = wb.addWorksheet('Budget 2024-25');
          rows.forEach((r, i) => {
            const row = ws.getRow(i * (i % 3 === 2 ? 2 : 1) + 1);
            r.forEach((v, j) => {
              if (v !== null) row.getCell(j + 1).value = v;
            });
          });
          for (const [r, c, h, w] of merges) {
            try {
              ws.mergeCells(r, c, r + h, c + w);
            } catch {
              /* overlapping merge: skipped */
            }
          }
          const bytes = Buffer.from(await wb.xlsx.writeBuffer());
          const sheet = withCover ? 'Budget 2024-25' : undefined;
          const ours = await readTable({ name: 'random.xlsx', bytes }, { sheet });
          const theirs = await referenceRows(bytes, sheet);
          expect(trim(ours.rows)).toEqual(trim(theirs));
          expect(ours.sheets).toEqual(wb.worksheets.map((w) => w.name));
        },
      ),
      { numRuns: 120, seed: 20_241_105 },
    );
  }, 120_000);
});
