// Grids like Excel (issue 14 item 6, part): a block pasted with its header row — as the
// grid names its columns or as files do — has the header skipped, not refused as a line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
type Lines = { count: number; rows: { partner: string; service: string; amountPence: number; basis: string; beta: number | null }[] };

describe('pasting a block with its header row, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('skips the header row and adds the data rows as lines', async () => {
    const { page } = app;
    const before = await app.api<Lines>('budgets.page', { offset: 0, limit: 1 });
    for (const [header, service] of [
      ['Partner\tType\tService\tDescription\tAmount £\tBasis\tβ\tDiscretionary %', 'Tenancy support'],
      ['partner\tpartner_type\tservice\tdescription\tamount_gbp\tbasis\tdeprivation_weight\tdiscretionary_pct', 'Repairs'],
    ] as const) {
      const tsv = `${header}\r\nRichmond Housing Trust\thousing\t${service}\t\t45000\tincome_deprived\t0.5\t20\r\n`;
      await page.evaluate((t) => navigator.clipboard.writeText(t), tsv);
      await page.locator('.ag-grid-pinned-bottom-rows [col-id="partner"]').click();
      await page.keyboard.press('Control+V');
      await page.getByText('Pasted 1 row: 1 new line.').waitFor();
      await page.getByRole('button', { name: 'Dismiss' }).click();
    }
    const after = await app.api<Lines>('budgets.page', { offset: 0, limit: 1000 });
    expect(after.count).toBe(before.count + 2);
    const added = after.rows.filter((r) => r.partner === 'Richmond Housing Trust');
    expect(added.map((r) => [r.service, r.amountPence, r.basis, r.beta])).toEqual([
      ['Tenancy support', 4_500_000, 'income_deprived', 0.5],
      ['Repairs', 4_500_000, 'income_deprived', 0.5],
    ]);
    expect(after.rows.some((r) => r.partner === 'Partner' || r.partner === 'partner')).toBe(false);
    expect(app.errors).toEqual([]);
  });

  it('skips the header of a one-column copy, but takes a lone cell or another column’s name as a value', async () => {
    const { page } = app;
    const services = async () => (await app.api<Lines>('budgets.page', { offset: 0, limit: 8 })).rows.map((r) => r.service);
    const cell = (row: number) => page.locator(`[data-testid="budgets-grid"] .ag-row[row-index="${row}"] .ag-cell[col-id="service"]`);
    const before = await services();
    // Copied from the grid with its header: one column, "Service" on top.
    await page.getByRole('checkbox', { name: 'Copy with column headers' }).check();
    await cell(0).click();
    await cell(2).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+C');
    await page.getByText('Copied 3 rows × 1 column with headers.').waitFor();
    expect((await page.evaluate(() => navigator.clipboard.readText())).split('\r\n')[0]).toBe('Service');
    await cell(3).click();
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 3 rows.').waitFor();
    expect((await services()).slice(0, 6)).toEqual([...before.slice(0, 3), ...before.slice(0, 3)]);

    // "Description" over the Service column is not its header: a value, as is a lone "Service".
    await page.evaluate((t) => navigator.clipboard.writeText(t), 'Description\r\nOutreach\r\n');
    await cell(6).click();
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 2 rows.').waitFor();
    await page.evaluate((t) => navigator.clipboard.writeText(t), 'Service\r\n');
    await cell(0).click();
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 1 row.').waitFor();
    const after = await services();
    expect([after[0], after[6], after[7]]).toEqual(['Service', 'Description', 'Outreach']);
    expect(app.errors).toEqual([]);
  });
});
