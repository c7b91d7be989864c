// A finance officer's first session, in real Chromium against the real web host:
// create a project, import a CSV, edit an amount, reload, paste rows from Excel,
// and see a bad amount refused in the cell with its reason.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, type App } from './harness';

const CSV = [
  'ref,partner,partner_type,service,description,amount_gbp,year,basis,deprivation_weight,discretionary_pct,status,confidence,themes,site_ward',
  'P-1,Kingston Police,police,Neighbourhood policing,Ward teams,"£1,250,000.00",2024-25,population,0.5,10,aligned,,Community safety,',
  'P-2,Kingston Police,police,Response,,900000,2024-25,even,0,0,,,Community safety,',
  'H-1,Kingston Hospital,health,Emergency department,,"2,400,000",2024-25,income_deprived,0.25,5,mainstream,,Health,',
].join('\r\n');

let app: App;
let projectPath: string;

function lines(): { ref: string; partner: string; amount_pence: number }[] {
  const db = new Database(projectPath, { readonly: true });
  try {
    return db
      .prepare('SELECT l.ref, p.name AS partner, l.amount_pence FROM spend_lines l JOIN partners p ON p.id = l.partner_id ORDER BY l.position')
      .all() as { ref: string; partner: string; amount_pence: number }[];
  } finally {
    db.close();
  }
}

const cell = (row: number, col: string) => app.page.locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`).first();

describe('partners and budgets, end to end', () => {
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a project from the reference pack', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Search local authorities').fill('kingston');
    await page.getByRole('option', { name: /Kingston upon Thames/ }).click();
    await page.getByLabel('Financial year').fill('2024-25');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
    expect(await page.locator('.project-meta').first().textContent()).toContain('Kingston upon Thames · 2024-25');
    await page.getByText("No spend lines yet.").first().waitFor();
    const info = await app.api<{ path: string; wards: number }>('project.current');
    projectPath = info.path;
    expect(info.wards).toBe(19);
  });

  it('imports a partner CSV through the import dialog', async () => {
    const { page } = app;
    const file = join(app.dataDir, 'police-and-health.csv');
    writeFileSync(file, CSV);
    await page.getByRole('button', { name: "Import a partner's budget…" }).first().click();
    await page.getByLabel('Budget file').setInputFiles(file);
    await page.getByText('The columns are the Spendmap budget template.').waitFor();
    await page.getByRole('button', { name: 'Import 3 lines' }).click();
    await page.getByText('Imported 3 lines (£4,550,000) from police-and-health.csv.').waitFor();
    await cell(0, 'amountPence').getByText('£1,250,000').waitFor();
    expect(lines().map((l) => [l.ref, l.amount_pence])).toEqual([
      ['P-1', 125_000_000],
      ['P-2', 90_000_000],
      ['H-1', 240_000_000],
    ]);
    await app.page.locator('.ag-grid-pinned-bottom-rows [col-id="amountPence"]').getByText('£4,550,000', { exact: true }).waitFor();
  });

  it('edits an amount in the cell, saves it at once, and keeps it after a reload', async () => {
    const { page } = app;
    await cell(1, 'amountPence').dblclick();
    const editor = page.locator('.ag-cell-inline-editing input');
    await editor.fill('765.43');
    await editor.press('Enter');
    await cell(1, 'amountPence').getByText('£765.43').waitFor();
    expect(lines()[1]!.amount_pence).toBe(76_543);
    await page.reload();
    await page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
    await cell(1, 'amountPence').getByText('£765.43').waitFor();
    const db = new Database(projectPath, { readonly: true });
    const audit = db.prepare("SELECT field, old_value, new_value FROM audit_log WHERE action = 'update' AND ref = 'P-2'").all();
    db.close();
    expect(audit).toEqual([{ field: 'amount_gbp', old_value: '900000.00', new_value: '765.43' }]);
  });

  it('refuses an invalid amount in the cell with the reason, and saves nothing', async () => {
    const { page } = app;
    await cell(2, 'amountPence').dblclick();
    const editor = page.locator('.ag-cell-inline-editing input');
    await editor.fill('12,3x');
    await editor.press('Enter');
    const problem = page.getByTestId('cell-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('"12,3x" is not an amount in pounds');
    expect(await cell(2, 'amountPence').getAttribute('class')).toContain('ag-cell-editing-error');
    await screenshot(page, 'budgets-invalid-amount');
    await editor.press('Escape');
    await cell(2, 'amountPence').getByText('£2,400,000').waitFor();
    expect(lines()[2]!.amount_pence).toBe(240_000_000);
  });

  it('pastes two rows copied from Excel as new lines', async () => {
    const { page } = app;
    const tsv =
      'Richmond Housing Trust\thousing\tTenancy support\t"Support, advice"\t£45,000\tincome_deprived\t0.5\t20\r\n' +
      'Richmond Housing Trust\thousing\tRepairs\t\t120000.5\tpopulation\t0\t0\r\n';
    await page.evaluate((t) => navigator.clipboard.writeText(t), tsv);
    await page.locator('.ag-grid-pinned-bottom-rows [col-id="partner"]').click();
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 2 rows: 2 new lines.').waitFor();
    const all = lines();
    expect(all).toHaveLength(5);
    expect(all.slice(3).map((l) => [l.partner, l.amount_pence])).toEqual([
      ['Richmond Housing Trust', 4_500_000],
      ['Richmond Housing Trust', 12_000_050],
    ]);
    await cell(4, 'amountPence').getByText('£120,001').waitFor();
    await screenshot(page, 'budgets-grid');
    expect(app.errors).toEqual([]);
  });
});
