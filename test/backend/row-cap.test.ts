// The row cap counted from a file's bytes (imports/csv-row-scan.ts, sheet-row-scan.ts):
// the rows it counts are the rows the readers pass on, checked against the readers on
// the fuzz suite's generated files and on hand-made ones (quoted line ends, blank and
// styled rows, prefixed tags, stored parts); a proxy file past its cap is refused
// naming the file, the sheet and the row, through the real import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importProxy } from '../../electron/backend/proxies/import';
import { createProject } from '../../electron/backend/project/lifecycle';
import { bufferSource, rowBeyond, streamTable } from '../../electron/backend/imports/table';
import { AppError } from '../../shared/contract/result';
import { generate } from '../fuzz/generators';
import { workbookParts, xlsxStreamed, zip } from '../fuzz/xlsx';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-row-cap-');

/** The rows the reader passes on holding a value. */
async function readerRows(name: string, bytes: Buffer): Promise<number[]> {
  const rows: number[] = [];
  await streamTable(bufferSource(name, bytes), { includeHidden: true }, (cells, row) => void (cells.some((c) => c.trim() !== '') && rows.push(row)));
  return rows;
}

/** Where the byte count says each cap from 0 to `upTo` is passed. */
async function passedAt(name: string, bytes: Buffer, upTo: number): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (let limit = 0; limit <= upTo; limit++) out.push((await rowBeyond(bufferSource(name, bytes), limit, { includeHidden: true }))?.row ?? null);
  return out;
}

/** A workbook whose one sheet is this XML (deflated, or stored as Excel may). */
const sheetBook = (xml: string, method: 0 | 8 = 8) =>
  zip(workbookParts({ sheets: [{ name: 'Wards', xml }] }).map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, data: Buffer.from(xml), method } : p)));

