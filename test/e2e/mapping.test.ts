// The mapping session a consultant runs, in real Chromium against the web host on the
// demo project: name a neighbourhood by ticking wards, move a line to a needs proxy and
// watch its neighbourhood amount and confidence change, override a confidence with a
// reason, and check the page's figures against `summary --json` on the same file.
import Database from 'better-sqlite3';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/contract/mapping';
import { formatPerHead, formatPounds } from '../../shared/money';
import { runCli, screenshot, startDemo, type App } from './harness';

let app: App;
let projectPath: string;


async function rowIndexOf(ref: string): Promise<string> {
  const refCell = app.page.locator('.ag-cell[col-id="ref"]').filter({ hasText: new RegExp(`^${ref}$`) }).first();
  const idx = await refCell.evaluate((el) => el.closest('.ag-row')?.getAttribute('row-index') ?? null);
  if (idx === null) throw new Error(`no row for ${ref}`);
  return idx;
}

const cell = async (ref: string, col: string) => app.page.locator(`.ag-row[row-index="${await rowIndexOf(ref)}"] [col-id="${col}"]`).first();

/** Picks a value in a grid cell's drop-down editor, as a user does with the mouse. */
async function choose(target: Locator, option: string): Promise<void> {
  await target.dblclick();
  await target.locator('.ag-picker-field-wrapper').click();
  await app.page.locator('.ag-select-list').getByRole('option', { name: option, exact: true }).click();
}

function cliSummary(name: string): Summary {
  const r = runCli(['summary', projectPath, '--neighbourhood', name, '--json'], app.dataDir);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

describe('mapping and neighbourhood figures, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('names a neighbourhood by ticking two wards', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Neighbourhood', exact: true }).click();
    await page.getByRole('button', { name: 'New neighbourhood…' }).click();
    await page.getByLabel('Neighbourhood name').fill('Norbiton and Kingston Town');
    await page.getByLabel('Find a ward').fill('o');
    await page.getByLabel('Norbiton (E05013941)').check();
    await page.getByLabel('Kingston Town (E05013938)').check();
    expect(await page.getByText('2 wards ticked, population 23,201.').count()).toBe(1);
    await page.getByRole('button', { name: 'Save neighbourhood' }).click();
    await page.getByTestId('summary-total').waitFor();
    const s = cliSummary('Norbiton and Kingston Town');
    expect(s.wards).toEqual(['E05013938', 'E05013941']);
    expect(await page.getByTestId('summary-total-value').textContent()).toBe(formatPounds(s.total_pence));
  });

  it('moves a line from population to income_deprived and sees its neighbourhood amount and confidence change', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    await page.getByRole('combobox', { name: 'Neighbourhood' }).selectOption('Norbiton and Kingston Town');
    await (await cell('KC-HWY', 'neighbourhood')).waitFor();
    const before = await (await cell('KC-HWY', 'neighbourhood')).textContent();
    const stripBefore = await page.getByTestId('strip-total').textContent();
    expect(await (await cell('KC-HWY', 'confidence')).textContent()).toContain('R red');

    const calls: string[] = [];
    const record = (r: { url(): string }) => {
      const m = /\/api\/([^?]+)/.exec(r.url());
      if (m && m[1] !== 'events') calls.push(m[1]!);
    };
    page.on('request', record);
    // The list shows the proxies' labels, not their names in files.
    await choose(await cell('KC-HWY', 'basis'), 'Income-deprived people');
    await page.waitForFunction(
      ([sel, old]) => document.querySelector(sel)?.textContent !== old,
      [`.ag-row[row-index="${await rowIndexOf('KC-HWY')}"] [col-id="neighbourhood"]`, before] as const,
    );
    const after = await (await cell('KC-HWY', 'neighbourhood')).textContent();
    expect(after).not.toBe(before);
    expect(await (await cell('KC-HWY', 'confidence')).textContent()).toContain('A amber');
    await page.waitForFunction(([old]) => document.querySelector('[data-testid="strip-total"]')?.textContent !== old, [stripBefore] as const);
    await page.waitForTimeout(300);
    page.off('request', record);
    // One round trip repaints the row, the totals and the strip (history.state only relabels Undo).
    expect(calls.filter((c) => c !== 'history.state')).toEqual(['budgets.write']);
    // The neighbourhood's deprived wards gain when the line follows income deprivation.
    const pounds = (t: string | null) => Number((t ?? '').replace(/[£,]/g, ''));
    expect(pounds(after)).toBeGreaterThan(pounds(before));
  });

  it('overrides a confidence with a reason kept in the audit log', async () => {
    const { page } = app;
    await choose(await cell('KC-HWY', 'confidence'), 'green');
    await page.getByLabel('Reason (kept in the audit log)').fill('Highways gave us their ward-level maintenance schedule');
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('G green') === true,
      `.ag-row[row-index="${await rowIndexOf('KC-HWY')}"] [col-id="confidence"]`,
    );
    expect(await (await cell('KC-HWY', 'confidence')).textContent()).not.toContain('suggested');
    const db = new Database(projectPath, { readonly: true });
    const audit = db.prepare("SELECT action, field, old_value, new_value, note FROM audit_log WHERE ref = 'KC-HWY' ORDER BY id").all();
    db.close();
    expect(audit).toEqual([
      { action: 'update', field: 'basis', old_value: 'population', new_value: 'income_deprived', note: 'mapping grid' },
      { action: 'override', field: 'confidence', old_value: '', new_value: 'green', note: 'mapping grid: Highways gave us their ward-level maintenance schedule' },
    ]);
    await screenshot(page, 'mapping-grid');
  });

  it('shows the same neighbourhood figures as summary --json on the same project file', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Neighbourhood', exact: true }).click();
    await page.getByRole('combobox', { name: 'Neighbourhood' }).selectOption('Norbiton and Kingston Town');
    await page.getByTestId('summary-total').waitFor();
    const s = cliSummary('Norbiton and Kingston Town');
    const text = async (id: string) => (await page.getByTestId(id).textContent())?.trim();
    await page.waitForFunction(([want]) => document.querySelector('[data-testid="summary-total-value"]')?.textContent === want, [formatPounds(s.total_pence)] as const);
    expect(await text('summary-total-value')).toBe(formatPounds(s.total_pence));
    expect(await text('summary-per-head-value')).toBe(formatPerHead(s.per_head_gbp!));
    expect(await text('summary-per-head')).toContain(`Borough: ${formatPerHead(s.borough_per_head_gbp!)}`);
    expect(await text('summary-influenceable-value')).toBe(formatPounds(s.influenceable_pence));
    expect(await text('summary-sensitivity-value')).toBe(`${formatPounds(s.sensitivity.low_pence)} – ${formatPounds(s.sensitivity.high_pence)}`);
    for (const c of ['green', 'amber', 'red'] as const) expect(await text(`summary-confidence-${c}`)).toContain(formatPounds(s.confidence_pence[c]));
    // The override moved KC-HWY's pence from amber to green.
    expect(s.confidence_pence.green + s.confidence_pence.amber + s.confidence_pence.red).toBe(s.total_pence);
    await screenshot(page, 'neighbourhood-summary');
    expect(app.errors).toEqual([]);
  });
});
