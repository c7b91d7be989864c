// Grids like Excel (issue 14 item 6): the filter bar on Partners & budgets and Mapping,
// applied by the backend's page query, with the filtered count and Σ, per-partner
// subtotals adding up to the total shown, and "Clear filters". Real Chromium, demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
interface Totals {
  count: number;
  totalPence: number;
  partners: { partner: string; count: number; totalPence: number }[];
}
const budgets = (f: object) => app.api<Totals & { rows: { ref: string; basis: string }[] }>('budgets.page', { offset: 0, limit: 5000, subtotals: true, ...f });
const pounds = (text: string) => Math.round(Number(text.replace(/[£,]/g, '')) * 100);
const gbp = (pence: number) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;
/** The rows the grid holds (AG Grid's aria-rowcount: headers, lines and the bottom row), not just those drawn. */
const rowCount = async (testId: string) => Number(await app.page.getByTestId(testId).locator('[aria-rowcount]').first().getAttribute('aria-rowcount'));

/** The subtotals panel: its partners, their amounts in pence as shown, and the total shown. */
async function panel() {
  const aside = app.page.getByRole('complementary', { name: 'Subtotals by partner' });
  const rows = await aside.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return {
    partners: rows.map((r) => r[0]!),
    counts: rows.map((r) => Number(r[1]!.replace(/,/g, ''))),
    amounts: rows.map((r) => pounds(r[2]!)),
    total: pounds(await aside.getByTestId('partner-totals-sum').innerText()),
  };
}

describe('grid filters and partner subtotals, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('filters the budgets grid by basis and partner in the backend, counts and totals the filtered lines, and clears', async () => {
    const { page } = app;
    const all = await budgets({});
    const allRows = await rowCount('budgets-grid');
    const bar = page.getByRole('group', { name: 'Filter lines' });
    await bar.getByLabel('Filter by basis').selectOption('population');
    const population = await budgets({ basis: 'population' });
    expect(population.count).toBeGreaterThan(0);
    expect(population.count).toBeLessThan(all.count);
    await expect.poll(() => page.getByTestId('filter-shown').innerText()).toBe(`Filtered: ${population.count} lines, ${gbp(population.totalPence)}`);
    // The grid holds just those lines, the bottom row their Σ.
    await expect.poll(() => rowCount('budgets-grid')).toBe(allRows - all.count + population.count);
    expect(population.rows.every((r) => r.basis === 'population')).toBe(true);

    // Subtotals per partner of the filtered lines, adding up to the total shown.
    const p = await panel();
    expect(p.partners).toEqual(population.partners.map((x) => x.partner));
    expect(p.counts).toEqual(population.partners.map((x) => x.count));
    expect(p.amounts.reduce((s, a) => s + a, 0)).toBe(p.total);
    expect(p.total).toBe(pounds(gbp(population.totalPence)));

    // A partner in the panel narrows the filter to it.
    const first = population.partners[0]!;
    await page.getByRole('complementary', { name: 'Subtotals by partner' }).getByRole('button', { name: first.partner }).click();
    expect(await bar.getByLabel('Filter by partner').inputValue()).toBe(first.partner);
    await expect.poll(() => page.getByTestId('filter-shown').innerText()).toBe(`Filtered: ${first.count} line${first.count === 1 ? '' : 's'}, ${gbp(first.totalPence)}`);

    await bar.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('filter-shown').innerText()).toBe('');
    expect(await bar.getByLabel('Filter by basis').inputValue()).toBe('');
    await expect.poll(async () => (await panel()).counts.reduce((s, c) => s + c, 0)).toBe(all.count);
    const p2 = await panel();
    expect(p2.amounts.reduce((s, a) => s + a, 0)).toBe(p2.total);
    expect(await bar.getByRole('button', { name: 'Clear filters' }).isDisabled()).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('filters the Mapping grid to the 80:20 focus lines and by confidence', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    const grid = page.getByTestId('mapping-grid');
    await grid.locator('.ag-row').first().waitFor();
    const allRows = await rowCount('mapping-grid');
    const all = await app.api<{ count: number }>('mapping.page', { offset: 0, limit: 1 });
    const bar = page.getByRole('group', { name: 'Filter lines' });
    await bar.getByLabel('Filter by 80:20 focus').selectOption('focus');
    const focus = await app.api<{ count: number; totals: Totals; rows: { focus: boolean }[] }>('mapping.page', { offset: 0, limit: 2000, focus: true, subtotals: true });
    expect(focus.rows.every((r) => r.focus)).toBe(true);
    await expect.poll(() => page.getByTestId('filter-shown').innerText()).toBe(`Filtered: ${focus.count} lines, ${gbp(focus.totals.totalPence)}`);
    await expect.poll(() => rowCount('mapping-grid')).toBe(allRows - all.count + focus.count);
    // Subtotals of the focus lines by partner, beside the grid when asked for.
    await page.getByRole('button', { name: 'Partner subtotals' }).click();
    const p = await panel();
    expect(p.partners).toEqual(focus.totals.partners.map((x) => x.partner));
    expect(p.amounts.reduce((s, a) => s + a, 0)).toBe(p.total);
    expect(p.total).toBe(pounds(gbp(focus.totals.totalPence)));
    // Every line drawn is starred as focus.
    const stars = await grid.locator('.ag-row:not(.total-row) .ag-cell[col-id="focus"]').allInnerTexts();
    expect(stars.length).toBeGreaterThan(0);
    expect(stars.every((s) => s === '★')).toBe(true);

    await bar.getByLabel('Filter by confidence').selectOption('green');
    const both = await app.api<{ count: number; rows: { line: { confidence: string } }[] }>('mapping.page', { offset: 0, limit: 2000, focus: true, confidence: 'green' });
    expect(both.rows.every((r) => r.line.confidence === 'green')).toBe(true);
    await expect.poll(() => page.getByTestId('filter-shown').innerText()).toMatch(new RegExp(`^Filtered: ${both.count} lines?, `));
    await bar.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('filter-shown').innerText()).toBe('');
    expect(app.errors).toEqual([]);
  });
});
