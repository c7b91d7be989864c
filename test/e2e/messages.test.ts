// Messages and screens in the user's words (issue 14 item 8), in real Chromium: bases show
// their labels, not file names; a new project opens on Partners & budgets (not the last
// screen used) with a prompt to name a neighbourhood, and a clean save state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;

describe('screens in the user words, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows basis labels in the budgets grid and in its drop-down', async () => {
    const { page } = app;
    const proxies = await app.api<{ proxies: { name: string; label: string }[] }>('proxies.table');
    const labels = new Map(proxies.proxies.map((p) => [p.name, p.label]));
    const lines = await app.api<{ rows: { ref: string; basis: string }[] }>('budgets.page', { offset: 0, limit: 1 });
    const cell = page.locator('.ag-row[row-index="0"] [col-id="basis"]').first();
    await cell.waitFor();
    const shown = (await cell.textContent())?.trim();
    const basis = lines.rows[0]!.basis;
    expect(shown).toBe(labels.get(basis) ?? { direct: 'Direct (ward figures)', site: 'Site (one ward)', even: 'Evenly across wards' }[basis]);
    expect(shown).not.toMatch(/_/);
    await cell.dblclick();
    await cell.locator('.ag-picker-field-wrapper').click();
    await page.locator('.ag-select-list [role="option"]').first().waitFor();
    const options = (await page.locator('.ag-select-list [role="option"]').allTextContents()).map((o) => o.trim());
    expect(options).toContain('Children 0–15');
    expect(options).toContain('Evenly across wards');
    expect(options.some((o) => /^[a-z_0-9]+$/.test(o.trim()))).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('opens a new project on Partners & budgets with a prompt for a neighbourhood', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { name: 'Export', exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('button', { name: 'New project…' }).click();
    await page.getByLabel('Search local authorities').fill('kingston');
    await page.getByRole('option', { name: /Kingston upon Thames/ }).click();
    await page.getByLabel('Financial year').fill('2024-25');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
    expect(await page.locator('[aria-current="page"]').textContent()).toBe('Partners & budgets');
    expect(await page.getByTestId('save-state').textContent()).toBe('All changes saved');
    await page.getByRole('button', { name: 'name a neighbourhood (its wards)' }).click();
    await page.getByRole('button', { name: 'New neighbourhood…' }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
