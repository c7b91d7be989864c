// Enter in a Mapping cell sends the edit from the keydown (renderer/src/grid/useEnterCommit.ts),
// before AG Grid's own edit request comes from its timer: that request must then not save
// a second time. In real Chromium on the demo project: one budgets.write per Enter, one
// audit entry, the strip and the row repainted; a refused β is one refused write.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;
let projectPath: string;

async function betaCell() {
  const refCell = app.page.locator('.ag-cell[col-id="ref"]').filter({ hasText: /^KC-HWY$/ }).first();
  await refCell.waitFor();
  const idx = await refCell.evaluate((el) => el.closest('.ag-row')?.getAttribute('row-index'));
  return app.page.locator(`.ag-row[row-index="${idx}"] [col-id="beta"]`).first();
}

/** The API calls the page makes while `act` runs and for 400 ms after (the event stream and Undo's relabelling aside). */
async function callsDuring(act: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const record = (r: { url(): string }) => {
    const m = /\/api\/([^?]+)/.exec(r.url());
    if (m && m[1] !== 'events' && m[1] !== 'history.state') calls.push(m[1]!);
  };
  app.page.on('request', record);
  await act();
  await app.page.waitForTimeout(400);
  app.page.off('request', record);
  return calls;
}

function betaAudit(): { new_value: string | null }[] {
  const db = new Database(projectPath, { readonly: true });
  try {
    return db.prepare("SELECT new_value FROM audit_log WHERE ref = 'KC-HWY' AND field = 'deprivation_weight' ORDER BY id").all() as { new_value: string | null }[];
  } finally {
    db.close();
  }
}

describe('Enter in a Mapping cell, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
    await app.page.getByRole('button', { name: 'Mapping', exact: true }).click();
    await app.page.getByTestId('strip-total').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('saves a β once, with one write, and repaints the strip and the row from its answer', async () => {
    const { page } = app;
    const stripBefore = await page.getByTestId('strip-total').textContent();
    const beta = await betaCell();
    const calls = await callsDuring(async () => {
      await beta.dblclick();
      await page.getByLabel('β value').fill('1');
      await page.keyboard.press('Enter');
      await page.waitForFunction((old) => document.querySelector('[data-testid="strip-total"]')?.textContent !== old, stripBefore);
    });
    expect(calls).toEqual(['budgets.write']);
    expect(betaAudit().map((a) => a.new_value)).toEqual(['1']);
    expect((await beta.textContent())?.trim()).toBe('1');
    expect(app.errors).toEqual([]);
  });

  it('sends a β the backend refuses once, says why, and saves nothing', async () => {
    const { page } = app;
    const beta = await betaCell();
    const calls = await callsDuring(async () => {
      await beta.dblclick();
      await page.getByLabel('β value').fill('2');
      await page.keyboard.press('Enter');
      await page.locator('.notice-error').waitFor();
    });
    expect(calls).toEqual(['budgets.write']);
    expect(await page.locator('.notice-error').textContent()).toContain('deprivation_weight');
    expect(betaAudit().map((a) => a.new_value)).toEqual(['1']);
    expect(app.errors).toEqual([]);
  });
});
