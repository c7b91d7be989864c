// The audit log screen in real Chromium on the demo project: an amount edited in the
// Budgets grid shows at the top with who, old and new value and the grid as its source;
// the line, partner and kind filters narrow the list; the CSV export equals `audit` CLI.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startDemo, type App } from './harness';

let app: App;
let projectPath: string;

describe('audit log screen, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists an edit with who, old and new value; filters by line, partner and kind; exports the CLI CSV', async () => {
    const { page } = app;
    const lines = await app.api<{ rows: { id: number; ref: string; partner: string; amountPence: number }[] }>('budgets.page', { offset: 0, limit: 50 });
    const line = lines.rows.find((l) => l.ref === 'KC-HWY')!;
    const other = lines.rows.find((l) => l.partner !== line.partner)!;
    await app.api('budgets.write', { writes: [{ id: line.id, values: { amount: '6500000' } }] });
    await app.api('budgets.write', { writes: [{ id: other.id, values: { description: 'Changed for the audit test' } }] });

    await page.getByRole('button', { name: 'Audit log', exact: true }).click();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    const first = table.locator('tbody tr').first();
    await expect.poll(() => first.textContent()).toContain(other.ref);
    const row = table.locator('tbody tr', { hasText: 'KC-HWY' }).first();
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe(userInfo().username);
    expect(cells.slice(3, 9)).toEqual(['KC-HWY', line.partner, 'amount_gbp', (line.amountPence / 100).toFixed(2), '6500000.00', 'budgets grid']);

    // Line filter: only that line's rows.
    await page.getByLabel('Filter by line').fill('kc-hwy');
    await expect.poll(async () => new Set((await table.locator('tbody tr td:nth-child(4)').allTextContents()))).toEqual(new Set(['KC-HWY']));
    await page.getByLabel('Filter by line').fill('');

    // Partner filter: every row names that partner, and the other line's edit is gone.
    await page.getByLabel('Filter by partner').selectOption(other.partner);
    await expect.poll(async () => new Set(await table.locator('tbody tr td:nth-child(5)').allTextContents())).toEqual(new Set([other.partner]));
    await page.getByLabel('Filter by partner').selectOption('');

    // Kind filter: lines only, counted as the backend counts them.
    await page.getByLabel('Filter by kind').selectOption('line');
    await expect.poll(async () => new Set(await table.locator('tbody tr td:nth-child(3)').allTextContents())).toEqual(new Set(['Spend line: update']));
    const lineRows = await app.api<{ total: number }>('audit.count', { entity: 'line' });
    expect(await page.getByTestId('audit-count').textContent()).toContain(`${lineRows.total} change`);

    // The CSV export (kind filter kept) is byte for byte what the CLI writes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const cli = runCli(['audit', projectPath, '--kind', 'line'], app.dataDir);
    expect(cli.stderr).toBe('');
    expect(csv).toBe(cli.stdout);
    expect(csv.split('\n')[0]).toBe('id,at,who,action,kind,ref,partner,field,old_value,new_value,note');
    expect(app.errors).toEqual([]);
  });
});
