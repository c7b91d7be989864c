// Importing partners' budget files into a real project: every format a finance officer
// sends, every kind of bad row named by file, row and column, and all or nothing.
// Refusals are in import-refusals.test.ts, partners' own layouts in import-mapping.test.ts.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allLines } from '../../electron/backend/budgets/lines';
import { budgetCsv, budgetRow, CANONICAL_HEADER, writeBudgetCsv } from '../helpers/budget';
import { dumpDb } from '../helpers/db';
import { sha256 } from '../helpers/hash';
import { importFile, linesByRef, NHS } from '../helpers/import-budgets';
import { problemsOf, refusedWith, useProjects } from '../helpers/project';

const { tmp, fresh } = useProjects('spendmap-import-');

describe('importing clean files', () => {
  it('imports the canonical CSV with every column', async () => {
    const project = fresh();
    const dir = tmp();
    const path = writeBudgetCsv(dir, 'canonical.csv', [
      {
        ref: 'NHS-1',
        partner: NHS,
        partner_type: 'health',
        service: 'Community health',
        description: 'District nursing',
        amount_gbp: '1234.56',
        year: '2023-24',
        basis: 'income_deprived',
        deprivation_weight: '0.5',
        discretionary_pct: '12.5',
        status: 'aligned',
        confidence: '',
        themes: 'Health; Older people;health',
        site_ward: '',
      },
      {
        partner: 'Metropolitan Police Service',
        partner_type: 'Police',
        service: 'Police station',
        amount_gbp: '£12,300.50',
        basis: 'site',
        site_ward: 'e05013941',
        confidence: 'G',
        discretionary_pct: '5%',
        status: 'POOLED',
      },
      { partner: NHS.toUpperCase(), partner_type: 'health', amount_gbp: '0', basis: 'even', year: '', status: '' },
    ]);
    const result = await importFile(project, path);
    expect(result).toEqual({
      imported: 3,
      totalPence: 123_456 + 1_230_050,
      partners: [NHS, 'Metropolitan Police Service', NHS.toUpperCase()],
      fileName: 'canonical.csv',
    });
    const lines = allLines(project);
    expect(lines.map((l) => l.ref)).toEqual(['NHS-1', 'L00001', 'L00002']);
    const [a, b, c] = lines;
    expect(a).toMatchObject({
      partner: NHS,
      partnerType: 'health',
      service: 'Community health',
      description: 'District nursing',
      amountPence: 123_456,
      year: '2023-24',
      basis: 'income_deprived',
      beta: 0.5,
      discretionaryPct: 12.5,
      status: 'aligned',
      confidenceOverride: null,
      confidence: 'amber',
      themes: ['Health', 'Older people'],
      siteWard: null,
    });
    expect(b).toMatchObject({
      partnerType: 'police',
      amountPence: 1_230_050,
      basis: 'site',
      siteWard: 'E05013941',
      discretionaryPct: 5,
      status: 'pooled',
      confidenceOverride: 'green',
      confidence: 'green',
      confidenceReason: 'Imported from canonical.csv row 3',
    });
    // One partner per name, whatever its case; blank year and status take the defaults.
    expect(c).toMatchObject({ partner: NHS, amountPence: 0, year: '2023-24', status: 'mainstream', confidence: 'red' });
    expect(project.db.prepare('SELECT name, type FROM partners ORDER BY id').all()).toEqual([
      { name: NHS, type: 'health' },
      { name: 'Metropolitan Police Service', type: 'police' },
    ]);
    const imports = project.db.prepare('SELECT kind, file_name, sha256, rows FROM imports').all();
    expect(imports).toEqual([{ kind: 'budgets', file_name: 'canonical.csv', sha256: sha256(readFileSync(path)), rows: 3 }]);
    const audit = project.db.prepare("SELECT action, entity FROM audit_log WHERE action != 'create' OR entity != 'project' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'create', entity: 'partner' },
      { action: 'create', entity: 'partner' },
      { action: 'import', entity: 'import' },
    ]);
  });

  async function xlsx(sheets: { name: string; rows: unknown[][] }[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name);
      for (const r of s.rows) ws.addRow(r);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const xlsxRow = (over: Record<string, unknown>) => CANONICAL_HEADER.map((h) => (h in over ? over[h] : ''));

  it('imports the first sheet of an XLSX, with numbers, text and formula results', async () => {
    const project = fresh();
    const path = join(tmp(), 'budget.xlsx');
    writeFileSync(
      path,
      await xlsx([
        {
          name: 'Budget',
          rows: [
            [...CANONICAL_HEADER],
            xlsxRow({ ref: 'X-1', partner: NHS, partner_type: 'health', amount_gbp: 1234.5, basis: 'population', deprivation_weight: 0.35, discretionary_pct: 10 }),
            xlsxRow({ ref: 'X-2', partner: NHS, partner_type: 'health', amount_gbp: { formula: '1000*2', result: 2000 }, basis: 'even', year: '2023-24' }),
          ],
        },
        { name: 'Notes', rows: [['nothing to import here']] },
      ]),
    );
    expect(await importFile(project, path)).toMatchObject({ imported: 2, totalPence: 123_450 + 200_000 });
    const lines = linesByRef(project);
    expect(lines.get('X-1')).toMatchObject({ amountPence: 123_450, beta: 0.35, discretionaryPct: 10, basis: 'population' });
    expect(lines.get('X-2')).toMatchObject({ amountPence: 200_000, basis: 'even' });
  });

  it('imports a named sheet of an XLSX, and refuses a sheet that does not exist', async () => {
    const project = fresh();
    const path = join(tmp(), 'workbook.xlsx');
    writeFileSync(
      path,
      await xlsx([
        { name: 'Cover', rows: [['Kingston Hospital budget return'], ['Prepared for the Norbiton pilot', 'v2']] },
        {
          name: 'Budget 2023-24',
          rows: [[...CANONICAL_HEADER], xlsxRow({ ref: 'S-1', partner: NHS, partner_type: 'health', amount_gbp: 99.99, basis: 'working_age' })],
        },
      ]),
    );
    const before = dumpDb(project.db);
    const missing = await refusedWith(importFile(project, path, { sheet: 'Budget 2024-25' }));
    expect(missing.code).toBe('INPUT');
    expect(missing.message).toMatch(/no sheet "Budget 2024-25".*Cover, Budget 2023-24/);
    // The first sheet is not a budget: its header is refused, and nothing is imported.
    expect((await refusedWith(importFile(project, path))).code).toBe('INPUT');
    expect(dumpDb(project.db)).toEqual(before);
    expect(await importFile(project, path, { sheet: 'Budget 2023-24' })).toMatchObject({ imported: 1, totalPence: 9_999 });
    expect(linesByRef(project).get('S-1')?.basis).toBe('working_age');
  });

  // Excel keeps 15 significant digits: a cell =100*1.1 holds 110.00000000000001 and
  // shows 110.00 at any number format. cellText (imports/table.ts:127, and :138 for a
  // formula result) passes String(v) on, so the amount is refused as "more precise than a
  // penny" although the partner's sheet says 110.00.
  it('reads an XLSX amount the way Excel shows it (15 significant digits) (BUG: imports/table.ts cellText)', async () => {
    const project = fresh();
    const path = join(tmp(), 'uplift.xlsx');
    writeFileSync(
      path,
      await xlsx([
        {
          name: 'Budget',
          rows: [
            [...CANONICAL_HEADER],
            xlsxRow({ ref: 'U-1', partner: NHS, partner_type: 'health', amount_gbp: 100 * 1.1, basis: 'population' }),
            xlsxRow({ ref: 'U-2', partner: NHS, partner_type: 'health', amount_gbp: { formula: 'B2*3', result: 0.1 * 3 }, basis: 'population' }),
          ],
        },
      ]),
    );
    expect(await importFile(project, path)).toMatchObject({ imported: 2, totalPence: 11_000 + 30 });
  });

  it('accepts the canonical columns in any order', async () => {
    const project = fresh();
    const header = [...CANONICAL_HEADER].reverse();
    const p = writeBudgetCsv(tmp(), 'reordered.csv', [budgetRow({ ref: 'RO-1', amount_gbp: '77.70', basis: 'imd_score' })], { header });
    expect(await importFile(project, p)).toMatchObject({ imported: 1, totalPence: 7_770 });
    expect(allLines(project)[0]).toMatchObject({ ref: 'RO-1', partner: NHS, basis: 'imd_score', amountPence: 7_770 });
  });

  describe('units', () => {
    const cases: [string, 'pounds' | 'thousands' | 'millions' | undefined, number][] = [
      ['12.34567', 'thousands', 1_234_567],
      ['12', 'thousands', 1_200_000],
      ['1.5', 'millions', 150_000_000],
      ['1.2345678', 'millions', 123_456_780],
      ['12.34', 'pounds', 1_234],
      ['12.3', undefined, 1_230],
    ];
    for (const [text, units, pence] of cases)
      it(`reads "${text}" in ${units ?? 'pounds (default)'} as exactly ${pence} pence`, async () => {
        const project = fresh();
        const p = writeBudgetCsv(tmp(), 'units.csv', [budgetRow({ amount_gbp: text })]);
        expect(await importFile(project, p, units ? { units } : {})).toMatchObject({ imported: 1, totalPence: pence });
        expect(allLines(project)[0]!.amountPence).toBe(pence);
      });

    const tooPrecise: [string, 'pounds' | 'thousands' | 'millions'][] = [
      ['12.345678', 'thousands'],
      ['1.234567891', 'millions'],
      ['12.345', 'pounds'],
    ];
    for (const [text, units] of tooPrecise)
      it(`refuses "${text}" in ${units}: more precise than a penny`, async () => {
        const project = fresh();
        const p = writeBudgetCsv(tmp(), 'precise.csv', [budgetRow({ amount_gbp: text })]);
        const e = await refusedWith(importFile(project, p, { units }));
        expect(problemsOf(e)).toEqual([
          expect.objectContaining({ file: 'precise.csv', row: 2, column: 'amount_gbp', message: expect.stringMatching(/more precise than a penny/) }),
        ]);
        expect(allLines(project)).toEqual([]);
      });
  });

  it('reads amounts as finance officers write them', async () => {
    const project = fresh();
    const amounts: [string, number][] = [
      ['£12,300.50', 1_230_050],
      ['1 234', 123_400],
      ['1,234,567.89', 123_456_789],
      ['  42  ', 4_200],
      ['0.5', 50],
      ['£0.01', 1],
    ];
    const p = writeBudgetCsv(
      tmp(),
      'formats.csv',
      amounts.map(([a], i) => budgetRow({ ref: `F-${i}`, amount_gbp: a })),
    );
    await importFile(project, p);
    const lines = linesByRef(project);
    amounts.forEach(([text, pence], i) => expect({ text, pence: lines.get(`F-${i}`)?.amountPence }).toEqual({ text, pence }));
  });

  it('imports a UTF-8 file with a BOM and CRLF line ends', async () => {
    const project = fresh();
    const p = writeBudgetCsv(tmp(), 'bom.csv', [budgetRow({ ref: 'B-1', description: 'Café £ grant' })], { bom: true, eol: '\r\n' });
    expect(readFileSync(p).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await importFile(project, p)).toMatchObject({ imported: 1 });
    expect(allLines(project)[0]).toMatchObject({ ref: 'B-1', description: 'Café £ grant', amountPence: 100_000 });
  });

  it('imports a ";"-delimited file (European Excel)', async () => {
    const project = fresh();
    const p = writeBudgetCsv(
      tmp(),
      'semicolon.csv',
      [budgetRow({ ref: 'SC-1', description: 'Beds, wards and clinics', amount_gbp: '1,234.50', themes: 'Health;Housing' })],
      { delimiter: ';' },
    );
    expect(readFileSync(p, 'utf8').split('\n')[0]).toBe(CANONICAL_HEADER.join(';'));
    expect(await importFile(project, p)).toMatchObject({ imported: 1, totalPence: 123_450 });
    expect(allLines(project)[0]).toMatchObject({ description: 'Beds, wards and clinics', themes: ['Health', 'Housing'] });
  });

  it('imports a Windows-1252 file with "£" (0xA3) in a description and an amount', async () => {
    const project = fresh();
    // "£" is 0xA3 and "é" 0xE9 in Windows-1252 (the same bytes as latin1).
    const bytes = Buffer.from(budgetCsv([budgetRow({ ref: 'CP-1', description: 'Caf\u00e9 grant \u00a3 match', amount_gbp: '\u00a31,500.00' })]), 'latin1');
    expect(bytes.includes(0xa3)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const p = join(tmp(), 'cp1252.csv');
    writeFileSync(p, bytes);
    expect(await importFile(project, p)).toMatchObject({ imported: 1, totalPence: 150_000 });
    expect(allLines(project)[0]).toMatchObject({ description: 'Café grant £ match', amountPence: 150_000 });
  });

  // Windows-1252 bytes 0x80–0x9F are € ‚ ƒ „ … ‘ ’ “ ” – — ™ …, common in Excel's CSV
  // ("Children’s services"). Node ≥ 20.18.3 decodes TextDecoder('windows-1252') as
  // latin1 (nodejs/node#60888, #56542), so they arrive as C1 control characters.
  it('decodes Windows-1252 curly quotes, dashes and € (BUG: imports/table.ts decodeText relies on TextDecoder)', async () => {
    const project = fresh();
    const text = budgetCsv([budgetRow({ ref: 'CP-2', service: 'Children#s services', description: '#Pooled# budget #200k # match' })]);
    const bytes = Buffer.from(text, 'latin1');
    const marks = [0x92, 0x93, 0x94, 0x80, 0x96];
    let k = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x23) bytes[i] = marks[k++]!; // '#' → the cp1252 bytes
    expect(k).toBe(5);
    const p = join(tmp(), 'cp1252-quotes.csv');
    writeFileSync(p, bytes);
    await importFile(project, p);
    expect(allLines(project)[0]).toMatchObject({ service: 'Children\u2019s services', description: '\u201cPooled\u201d budget \u20ac200k \u2013 match' });
  });

  it('keeps quoted commas and newlines inside values, and blank lines are skipped', async () => {
    const project = fresh();
    const p = writeBudgetCsv(tmp(), 'quoted.csv', [
      budgetRow({ ref: 'Q-1', description: 'Line one, with a comma\nand a "second" line' }),
      null,
      budgetRow({ ref: 'Q-2', service: 'Beds, wards' }),
      null,
      null,
    ]);
    expect(await importFile(project, p)).toMatchObject({ imported: 2 });
    const lines = linesByRef(project);
    expect(lines.get('Q-1')?.description).toBe('Line one, with a comma\nand a "second" line');
    expect(lines.get('Q-2')?.service).toBe('Beds, wards');
  });
});
