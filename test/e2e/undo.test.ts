// Undo and redo from the keyboard and the toolbar, surviving a restart of the app.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

let app: App | null = null;
let dataDir = '';

async function rowOf(a: App, ref: string) {
  const idx = await a.page
    .locator('.ag-cell[col-id="ref"]')
    .filter({ hasText: new RegExp(`^${ref}$`) })
    .first()
    .evaluate((el) => el.closest('.ag-row')?.getAttribute('row-index'));
  return a.page.locator(`.ag-row[row-index="${idx}"] [col-id="amountPence"]`).first();
}

describe('undo and redo, end to end', () => {
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('undoes an amount edit with Ctrl+Z, redoes it with Ctrl+Y, and still can after a restart', async () => {
    app = await startApp({ hash: 'demo=1' });
    dataDir = app.dataDir;
    const { page } = app;
    await page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
    const cell = await rowOf(app, 'KC-HWY');
    await cell.getByText('£6,120,000').waitFor();
    await cell.dblclick();
    await page.locator('.ag-cell-inline-editing input').fill('6500000');
    await page.locator('.ag-cell-inline-editing input').press('Enter');
    await cell.getByText('£6,500,000').waitFor();
    await page.getByRole('button', { name: 'Undo: Change amount of KC-HWY' }).waitFor();

    await cell.click();
    await page.keyboard.press('Control+Z');
    await (await rowOf(app, 'KC-HWY')).getByText('£6,120,000').waitFor();
    await page.getByText('Undone: Change amount of KC-HWY.').waitFor();
    await page.keyboard.press('Control+Y');
    await (await rowOf(app, 'KC-HWY')).getByText('£6,500,000').waitFor();

    // Restart the app on the same data folder: the history is in the project file.
    await app.close({ keepData: true });
    app = await startApp({ dataDir });
    await app.page.getByRole('button', { name: /Kingston upon Thames 2023-24 \(demo\)/ }).click();
    await app.page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
    await app.page.getByRole('button', { name: 'Undo: Change amount of KC-HWY' }).click();
    await (await rowOf(app, 'KC-HWY')).getByText('£6,120,000').waitFor();
    expect(app.errors).toEqual([]);
  });
});
