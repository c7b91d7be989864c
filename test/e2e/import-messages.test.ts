// Messages in the user's words (issue 14 item 8): an import's preview numbers rows and
// letters columns as the spreadsheet does, and a refused value is named by row, column
// letter and the user's own header. Real Chromium, demo project, a file in its own layout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
// A title on row 1, a blank row 2: the header is row 3, the lines rows 4 to 6.
const CSV = [
  'Metropolitan Police budget 2023-24',
  '',
  'Organisation,Type,Service area,Budget (£000),Basis',
  'Metropolitan Police,police,Response,1250,population',
  'Metropolitan Police,police,Neighbourhood teams,12.3x,population',
  'Metropolitan Police,police,Custody,300,even',
  '',
].join('\r\n');

describe('import messages in the user words, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('numbers the preview as the spreadsheet does and names a refused value by row, letter and header', async () => {
    const { page } = app;
    const before = await app.api<{ count: number }>('budgets.page', { offset: 0, limit: 1 });
    const file = join(app.dataDir, 'met-police.csv');
    writeFileSync(file, CSV);
    await page.getByRole('button', { name: "Import a partner's budget…" }).first().click();
    await page.getByLabel('Budget file').setInputFiles(file);
    const preview = page.locator('table.preview');
    await preview.waitFor();
    expect(await preview.locator('thead tr.letters th').allInnerTexts()).toEqual(['', 'A', 'B', 'C', 'D', 'E']);
    expect((await preview.locator('thead tr:not(.letters) th').allInnerTexts()).map((t) => t.trim())).toEqual([
      '3',
      'Organisation',
      'Type',
      'Service area',
      'Budget (£000)',
      'Basis',
    ]);
    expect(await preview.locator('tbody tr td:first-child').allInnerTexts()).toEqual(['4', '5', '6']);

    await page.getByRole('button', { name: 'Import 3 lines' }).click();
    const problems = page.locator('.problems-table tbody tr');
    await problems.first().waitFor();
    const cells = await problems.first().locator('td').allInnerTexts();
    expect(cells[1]).toBe("row 5, column D 'Budget (£000)'");
    expect(cells[2]).toBe('12.3x');
    // Nothing was imported.
    expect((await app.api<{ count: number }>('budgets.page', { offset: 0, limit: 1 })).count).toBe(before.count);
    expect(app.errors).toEqual([]);
  });
});
