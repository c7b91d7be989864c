// Grids like Excel (issue 14 item 6), the Mapping grid: a block pasted over a range of
// its assumption cells (basis, β, discretionary %, status, confidence) is saved as one
// undo step, a block copied from the grid pastes back, and a paste with a bad value or
// a changed figure the grid only shows is refused whole with each cell named.
// Real Chromium and its clipboard, demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
type Mapped = { id: number; ref: string; basis: string; beta: number; discretionaryPct: number; status: string; amountPence: number };
const mapped = async (n = 8) => (await app.api<{ rows: { line: Mapped }[] }>('mapping.page', { offset: 0, limit: n })).rows.map((r) => r.line);
const GRID = '[data-testid="mapping-grid"]';
const cell = (row: number, col: string) => app.page.locator(`${GRID} .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
const header = (col: string) => app.page.locator(`${GRID} .ag-header-cell[col-id="${col}"] .ag-header-cell-text`).innerText();
const inRange = () => app.page.locator(`${GRID} .ag-cell.cell-in-range`).count();
const toClipboard = (rows: string[][]) => app.page.evaluate((t) => navigator.clipboard.writeText(t), rows.map((r) => r.join('\t')).join('\r\n') + '\r\n');
const fromClipboard = async () => (await app.page.evaluate(() => navigator.clipboard.readText())).split('\r\n').filter(Boolean).map((r) => r.split('\t'));

describe('block paste in the Mapping grid, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
    await app.page.getByRole('button', { name: 'Mapping', exact: true }).click();
    await cell(0, 'beta').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('pastes a block with its header row over a range of β and discretionary %, as one undo step', async () => {
    const { page } = app;
    const before = await mapped();
    await cell(1, 'beta').click();
    await cell(3, 'discretionaryPct').click({ modifiers: ['Shift'] });
    await expect.poll(inRange).toBe(6);
    await toClipboard([[await header('beta'), await header('discretionaryPct')], ['0.25', '10'], ['0.5', '12.5'], ['1', '0']]);
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted into 3 lines.').waitFor();
    const after = await mapped();
    expect(after.slice(1, 4).map((l) => [l.beta, l.discretionaryPct])).toEqual([[0.25, 10], [0.5, 12.5], [1, 0]]);
    expect([after[0], ...after.slice(4)]).toEqual([before[0], ...before.slice(4)]);
    await cell(3, 'beta').getByText('1', { exact: true }).waitFor();

    // One undo step puts all three lines back.
    await page.getByRole('button', { name: 'Undo: Pasted cells: 3 lines changed' }).click();
    await expect.poll(() => mapped()).toEqual(before);
    expect(app.errors).toEqual([]);
  });

  it('pastes back a block copied from the grid: basis and β of two lines onto two others', async () => {
    const { page } = app;
    const before = await mapped();
    await cell(0, 'basis').click();
    await cell(1, 'beta').click({ modifiers: ['Shift'] });
    await expect.poll(inRange).toBe(4);
    await page.keyboard.press('Control+C');
    await page.getByText('Copied 2 rows × 2 columns.').waitFor();
    expect(await fromClipboard()).toEqual(before.slice(0, 2).map((l) => [l.basis, String(l.beta)]));
    await cell(4, 'basis').click();
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted into 2 lines.').waitFor();
    const after = await mapped();
    expect(after.slice(4, 6).map((l) => [l.basis, l.beta])).toEqual(before.slice(0, 2).map((l) => [l.basis, l.beta]));
    expect(after.slice(4, 6).map((l) => [l.ref, l.amountPence, l.status])).toEqual(before.slice(4, 6).map((l) => [l.ref, l.amountPence, l.status]));
    await page.getByRole('button', { name: /^Undo: Pasted cells/ }).click();
    await expect.poll(() => mapped()).toEqual(before);
    expect(app.errors).toEqual([]);
  });

  it('refuses the whole paste and names each refused cell: a β out of range and a changed amount (shown here, not typed)', async () => {
    const { page } = app;
    const before = await mapped();
    // Copied as the grid holds it (amount, neighbourhood figure, basis, β): unchanged shown cells paste back.
    await cell(1, 'amountPence').click();
    await cell(2, 'beta').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+C');
    await page.getByText(/^Copied 2 rows × \d columns\.$/).waitFor();
    const block = await fromClipboard();
    expect(block).toHaveLength(2);
    const beta = block[0]!.length - 1;
    block[0]![beta] = '0.3';
    block[1]![beta] = '1.5';
    block[1]![0] = '5000';
    // Back over the same two lines: row 1's shown cells are as they are, row 2's amount is not.
    await cell(1, 'amountPence').click();
    await toClipboard(block);
    await page.keyboard.press('Control+V');
    const dialog = page.getByRole('dialog', { name: 'Nothing was saved' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('2 pasted cells refused; nothing was saved.');
    expect(text).toMatch(/row 2, column Amount £[\s\S]*5000[\s\S]*Partners & budgets/);
    expect(text).toMatch(/row 2, column β[\s\S]*1\.5/);
    expect(text).not.toMatch(/row 1,/);
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await mapped()).toEqual(before);
    expect(app.errors).toEqual([]);
  });

  it('skips a one-column header (the column’s own name) and pastes the statuses below it', async () => {
    const { page } = app;
    const before = await mapped();
    await cell(0, 'status').click();
    await toClipboard([[await header('status')], ['aligned'], ['pooled']]);
    await page.keyboard.press('Control+V');
    await page.getByText('Pasted into 2 lines.').waitFor();
    const after = await mapped();
    expect(after.slice(0, 3).map((l) => l.status)).toEqual(['aligned', 'pooled', before[2]!.status]);
    expect(app.errors).toEqual([]);
  });
});
