// Grids like Excel (issue 14 item 6, part): on the Mapping screen, selecting a β cell and
// typing starts the edit with that keystroke — `1` Enter saves 1, `0.8` Enter saves 0.8
// (not `.8` or a lost key) — in real Chromium on the demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;

async function betaOf(ref: string): Promise<number | null> {
  const page = await app.api<{ rows: { ref: string; beta: number | null }[] }>('budgets.page', { offset: 0, limit: 200 });
  return page.rows.find((r) => r.ref === ref)?.beta ?? null;
}

describe('typing into a selected β cell, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts the edit with the key typed, for whole numbers and decimals', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    const refCell = page.locator('.ag-cell[col-id="ref"]').filter({ hasText: /^KC-HWY$/ }).first();
    await refCell.waitFor();
    const idx = await refCell.evaluate((el) => el.closest('.ag-row')?.getAttribute('row-index'));
    const beta = page.locator(`.ag-row[row-index="${idx}"] [col-id="beta"]`).first();

    for (const [keys, expected] of [
      ['1', 1],
      ['0.8', 0.8],
      ['0.5', 0.5],
    ] as const) {
      await beta.click();
      // At a fast typist's pace (60 ms a key): keys sent before the editor has opened still go to the grid.
      await page.keyboard.type(keys, { delay: 60 });
      await expect.poll(() => page.getByLabel('β value').inputValue()).toBe(keys);
      await page.keyboard.press('Enter');
      await expect.poll(() => betaOf('KC-HWY')).toBe(expected);
      await expect.poll(async () => (await beta.textContent())?.trim()).toBe(String(expected));
    }
    expect(app.errors).toEqual([]);
  });
});
