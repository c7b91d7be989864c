// Merged cells in partners' workbooks: Excel shows a merged range's value in its
// top-left cell only, so a value a crafted file stores under the rest of the range is
// read as blank, by every reader of workbooks (budgets, proxies, returned packs). The
// files are made here, a sheet's XML by hand, so they can hold what Excel never writes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importBudgets } from '../../electron/backend/budgets/import';
import { MergedCells } from '../../electron/backend/imports/merged-cells';
import { importProxy } from '../../electron/backend/proxies/import';
import { readPackFile, textOf } from '../../electron/backend/packs/review-read';
import { allLines } from '../../electron/backend/budgets/lines';
import { recalcProfile, sofficePath } from '../../scripts/lib/libreoffice';
import { rng } from '../../scripts/lib/rng';
import { colName, workbookParts, zip } from '../fuzz/xlsx';
import { CANONICAL_HEADER } from '../helpers/budget';
import { dumpDb } from '../helpers/db';
import { problemsOf, refusedWith, useProjects } from '../helpers/project';

const { tmp, fresh } = useProjects('spendmap-merges-');

type Value = string | number | null;

/** A sheet's XML: each row's values from column A, then the merged ranges given. */
function sheetXml(rows: Value[][], merges: string[]): string {
  const body = rows
    .map((cells, i) => {
      const r = i + 1;
      const xml = cells.map((v, j) => (v === null ? '' : typeof v === 'number' ? `<c r="${colName(j)}${r}"><v>${v}</v></c>` : `<c r="${colName(j)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`));
      return `<row r="${r}">${xml.join('')}</row>`;
    })
    .join('');
  const merged = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${merged}</worksheet>`;
}

function writeBook(name: string, sheets: { name: string; rows: Value[][]; merges: string[] }[]): string {
  const path = join(tmp(), name);
  writeFileSync(path, zip(workbookParts({ sheets: sheets.map((s) => ({ name: s.name, xml: sheetXml(s.rows, s.merges) })) })));
  return path;
}

/** A budget line in template order. */
function line(ref: string | null, amount: number): Value[] {
  const over: Record<string, Value> = { ref, partner: 'Kingston Hospital NHS Foundation Trust', partner_type: 'health', amount_gbp: amount, basis: 'population' };
  return CANONICAL_HEADER.map((h) => over[h] ?? null);
}

/** Every column of rows `top`..`bottom` merged downwards, column by column. */
const mergedDown = (top: number, bottom: number) => CANONICAL_HEADER.map((_, j) => `${colName(j)}${top}:${colName(j)}${bottom}`);

describe('a value stored under a merged range is read as blank', () => {
  it('budgets: a whole line stored under the line above it (merged down) is not imported', async () => {
    const project = fresh();
    const path = writeBook('merged-line.xlsx', [{ name: 'Budget', rows: [[...CANONICAL_HEADER], line('M-1', 1000), line('M-2', 250.5), line('HIDDEN-3', 99_999)], merges: mergedDown(3, 4) }]);
    expect(await importBudgets(project, { file: { path } })).toMatchObject({ imported: 2, totalPence: 125_050 });
    expect(allLines(project).map((l) => l.ref).sort()).toEqual(['M-1', 'M-2']);
  });

  it('budgets: LibreOffice, re-saving such a workbook, keeps the line under the merge (hidden); it is still not imported', async () => {
    const path = writeBook('lo-merged.xlsx', [{ name: 'Budget', rows: [[...CANONICAL_HEADER], line('M-1', 1000), line('M-2', 250.5), line('HIDDEN-3', 99_999)], merges: mergedDown(3, 4) }]);
    const out = join(tmp(), 'lo');
    mkdirSync(out);
    const args = [`-env:UserInstallation=${pathToFileURL(recalcProfile()).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx', '--outdir', out, path];
    const res = spawnSync(sofficePath(), args, { encoding: 'utf8', timeout: 120_000 });
    expect(res.status, res.stderr).toBe(0);
    const resaved = join(out, 'lo-merged.xlsx');
    const parts = unzipSync(readFileSync(resaved));
    const text = Object.values(parts).map((b) => Buffer.from(b).toString('utf8')).join('');
    expect(text).toContain('HIDDEN-3'); // stored, though neither Calc nor Excel shows it
    expect(text).toContain('<mergeCell ref="A3:A4"/>');
    expect(await importBudgets(fresh(), { file: { path: resaved } })).toMatchObject({ imported: 2, totalPence: 125_050 });
  }, 180_000);

  it('budgets: an amount merged over two lines is refused on the second line, whatever the file stores there', async () => {
    const project = fresh();
    const before = dumpDb(project.db);
    const path = writeBook('merged-amount.xlsx', [{ name: 'Budget', rows: [[...CANONICAL_HEADER], line('A-1', 1000), line('A-2', 1000)], merges: ['$F$2:$F$3'] }]); // absolute refs, as some tools write them
    const e = await refusedWith(importBudgets(project, { file: { path } }));
    expect(problemsOf(e)).toEqual([expect.objectContaining({ file: 'merged-amount.xlsx', row: 3, column: 'amount_gbp', message: expect.stringMatching(/is blank/) })]);
    expect(dumpDb(project.db)).toEqual(before);
  });

  it('a merge spanning the header row: the cell below the header is blank, so the line takes an automatic ref', async () => {
    const project = fresh();
    const path = writeBook('header-merge.xlsx', [{ name: 'Budget', rows: [[...CANONICAL_HEADER], line('STORED-UNDER', 1000)], merges: ['A1:A2'] }]);
    expect(await importBudgets(project, { file: { path } })).toMatchObject({ imported: 1, totalPence: 100_000 });
    expect(allLines(project).map((l) => l.ref)).toEqual(['L00001']);
  });

  it('a merge across header cells: only the first names its column, so a column under the rest is missing', async () => {
    const project = fresh();
    const path = writeBook('header-across.xlsx', [{ name: 'Budget', rows: [[...CANONICAL_HEADER], line('H-1', 1000)], merges: ['E1:F1'] }]);
    const e = await refusedWith(importBudgets(project, { file: { path } }));
    expect(e.message).toMatch(/^header-across\.xlsx: /);
    expect(JSON.stringify(problemsOf(e))).toMatch(/amount_gbp/);
  });

  it('proxies: a ward stored under the row above it (merged down) is not imported', async () => {
    const project = fresh();
    const rows: Value[][] = [['ward_code', 'value'], ['E05013938', 10], ['E05013940', 20], ['E05013941', 30]];
    const path = writeBook('proxy.xlsx', [{ name: 'Proxy', rows, merges: ['A3:A4', 'B3:B4'] }]);
    const r = await importProxy(project, { file: { path }, name: 'merged_test' });
    expect(r.wards).toBe(2);
    expect(r.missing).toContain('E05013941');
    const values = project.db.prepare("SELECT ward_code, value FROM proxy_values JOIN proxies ON proxies.id = proxy_id WHERE name = 'merged_test' ORDER BY ward_code").all();
    expect(values).toEqual([
      { ward_code: 'E05013938', value: 10 },
      { ward_code: 'E05013940', value: 20 },
    ]);
  });

  it('returned packs: a cell under a merged range reads as empty, its top-left cell as typed', async () => {
    const rows: Value[][] = [['Figure', 'Value', 'How'], ['Total', 1000, 'Σ of the lines', 'stored under', 5], ['Per head', 2, null, null, null]];
    const path = writeBook('pack.xlsx', [{ name: 'Summary', rows, merges: ['C2:E2', 'B3:B4'] }]);
    const pack = await readPackFile({ path }, ['Summary']);
    const s = pack.sheets.get('Summary')!;
    expect([textOf(s.raw(2, 3)), textOf(s.raw(2, 4)), textOf(s.raw(2, 5))]).toEqual(['Σ of the lines', '', '']);
    expect(textOf(s.raw(3, 2))).toBe('2');
  });

  it('returned packs: a sheet of more than 4 MB (its ranges parsed in a pass of their own, not from the scan\'s copy) reads the same', async () => {
    const filler = 'x'.repeat(30_000);
    const rows: Value[][] = [['Figure', 'Value', 'Stored under'], ['Total', 1000, 'hidden']];
    for (let r = 3; r < 200; r++) rows.push(['Row', r, null, filler]);
    const path = writeBook('big-pack.xlsx', [{ name: 'Summary', rows, merges: ['B2:C2', 'A3:A4'] }]);
    const pack = await readPackFile({ path }, ['Summary']);
    const s = pack.sheets.get('Summary')!;
    expect([textOf(s.raw(2, 2)), textOf(s.raw(2, 3)), textOf(s.raw(3, 1)), textOf(s.raw(4, 1)), textOf(s.raw(5, 1))]).toEqual(['1000', '', 'Row', '', 'Row']);
    expect(pack.book.parts.get('xl/worksheets/sheet1.xml')).toBeGreaterThan(4 * 1024 * 1024);
  });
});