describe('row cap from the bytes', () => {
  it('counts the rows the readers pass on, for 600 generated budget and proxy files', async () => {
    const wards = ['E05013941', 'E05013942', 'E05013943'];
    let compared = 0;
    const differ: string[] = [];
    for (let i = 0; i < 600; i++) {
      const input = generate(4242, i, { wards, year: '2024-25' });
      // A value under a merged range is read as blank but is in the file: counted there.
      if (input.kind.endsWith('/merged-cells')) continue;
      let rows: number[];
      try {
        rows = await readerRows(input.name, input.bytes);
      } catch {
        continue; // not readable as a table: the full read refuses it
      }
      if (rows.length < 2) continue;
      compared++;
      const n = rows.length;
      const source = bufferSource(input.name, input.bytes);
      const atN = await rowBeyond(source, n, { includeHidden: true });
      const below = await rowBeyond(source, n - 1, { includeHidden: true });
      if (atN !== null || below?.row !== rows[n - 1]) differ.push(`#${i} ${input.kind}: reader ${n} rows (last ${rows[n - 1]}), bytes passed ${n} at ${atN?.row}, ${n - 1} at ${below?.row}`);
    }
    expect(compared).toBeGreaterThan(350);
    expect(differ).toEqual([]);
  }, 120_000);

  it('splits CSV rows as the reader does: quoted line ends, blank rows, lone CR, a stray quote, UTF-16', async () => {
    const cases: [string, Buffer][] = [
      ['quoted line ends', Buffer.from('ref,description\r\nA,"two\r\nlines"\r\n,,\r\nB,"say ""hi""\nthere"\r\n\r\nC,x\r\n')],
      ['lone CR', Buffer.from('ref,amount\rA,1\r\rB,2\rC,3')],
      ['stray quote in a value', Buffer.from('ref;size\nA;5" screen\nB;7" screen\n" ";" "\nC;x\n')],
      ['quote closed before spaces', Buffer.from('a\tb\n"x" \t"y"\n"z"  \t1\n')],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ref,amount\r\nA,1\r\n,\r\nB,2\r\n', 'utf16le')])],
      ['Windows-1252', Buffer.from('ref,amount\nA,\xa31\n\xa0,\nB,2\n', 'latin1')],
      ['UTF-8 with a BOM', Buffer.from('\ufeffref,amount\nA,£1\n\u00a0,\u00a0\nB,2\n')],
    ];
    for (const [what, bytes] of cases) {
      const rows = await readerRows(`${what}.csv`, bytes);
      expect(rows.length, what).toBeGreaterThan(2);
      expect(await passedAt(`${what}.csv`, bytes, rows.length), what).toEqual([...rows, null]);
    }
  });

  it('counts a sheet rows holding values, whatever the writer: prefixed tags, styled empty rows, no row numbers, a stored part', async () => {
    const x = (body: string, p = '') =>
      `<?xml version="1.0"?><${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
    const cases: [string, string, 0 | 8, number[]][] = [
      ['numbered rows', x('<row r="1"><c r="A1" t="inlineStr"><is><t>ward_code</t></is></c></row><row r="4"><c r="A4"><v>1</v></c></row><row r="9" spans="1:2"><c r="B9"><v>2</v></c></row>'), 8, [1, 4, 9]],
      ['styled empty rows', x('<row r="1"><c r="A1"><v>1</v></c></row><row r="2" s="3" customFormat="1"><c r="A2" s="3"/></row><row r="3"><c r="A3"><v></v></c><c r="B3" t="inlineStr"><is><t/></is></c></row><row r="5"><c r="A5"><f>1+1</f></c></row><row r="6"><c r="A6"><v>6</v></c></row>'), 8, [1, 6]],
      ['no row numbers', x('<row><c><v>1</v></c></row><row/><row><c><v>3</v></c></row><row r="7"><c><v>7</v></c></row><row><c><v>8</v></c></row>'), 8, [1, 3, 7, 8]],
      ['prefixed tags', x('<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row><x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>E05013941</x:t></x:is></x:c></x:row>', 'x:'), 8, [2, 3]],
      ['a stored part', x('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>'), 0, [1, 2, 3]],
    ];
    for (const [what, xml, method, rows] of cases) {
      const bytes = sheetBook(xml, method);
      expect(await readerRows(`${what}.xlsx`, bytes), what).toEqual(rows);
      expect(await passedAt(`${what}.xlsx`, bytes, rows.length), what).toEqual([...rows, null]);
    }
  });

  it('finds the row where a long sheet passes the cap across the pieces it is inflated in', async () => {
    function* sheet() {
      yield '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      // Rows of every length, so that tags fall across every piece boundary; a blank row in every seven.
      // Every other row number is skipped, so each row's number is read from its tag.
      let rows = '';
      for (let i = 1; i <= 30_000; i++) {
        const r = 2 * i;
        rows += i % 7 ? `<row r="${r}" spans="1:1"><c r="A${r}" t="inlineStr"><is><t>${'w'.repeat(i % 300)}x</t></is></c></row>` : `<row r="${r}"><c r="A${r}" s="1"/></row>`;
        if (i % 1000 === 0) {
          yield rows;
          rows = '';
        }
      }
      yield '</sheetData></worksheet>';
    }
    const bytes = await xlsxStreamed('Wards', sheet());
    const rows = await readerRows('long.xlsx', bytes);
    expect(rows.length).toBe(30_000 - Math.floor(30_000 / 7));
    for (const limit of [1_000, 12_345, rows.length - 1]) expect((await rowBeyond(bufferSource('long.xlsx', bytes), limit))?.row).toBe(rows[limit]);
    expect(await rowBeyond(bufferSource('long.xlsx', bytes), rows.length)).toBeNull();
  });

  it('refuses a proxy file past 100,000 rows before keeping any, naming the file, the sheet and the row', async () => {
    const dir = tmp();
    const project = createProject({ path: join(dir, 'p.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
    try {
      const csv = join(dir, 'claimants.csv');
      writeFileSync(csv, `ward_code,value\n${'E05013941,12\n'.repeat(100_001)}`);
      function* sheet() {
        yield '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ward_code</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>';
        for (let from = 2; from <= 100_003; from += 1000) {
          let rows = '';
          for (let r = from; r < from + 1000 && r <= 100_003; r++) rows += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>E05013941</t></is></c><c r="B${r}"><v>12</v></c></row>`;
          yield rows;
        }
        yield '</sheetData></worksheet>';
      }
      const xlsx = join(dir, 'claimants.xlsx');
      writeFileSync(xlsx, await xlsxStreamed('Claimants', sheet()));
      for (const [file, sheetName] of [[csv, null], [xlsx, 'Claimants']] as const) {
        const refusal = await importProxy(project, { file: { path: file }, name: 'claimants' }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(refusal).toBeInstanceOf(AppError);
        const e = refusal as AppError;
        expect(e.code).toBe('INPUT');
        expect(e.message).toMatch(sheetName ? /^claimants\.xlsx: the sheet "Claimants" has more than 100,000 rows/ : /^claimants\.csv: the file has more than 100,000 rows/);
        expect(e.message).toMatch(/check this is the right file/);
        expect(e.details?.problems).toEqual([expect.objectContaining({ file: sheetName ? 'claimants.xlsx' : 'claimants.csv', row: 100_001, column: 'A' })]); // the header is one of the rows
      }
      expect(project.db.prepare("SELECT COUNT(*) FROM proxies WHERE name = 'claimants'").pluck().get()).toBe(0);
    } finally {
      project.close();
    }
  });

  it('stops counting a sheet when the import is cancelled', async () => {
    function* sheet() {
      yield '<worksheet><sheetData>';
      for (let r = 1; r <= 3_000; r++) yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
      yield '</sheetData></worksheet>';
    }
    const bytes = await xlsxStreamed('Budget', sheet());
    const abort = new AbortController();
    abort.abort();
    await expect(rowBeyond(bufferSource('big.xlsx', bytes), 1_000, { signal: abort.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await rowBeyond(bufferSource('big.xlsx', bytes), 1_000))?.row).toBe(1_001);
  });
});
