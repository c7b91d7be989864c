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
});