describe('merged ranges: bounds and refusals', () => {
  it('a merged range that is not a range of cells is refused, naming the file and sheet', async () => {
    const project = fresh();
    const path = writeBook('bad-range.xlsx', [{ name: 'Budget', rows: [[...CANONICAL_HEADER], line('B-1', 1000)], merges: ['A1:XFE2'] }]);
    const e = await refusedWith(importBudgets(project, { file: { path } }));
    expect(e.message).toMatch(/^bad-range\.xlsx: .*the sheet "Budget" has a merged range "A1:XFE2" that is not a range of cells/);
  });

  it('a mergeCell outside <mergeCells> (in an extension, say) is not a merge', async () => {
    const project = fresh();
    const xml = sheetXml([[...CANONICAL_HEADER], line('X-1', 1000)], []).replace('</worksheet>', '<extLst><ext uri="x"><mergeCell ref="A1:N9"/></ext></extLst></worksheet>');
    const path = join(tmp(), 'ext.xlsx');
    writeFileSync(path, zip(workbookParts({ sheets: [{ name: 'Budget', xml }] })));
    expect(await importBudgets(project, { file: { path } })).toMatchObject({ imported: 1, totalPence: 100_000 });
  });

  it('the row sweep agrees with checking every range, for random overlapping ranges and sparse rows', () => {
    const r = rng(20_261_206);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(r() * 30);
      const ranges = new Int32Array(n * 4);
      for (let i = 0; i < n; i++) {
        const top = 1 + Math.floor(r() * 40);
        const left = Math.floor(r() * 20);
        ranges.set([top, left, top + Math.floor(r() * 6), left + Math.floor(r() * 5)], i * 4);
      }
      const merged = new MergedCells(ranges, n);
      for (let row = 1; row <= 50; row += 1 + Math.floor(r() * 3)) {
        const cells = Array.from({ length: 26 }, (_, col) => ({ col }));
        const expected = cells.filter(({ col }) => {
          for (let i = 0; i < n; i++) {
            const [top, left, bottom, right] = ranges.subarray(i * 4, i * 4 + 4);
            if (row >= top! && row <= bottom! && col >= left! && col <= right! && !(row === top && col === left)) return false;
          }
          return true;
        });
        expect(merged.visible(row, cells).map((c) => c.col), `trial ${trial} row ${row}`).toEqual(expected.map((c) => c.col));
      }
    }
  });
});
