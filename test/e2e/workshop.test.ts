// The workshop a consultant runs in a community hall, in real Chromium against the web
// host on the demo project: open the Workshop screen, switch to large text, try a β in
// the what-if panel and watch the influence-able headline and a bar move, reset, save a
// chart as a PNG, then save a what-if through the audited write path.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/contract/mapping';
import { formatPounds } from '../../shared/money';
import { runCli, screenshot, startDemo, type App } from './harness';

let app: App;
let projectPath: string;

function cliSummary(name: string): Summary {
  const r = runCli(['summary', projectPath, '--neighbourhood', name, '--json'], app.dataDir);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

/** Charts drawn and nothing pending (the Chart wrapper's counter). */
const chartsSettled = () =>
  app.page.waitForFunction(() => {
    const c = (window as unknown as { __spendmapCharts?: { pending: number; drawn: number } }).__spendmapCharts;
    return c !== undefined && c.pending === 0 && c.drawn > 0;
  });

const headline = () => app.page.getByTestId('influence-headline-value').textContent();
const panel = () => app.page.getByRole('complementary', { name: 'What if' });
/** The council's row of the "Spend by partner" figures table. */
const councilRow = () => app.page.getByRole('table', { name: 'Spend by partner: figures' }).getByRole('row').filter({ hasText: 'Royal Borough of Kingston upon Thames' }).textContent();
const partnerChart = () => app.page.getByTestId('chart-partners-canvas').screenshot();

async function chooseLine(ref: string) {
  const value = await panel().locator('select[aria-label="Line"] option', { hasText: `${ref} ·` }).getAttribute('value');
  await panel().getByLabel('Line', { exact: true }).selectOption(value!);
}

describe('workshop view, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the workshop on Norbiton with the figures of summary --json', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    await page.getByRole('heading', { name: 'Workshop: Norbiton' }).waitFor();
    await page.getByTestId('influence-headline').waitFor();
    await chartsSettled();
    const s = cliSummary('Norbiton');
    expect(await page.getByTestId('ws-total-value').textContent()).toBe(formatPounds(s.total_pence));
    expect(await page.getByTestId('influence-headline').textContent()).toContain(`${formatPounds(s.influenceable_pence)} of ${formatPounds(s.total_pence)}`);
    // Every chart has its figures a click away, and a note on how it was made.
    for (const id of ['influence', 'confidence', 'partners', 'themes', 'per-head', 'range']) {
      const card = page.getByTestId(`chart-${id}`);
      await card.getByRole('button', { name: 'Show figures' }).click();
      expect(await card.getByRole('table').isVisible()).toBe(true);
      expect(await card.locator('.chart-note').textContent()).toMatch(/^How: /);
    }
    expect(await page.getByTestId(`chart-confidence`).getByRole('table').textContent()).toContain(`G green${formatPounds(s.confidence_pence.green)}`);
    for (const id of ['influence', 'confidence', 'themes', 'per-head', 'range']) await page.getByTestId(`chart-${id}`).getByRole('button', { name: 'Hide figures' }).click();
    await page.getByTestId('workshop-main').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'workshop');
    await expect(page.getByTestId('whatif-status').textContent()).resolves.toContain('Showing the saved figures');
  });

  it('switches to large text: the page and the charts grow', async () => {
    const { page } = app;
    const before = await page.getByTestId('chart-partners-canvas').boundingBox();
    await page.getByLabel('Large text').check();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    await page.waitForFunction((h) => (document.querySelector('[data-testid="chart-partners-canvas"]') as HTMLElement).clientHeight > h, before!.height);
    await chartsSettled();
    const after = await page.getByTestId('chart-partners-canvas').boundingBox();
    expect(after!.height).toBeGreaterThan(before!.height * 1.2);
  });

  it("changes a line's β in the what-if panel: the headline and a bar move; reset puts them back", async () => {
    const { page } = app;
    const savedHeadline = await headline();
    const savedRow = await councilRow();
    const savedChart = await partnerChart();

    // Highways: shared by population at β 0, 15% discretionary. Tilt it fully to deprivation.
    await chooseLine('KC-HWY');
    await panel().getByLabel('Line β (deprivation weighting)', { exact: true }).fill('1');
    await page.waitForFunction((old) => document.querySelector('[data-testid="influence-headline-value"]')?.textContent !== old, savedHeadline);
    await chartsSettled();
    expect(await headline()).not.toBe(savedHeadline);
    expect(await councilRow()).not.toBe(savedRow);
    expect((await partnerChart()).equals(savedChart)).toBe(false);
    await expect(page.getByTestId('whatif-banner').textContent()).resolves.toContain('Unsaved what-if');
    await expect(page.getByTestId('whatif-status').textContent()).resolves.toContain('1 change');
    expect(await panel().getByRole('list').first().textContent()).toContain('KC-HWY: β 0 → 1');
    await page.getByTestId('workshop-main').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'workshop-what-if-large-text');

    // Nothing was saved: the project still says what it said.
    const db = new Database(projectPath, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE note LIKE '%what-if%'").get()).toEqual({ n: 0 });
    db.close();

    await panel().getByRole('button', { name: 'Reset to saved' }).click();
    await page.waitForFunction((old) => document.querySelector('[data-testid="influence-headline-value"]')?.textContent === old, savedHeadline);
    await chartsSettled();
    expect(await councilRow()).toBe(savedRow);
    expect(await page.getByTestId('whatif-banner').count()).toBe(0);
    await page.getByTestId('workshop-main').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'workshop-large-text');
  });

  it('saves a chart as a PNG and sorts the ward table from the keyboard', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-partners').getByRole('button', { name: /Save .* PNG/ }).click()]);
    expect(download.suggestedFilename()).toBe('Norbiton - Spend by partner.png');
    const png = readFileSync((await download.path())!);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // Twice the chart's size (pixelRatio 2).
    const box = (await page.getByTestId('chart-partners-canvas').boundingBox())!;
    expect(png.readUInt32BE(16)).toBe(Math.round(box.width) * 2);

    const table = page.getByTestId('ward-table');
    expect(await table.locator('th[aria-sort="descending"]').textContent()).toContain('Per head');
    await table.getByRole('button', { name: 'Total' }).focus();
    await page.keyboard.press('Enter');
    expect(await table.locator('th[aria-sort="descending"]').textContent()).toContain('Total');
    const totals = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    const pounds = totals.map((t) => Number(t.replace(/[£,]/g, '')));
    expect(pounds).toEqual([...pounds].sort((a, b) => b - a));
  });

  it('saves a what-if only when asked, through the audited write path, and summary --json agrees', async () => {
    const { page } = app;
    await chooseLine('KC-HWY');
    await panel().getByLabel('Discretionary % (exact)').fill('40');
    await page.getByTestId('whatif-banner').waitFor();
    await chartsSettled();
    const shown = await page.getByTestId('influence-headline').textContent();
    await panel().getByRole('button', { name: 'Save these changes' }).click();
    await page.getByText('Saved the what-if: 1 line changed').waitFor();
    await page.getByTestId('whatif-banner').waitFor({ state: 'detached' });
    const s = cliSummary('Norbiton');
    expect(shown).toContain(`${formatPounds(s.influenceable_pence)} of ${formatPounds(s.total_pence)}`);
    const db = new Database(projectPath, { readonly: true });
    const audit = db.prepare("SELECT field, old_value, new_value, note FROM audit_log WHERE ref = 'KC-HWY' ORDER BY id").all();
    db.close();
    expect(audit).toContainEqual({ field: 'discretionary_pct', old_value: '15', new_value: '40', note: 'workshop what-if' });
    expect(app.errors).toEqual([]);
  });
});
