// A refused value in a file in the user's own layout is named as the user sees it: the
// row as the spreadsheet numbers it, the column's letter and the user's header; the CLI's
// "file:row:column" form keeps the template's column name.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBudgets, inspectFile } from '../../electron/backend/budgets/import';
import { formatProblem } from '../../shared/contract/result';
import { refusedWith, useProjects } from '../helpers/project';

const { tmp, fresh } = useProjects('spendmap-import-where-');
const CSV = [
  'Metropolitan Police budget 2023-24',
  '',
  'Organisation,Type,Service area,Budget (£000),Basis',
  'Metropolitan Police,police,Response,1250,population',
  'Metropolitan Police,police,Neighbourhood teams,12.3x,population',
  'Metropolitan Police,constabulary,Custody,300,even',
].join('\n');

describe('where an import problem is, in the user words', () => {
  it('numbers the preview rows as the file does and names refused values by letter and header', async () => {
    const project = fresh();
    const path = join(tmp(), 'met.csv');
    writeFileSync(path, CSV);
    const info = await inspectFile(project, { file: { path } });
    expect(info.headerRow).toBe(3);
    expect(info.sampleRows).toEqual([4, 5, 6]);
    const err = await refusedWith(importBudgets(project, { file: { path }, mapping: info.mapping, headerRow: info.headerRow, units: info.units }));
    const problems = err.details!.problems!;
    expect(problems.map((p) => [p.row, p.column, p.letter, p.heading, p.value])).toEqual([
      [5, 'amount_gbp', 'D', 'Budget (£000)', '12.3x'],
      [6, 'partner_type', 'B', 'Type', 'constabulary'],
    ]);
    expect(formatProblem(problems[0]!)).toMatch(/^met\.csv:5:amount_gbp: /);
  });
});
