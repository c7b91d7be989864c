// Importing a partner's budget in its own layout: inspecting it, mapping its columns
// (or fixed values) to the template's, and remembering the mapping for that partner.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../electron/backend/budgets/import';
import { allLines } from '../../electron/backend/budgets/lines';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { toCsvText } from '../helpers/csv';
import { dumpDb } from '../helpers/db';
import { importFile, linesByRef, NHS } from '../helpers/import-budgets';
import { problemsOf, refusedWith, useProjects } from '../helpers/project';

const { tmp, fresh } = useProjects('spendmap-import-');

describe('mapping a partner’s own layout', () => {
  const dirOf = () => tmp();
  const title = 'Kingston Hospital NHS Foundation Trust: budget extract 2023-24';
  const header = ['Cost centre', 'Service area', 'Details', 'Net budget (£000)', 'Apportionment basis', 'Deprivation weighting'];
  const mapping = {
    ref: { column: 'Cost centre' },
    service: { column: 'Service area' },
    description: { column: 'Details' },
    amount_gbp: { column: 'Net budget (£000)' },
    basis: { column: 'Apportionment basis' },
    deprivation_weight: { column: 'Deprivation weighting' },
    partner: { value: NHS },
    partner_type: { value: 'health' },
  };
  function hospitalFile(rows: string[][], name = 'hospital.csv'): string {
    const p = join(dirOf(), name);
    writeFileSync(p, toCsvText([[title], ['Prepared by the finance team'], header, ...rows]));
    return p;
  }

  it('inspects, imports with fixed values and a header on row 3, then remembers the mapping', async () => {
    const project = fresh();
    const p = hospitalFile([
      ['KH-001', 'Maternity', 'Births, antenatal and postnatal care', '1,234.567', 'children_0_15', '0.5'],
      ['KH-002', 'Emergency department', 'A&E', '2500', 'population', ''],
    ]);
    const first = await inspectFile(project, { file: { path: p }, partner: NHS });
    expect(first).toMatchObject({ fileName: 'hospital.csv', headerRow: 3, header, canonical: false, mappingFrom: 'guessed', rowCount: 2, units: 'thousands' });
    expect(first.sample[0]).toEqual(['KH-001', 'Maternity', 'Births, antenatal and postnatal care', '1,234.567', 'children_0_15', '0.5']);

    const r = await importFile(project, p, { mapping, units: 'thousands', headerRow: 3, rememberFor: NHS });
    expect(r).toMatchObject({ imported: 2, totalPence: 123_456_700 + 250_000_000, partners: [NHS] });
    expect(linesByRef(project).get('KH-001')).toMatchObject({
      partner: NHS,
      partnerType: 'health',
      service: 'Maternity',
      description: 'Births, antenatal and postnatal care',
      amountPence: 123_456_700,
      basis: 'children_0_15',
      beta: 0.5,
    });

    const again = await inspectFile(project, { file: { path: p }, partner: NHS.toLowerCase() });
    expect(again.mappingFrom).toBe('remembered');
    expect(again.mapping).toEqual(mapping);
    expect(again.units).toBe('thousands');
  });

  it('finds the header row by itself when a mapping is given, and numbers rows as the spreadsheet does', async () => {
    const project = fresh();
    const p = hospitalFile([
      ['KH-010', 'Outpatients', 'Clinics', '10', 'population', ''],
      ['KH-011', 'Outpatients', 'Clinics', 'ten', 'population', '2'],
    ]);
    const before = dumpDb(project.db);
    const e = await refusedWith(importFile(project, p, { mapping, units: 'thousands' }));
    expect(problemsOf(e)).toEqual([
      expect.objectContaining({ file: 'hospital.csv', row: 5, column: 'amount_gbp' }),
      expect.objectContaining({ file: 'hospital.csv', row: 5, column: 'deprivation_weight' }),
    ]);
    expect(dumpDb(project.db)).toEqual(before);
  });

  it('refuses a mapping to a column the file does not have, or one that leaves a required column unmapped', async () => {
    const project = fresh();
    const p = hospitalFile([['KH-020', 'Wards', 'Beds', '1', 'population', '']]);
    const wrong = await refusedWith(importFile(project, p, { mapping: { ...mapping, amount_gbp: { column: 'Gross budget' } } }));
    expect(problemsOf(wrong)[0]).toEqual(expect.objectContaining({ row: 3, column: 'amount_gbp', message: expect.stringMatching(/does not have/) }));
    // (It is then also reported as "not mapped": a second message about the same column.)
    expect(problemsOf(wrong).every((x) => x.column === 'amount_gbp')).toBe(true);
    const { basis: _drop, ...noBasis } = mapping;
    const unmapped = await refusedWith(importFile(project, p, { mapping: noBasis }));
    expect(problemsOf(unmapped)).toEqual([expect.objectContaining({ column: 'basis', message: expect.stringMatching(/not mapped/) })]);
    expect(allLines(project)).toEqual([]);
  });

  it('says a canonical file is canonical', async () => {
    const project = fresh();
    const p = writeBudgetCsv(tmp(), 'canon.csv', [budgetRow()]);
    expect(await inspectFile(project, { file: { path: p } })).toMatchObject({ canonical: true, mappingFrom: 'canonical', headerRow: 1, rowCount: 1 });
  });
});
