// Grids like Excel (issue 14 item 6, part): Ctrl+D fills the top ticked line's value down
// the other ticked lines in the focused column, as one undo step; on one cell, from the
// line above. Real Chromium, demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
type Lines = { rows: { id: number; ref: string; service: string; discretionaryPct: number | null }[] };
const rows = async () => (await app.api<Lines>('budgets.page', { offset: 0, limit: 4 })).rows;

describe('fill down, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fills the ticked lines from the top one in one undo step, and one cell from the line above', async () => {
    const { page } = app;
    const before = await rows();
    expect(new Set(before.slice(0, 3).map((r) => r.service)).size).toBeGreaterThan(1);
    for (const i of [0, 1, 2]) await page.locator(`.ag-row[row-index="${i}"] input.row-select`).first().check();
    await page.locator('.ag-row[row-index="0"] [col-id="service"]').first().click();
    await page.keyboard.press('Control+D');
    await expect.poll(async () => (await rows()).slice(0, 3).map((r) => r.service)).toEqual([before[0]!.service, before[0]!.service, before[0]!.service]);
    expect((await rows())[3]!.service).toBe(before[3]!.service);
    await page.getByText(`Filled Service "${before[0]!.service}" down to 2 lines.`).waitFor();

    // One undo step puts both back.
    await page.getByRole('button', { name: /^Undo: Fill down: 2 lines changed/ }).click();
    await expect.poll(async () => (await rows()).slice(0, 3).map((r) => r.service)).toEqual(before.slice(0, 3).map((r) => r.service));

    // One cell, nothing ticked: from the line above.
    for (const i of [0, 1, 2]) await page.locator(`.ag-row[row-index="${i}"] input.row-select`).first().uncheck();
    await page.locator('.ag-row[row-index="3"] [col-id="service"]').first().click();
    await page.keyboard.press('Control+D');
    await expect.poll(async () => (await rows())[3]!.service).toBe(before[2]!.service);
    expect(app.errors).toEqual([]);
  });
});
