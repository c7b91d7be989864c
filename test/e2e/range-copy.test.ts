// Grids like Excel (issue 14 item 6): a range of cells chosen with shift+click or
// shift+arrows, copied as tab-separated text with the grid's headers (which paste
// recognises and skips), and a block pasted over a range written as one undo step.
// Real Chromium and its clipboard, demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
type Lines = { rows: { id: number; service: string; description: string; amountPence: number }[] };
const firstLines = async (n: number) => (await app.api<Lines>('budgets.page', { offset: 0, limit: n })).rows;
const cell = (row: number, col: string) => app.page.locator(`[data-testid="budgets-grid"] .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
const pounds = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

describe('range of cells: copy and paste, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('copies a shift+click range with its header row, as the lines hold it', async () => {
    const { page } = app;
    const lines = await firstLines(3);
    await cell(0, 'service').click();
    await cell(2, 'amountPence').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('[data-testid="budgets-grid"] .ag-cell.cell-in-range').count()).toBe(9);
    await page.getByRole('checkbox', { name: 'Copy with column headers' }).check();
    await cell(0, 'service').focus();
    await page.keyboard.press('Control+C');
    await page.getByText('Copied 3 rows × 3 columns with headers.').waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const rows = text.split('\r\n').filter(Boolean).map((r) => r.split('\t'));
    const header = await Promise.all(['service', 'description', 'amountPence'].map((c) => page.locator(`[data-testid="budgets-grid"] .ag-header-cell[col-id="${c}"] .ag-header-cell-text`).innerText()));
    expect(rows).toEqual([header, ...lines.map((l) => [l.service, l.description, pounds(l.amountPence)])]);
    expect(app.errors).toEqual([]);
  });

  it('pastes a block with its header over a shift+arrow range as one undo step, and one value fills a range', async () => {
    const { page } = app;
    const before = await firstLines(8);
    await cell(3, 'service').click();
    // The arrows go where the grid's focus is: wait for the click to have put it there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('col-id'))).toBe('service');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.locator('[data-testid="budgets-grid"] .ag-cell.cell-in-range').count()).toBe(6);
    const header = await Promise.all(['service', 'description'].map((c) => page.locator(`[data-testid="budgets-grid"] .ag-header-cell[col-id="${c}"] .ag-header-cell-text`).innerText()));
    const block = [header, ['Outreach A', 'Desc A'], ['Outreach B', 'Desc B'], ['Outreach C', 'Desc C']];
    await page.evaluate((t) => navigator.clipboard.writeText(t), block.map((r) => r.join('\t')).join('\r\n') + '\r\n');
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 3 rows.').waitFor();
    const after = await firstLines(8);
    expect(after.slice(3, 6).map((l) => [l.service, l.description])).toEqual(block.slice(1));
    // Lines outside the range are as they were.
    expect([...after.slice(0, 3), ...after.slice(6)]).toEqual([...before.slice(0, 3), ...before.slice(6)]);

    await page.getByRole('button', { name: /^Undo: / }).click();
    await expect.poll(async () => firstLines(8)).toEqual(before);

    // One value over a range: every cell of it gets the value.
    await cell(5, 'description').click();
    await cell(7, 'description').click({ modifiers: ['Shift'] });
    await page.evaluate(() => navigator.clipboard.writeText('Checked with the trust\r\n'));
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 3 rows.').waitFor();
    expect((await firstLines(8)).slice(5, 8).map((l) => l.description)).toEqual(['Checked with the trust', 'Checked with the trust', 'Checked with the trust']);
    expect(app.errors).toEqual([]);
  });
});

describe('a block copied across a shown-only column, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('pastes back over the columns it was copied from, Agreement included, not shifted onto the typed columns', async () => {
    const { page } = app;
    type Full = { rows: { id: number; confidenceOverride: string | null; themes: string | null; siteWard: string | null; agreement?: { state: string } }[] };
    const lines = async () => (await app.api<Full>('budgets.page', { offset: 0, limit: 6 })).rows;
    const before = await lines();
    // Confidence, Agreement (shown only) and Themes of the first two lines, reached with
    // the arrows (the grid scrolls them into view) from Description.
    await cell(0, 'description').click();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('col-id'))).toBe('confidence');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.locator('[data-testid="budgets-grid"] .ag-cell.cell-in-range').count()).toBe(6);
    await page.keyboard.press('Control+C');
    await page.getByText('Copied 2 rows × 3 columns.').waitFor();
    // Confidence is in view now: a plain click there drops the range.
    await cell(4, 'confidence').click();
    await expect.poll(() => page.locator('[data-testid="budgets-grid"] .ag-cell.cell-in-range').count()).toBe(0);
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted 2 rows.').waitFor();
    const after = await lines();
    // A suggested confidence copies as blank and pastes as suggested: the override goes across.
    expect(after.slice(4, 6).map((l) => [l.confidenceOverride, l.themes, l.siteWard])).toEqual([
      [before[0]!.confidenceOverride, before[0]!.themes, before[4]!.siteWard],
      [before[1]!.confidenceOverride, before[1]!.themes, before[5]!.siteWard],
    ]);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(app.errors).toEqual([]);
  });
});

describe('range of cells in the Mapping grid, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('copies amounts and neighbourhood figures as exact pounds and pence, not as rounded on screen', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    const at = (row: number, col: string) => page.locator(`[data-testid="mapping-grid"] .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
    await at(0, 'neighbourhood').waitFor();
    const nb = await page.getByRole('combobox', { name: 'Neighbourhood' }).inputValue();
    const rows = (await app.api<{ rows: { line: { amountPence: number }; neighbourhoodPence: number | null }[] }>('mapping.page', { offset: 0, limit: 3, neighbourhood: nb })).rows;
    await at(0, 'amountPence').click();
    await at(2, 'neighbourhood').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('[data-testid="mapping-grid"] .ag-cell.cell-in-range').count()).toBe(6);
    await page.keyboard.press('Control+C');
    await page.getByText('Copied 3 rows × 2 columns.').waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text.split('\r\n').filter(Boolean).map((r) => r.split('\t'))).toEqual(rows.map((r) => [pounds(r.line.amountPence), r.neighbourhoodPence === null ? '' : pounds(r.neighbourhoodPence)]));
    expect(app.errors).toEqual([]);
  });
});
