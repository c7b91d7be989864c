// Grids like Excel (issue 14 item 6, part): one field set for every ticked line at once,
// as one undo step. Real Chromium, demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
type Lines = { rows: { ref: string; discretionaryPct: number | null }[] };
const rows = async () => (await app.api<Lines>('budgets.page', { offset: 0, limit: 5 })).rows;

describe('set a field for the ticked lines, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sets discretionary % for three ticked lines and undoes it in one step', async () => {
    const { page } = app;
    const before = await rows();
    for (const i of [0, 2, 4]) await page.locator(`.ag-row[row-index="${i}"] input.row-select`).first().check();
    const form = page.getByRole('form', { name: 'Set a field for the ticked lines' });
    await form.getByLabel('Field to set').selectOption({ label: 'Discretionary %' });
    await form.getByLabel('Value to set').fill('35');
    await form.getByRole('button', { name: 'for 3 ticked lines' }).click();
    await page.getByText('Set Discretionary % to "35" for 3 lines.').waitFor();
    const after = await rows();
    expect(after.map((r) => r.discretionaryPct)).toEqual([35, before[1]!.discretionaryPct, 35, before[3]!.discretionaryPct, 35]);

    await page.getByRole('button', { name: /^Undo: Set Discretionary %: 3 lines changed/ }).click();
    await expect.poll(async () => (await rows()).map((r) => r.discretionaryPct)).toEqual(before.map((r) => r.discretionaryPct));
    expect(app.errors).toEqual([]);
  });
});
