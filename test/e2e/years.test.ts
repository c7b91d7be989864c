// Years in real Chromium against the real web host: roll the demo project forward with
// the dialog (the demo file untouched, the new one's lines marked to confirm and found
// by the grid's filter), then compare the two on the Compare years screen — no change —
// and again after an amount is edited in the new year.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPounds } from '../../shared/money';
import { sha256File } from '../helpers/hash';
import { screenshot, startDemo, type App } from './harness';

let app: App;
let demoPath: string;
let nextPath: string;

describe('years, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath: demoPath } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('rolls the project forward with the dialog; the demo file is untouched', async () => {
    const { page } = app;
    const before = sha256File(demoPath);
    nextPath = join(app.dataDir, 'Kingston 2024-25.spendmap');
    await page.getByRole('button', { name: 'Roll forward to next year…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll forward to next year' });
    expect(await dialog.getByLabel('Financial year').inputValue()).toBe('2024-25');
    await dialog.getByLabel('New project file').fill(nextPath);
    await dialog.getByRole('button', { name: 'Roll forward' }).click();
    await dialog.getByRole('status').filter({ hasText: 'lines carried forward' }).waitFor();
    expect(sha256File(demoPath)).toBe(before);
    const db = new Database(nextPath, { readonly: true });
    try {
      expect(db.prepare('SELECT year FROM project').pluck().get()).toBe('2024-25');
      expect(db.prepare('SELECT COUNT(*) FROM spend_lines WHERE to_confirm IS NULL').pluck().get()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM spend_lines').pluck().get()).toBe(29);
    } finally {
      db.close();
    }
    await dialog.locator('footer').getByRole('button', { name: 'Close' }).click();
  });

  it('compares the demo with its roll-forward: no change in any figure or line', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Compare years' }).click();
    await page.getByLabel('Other project file').fill(nextPath);
    await page.getByLabel('Neighbourhood').selectOption('Norbiton');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const figures = page.getByRole('table', { name: 'Figures per file' });
    await figures.waitFor();
    const total = figures.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Total', exact: true }) });
    const cells = await total.getByRole('cell').allTextContents();
    expect(cells[0]).toBe(cells[1]);
    expect(cells[0]).toMatch(/^£[\d,]+/);
    expect(cells[2]).toBe(formatPounds(0));
    await page.getByText('No line was added, removed or changed').waitFor();
    await screenshot(page, 'years-compare-none');
  });

  it('shows an edited amount as a changed line, and the grid filters lines still to confirm', async () => {
    const { page } = app;
    // Edit one line of the new year through the same API the grid uses, in the new file.
    await app.api('project.open', { path: nextPath });
    const rows = (await app.api<{ rows: { id: number; ref: string; amountPence: number }[]; count: number }>('budgets.page', { offset: 0, limit: 100, toConfirm: true }));
    expect(rows.count).toBe(29);
    const first = rows.rows[0]!;
    await app.api('budgets.write', { writes: [{ id: first.id, values: { amount: String((first.amountPence + 100_000) / 100) } }] });
    const left = await app.api<{ count: number }>('budgets.page', { offset: 0, limit: 1, toConfirm: true });
    expect(left.count).toBe(28);
    await page.reload();
    await page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
    await page.getByRole('checkbox', { name: 'Only lines to confirm' }).check();
    await page.getByText('Total: 28 lines').first().waitFor();

    await app.api('project.open', { path: demoPath });
    await page.reload();
    await page.getByRole('button', { name: 'Compare years' }).click();
    await page.getByLabel('Other project file').fill(nextPath);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const changed = page.getByRole('table', { name: 'Changed lines' });
    await changed.waitFor();
    const line = changed.getByRole('row').filter({ hasText: first.ref });
    expect(await line.getByRole('cell').nth(2).textContent()).toBe('amount');
    await screenshot(page, 'years-compare-changed');

    // The Workshop's year-on-year chart: one status bar per year.
    await page.getByRole('button', { name: 'Workshop' }).click();
    await page.getByLabel("Other year's project file").fill(nextPath);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const chart = page.getByRole('figure', { name: 'Status by year' });
    await chart.waitFor();
    expect(await chart.locator('g[data-year]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-year')))).toEqual(['2023-24', '2024-25']);
    await screenshot(page, 'years-workshop-chart');
    expect(app.errors).toEqual([]);
  });
});
