// Ticking lines in Partners & budgets (grid/selectBox.ts): a box per line, named for
// screen readers; a click ticks one, shift+click ticks the lines between, Space on a
// focused cell toggles its line; none on the total row; a range of cells never takes the
// tick-box column; Ctrl+C copies the ticked lines. Real Chromium, demo project.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoForTests } from './harness';

const demo = demoForTests();
let refs: string[];
const GRID = '[data-testid="budgets-grid"]';
const box = (i: number) => demo.app.page.getByRole('checkbox', { name: `Select line ${refs[i]}`, exact: true });
const ticked = async () => {
  const out: number[] = [];
  for (let i = 0; i < 6; i++) if (await box(i).isChecked()) out.push(i);
  return out;
};
const deleteButton = () => demo.app.page.getByRole('button', { name: /^Delete/ }).textContent();

describe('ticking lines in the budgets grid, end to end', () => {
  beforeAll(async () => {
    refs = (await demo.app.api<{ rows: { ref: string }[] }>('budgets.page', { offset: 0, limit: 6 })).rows.map((r) => r.ref);
    await box(0).waitFor();
  });

  it('ticks one line, the lines between with shift+click, and unticks one', async () => {
    await box(1).click();
    expect(await ticked()).toEqual([1]);
    expect(await deleteButton()).toBe('Delete 1 selected');
    await box(4).click({ modifiers: ['Shift'] });
    expect(await ticked()).toEqual([1, 2, 3, 4]);
    expect(await deleteButton()).toBe('Delete 4 selected');
    await box(2).click();
    expect(await ticked()).toEqual([1, 3, 4]);
    expect(await deleteButton()).toBe('Delete 3 selected');
  });

  it('toggles the focused line with Space, as AG Grid does, and the box follows', async () => {
    const { page } = demo.app;
    await page.locator(`${GRID} .ag-row[row-index="0"] .ag-cell[col-id="service"]`).click();
    await page.keyboard.press(' ');
    await expect.poll(ticked).toEqual([0, 1, 3, 4]);
    await page.keyboard.press(' ');
    await expect.poll(ticked).toEqual([1, 3, 4]);
    // Nothing was typed into the cell: Space picks, it does not edit.
    expect(await page.locator(`${GRID} .ag-cell-inline-editing`).count()).toBe(0);
  });

  it('has no box on the total row, and a range of cells stops at the ref column', async () => {
    const { page } = demo.app;
    expect(await page.locator(`${GRID} .ag-floating-bottom .ag-cell[col-id="select"] input`).count()).toBe(0);
    await page.locator(`${GRID} .ag-row[row-index="2"] .ag-cell[col-id="partner"]`).click();
    await page.locator(`${GRID} .ag-row[row-index="3"] .ag-cell[col-id="select"]`).click({ modifiers: ['Shift'], position: { x: 4, y: 4 } });
    expect(await page.locator(`${GRID} .ag-cell.cell-in-range[col-id="select"]`).count()).toBe(0);
    // Unticked again: nothing is picked.
    for (const i of [1, 3, 4]) await box(i).click();
    expect(await ticked()).toEqual([]);
    expect(await deleteButton()).toBe('Delete selected');
    expect(demo.app.errors).toEqual([]);
  });

  it('copies the ticked lines with Ctrl+C, each field as typed', async () => {
    const { page } = demo.app;
    for (const i of [0, 2]) await box(i).click();
    await page.locator(`${GRID} .ag-row[row-index="5"] .ag-cell[col-id="service"]`).click();
    await page.keyboard.press('Control+C');
    const rows = (await page.evaluate(() => navigator.clipboard.readText())).split('\r\n').filter(Boolean).map((r) => r.split('\t'));
    expect(rows.map((r) => r[0])).toEqual([refs[0], refs[2]]);
    for (const i of [0, 2]) await box(i).click();
    expect(await ticked()).toEqual([]);
    expect(demo.app.errors).toEqual([]);
  });
});
