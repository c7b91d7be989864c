// The Workshop's business-case card in real Chromium against the web host on the demo
// project: with no proposal it sends the user to the Business case screen; with one it
// shows the NPV `cba --json` gives, and a success-rate what-if moves the NPV, the BCR and
// the who-pays table to what the CLI gives for the same proposal with that success rate,
// without saving anything. The PDF then carries the proposal's page, what-if marked.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CbaFigures } from '../../shared/engine/cba';
import { formatPounds } from '../../shared/money';
import { familyHub } from '../fixtures/proposals';
import { demoForTests, runCli, screenshot } from './harness';

const demo = demoForTests();
const money = (p: number) => formatPounds(p, { pence: Math.abs(p) < 100_000 });
const card = () => demo.app.page.getByRole('region', { name: 'Business case', exact: true });

/** `cba --json` for a proposal saved in the project, or for a proposal.json written here. */
function cli(proposal: string | Record<string, unknown>): CbaFigures {
  let arg = proposal as string;
  if (typeof proposal !== 'string') {
    arg = join(demo.app.dataDir, `${String(proposal.name)}.json`);
    writeFileSync(arg, JSON.stringify(proposal));
  }
  const r = runCli(['cba', demo.projectPath, '--proposal', arg, '--json'], demo.app.dataDir);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CbaFigures;
}

const chartsSettled = () =>
  demo.app.page.waitForFunction(() => {
    const c = (window as unknown as { __spendmapCharts?: { pending: number } }).__spendmapCharts;
    return c !== undefined && c.pending === 0;
  });

describe('the Workshop business-case card, end to end', () => {
  it('with no proposal, says so and opens the Business case screen', async () => {
    const { app } = demo;
    const { page } = app;
    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    await expect.poll(() => card().textContent()).toContain('This project has no proposals yet');
    await card().getByRole('button', { name: 'Open the Business case screen…' }).click();
    await page.getByRole('heading', { name: 'Business case', exact: true }).waitFor();
  });

  it('shows the NPV of cba --json, and a success-rate what-if moves it to the CLI figure, unsaved', async () => {
    const { app } = demo;
    const { page } = app;
    const lines = await app.api<{ rows: { ref: string }[] }>('budgets.page', { offset: 0, limit: 5 });
    await app.api('cba.save', { proposal: familyHub(lines.rows[0]!.ref) });
    const saved = await app.api<Record<string, unknown> & { outcomes: { success_rate_pct: number }[] }>('cba.get', { name: 'Family hub' });
    const f = cli('Family hub');

    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    await page.getByTestId('ws-cba-npv').waitFor();
    expect(await card().getByLabel('Proposal').inputValue()).toBe('Family hub');
    expect(await page.getByTestId('ws-cba-npv').textContent()).toBe(money(f.npv_pence));
    expect(await page.getByTestId('ws-cba-bcr').textContent()).toBe(f.bcr_all!.toFixed(4));
    expect(await page.getByTestId('ws-cba-payback').textContent()).toBe(f.payback_year === null ? 'does not pay back' : `year ${f.payback_year}`);
    await card().getByTestId('chart-cba-years-canvas').waitFor();
    await card().getByTestId('chart-cba-partners-canvas').waitFor();
    expect(await card().getByText('what-if, not saved').count()).toBe(0);

    // Success rate 15 points lower on every outcome: what the CLI gives for that proposal.
    const lower = { ...saved, name: 'lower success', outcomes: saved.outcomes.map((o) => ({ ...o, success_rate_pct: Math.max(0, o.success_rate_pct - 15) })) };
    const w = cli(lower);
    expect(w.npv_pence).toBeLessThan(f.npv_pence);
    const whatIf = card().getByRole('complementary', { name: 'Business case what-if' });
    await whatIf.getByLabel('Success rate').fill('-15');
    await expect.poll(() => page.getByTestId('ws-cba-npv').textContent()).toBe(money(w.npv_pence));
    expect(await page.getByTestId('ws-cba-bcr').textContent()).toBe(w.bcr_all!.toFixed(4));
    expect(await page.getByTestId('ws-cba-payback').textContent()).toBe(w.payback_year === null ? 'does not pay back' : `year ${w.payback_year}`);
    // The who-pays / who-benefits figures moved with it, partner by partner.
    const partners = page.getByTestId('chart-cba-partners');
    await partners.getByRole('button', { name: 'Show figures' }).click();
    const table = partners.getByRole('table', { name: 'Who pays, who benefits: figures' });
    for (const p of w.by_partner) expect(await table.getByRole('row').filter({ hasText: p.partner }).textContent()).toContain(money(p.net_pence));
    expect(await card().getByText('what-if, not saved').count()).toBeGreaterThan(0);
    await chartsSettled();
    await screenshot(page, 'workshop-business-case');

    // Nothing was saved; Reset brings the saved figures back.
    expect(await app.api('cba.get', { name: 'Family hub' })).toEqual(saved);
    await whatIf.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => page.getByTestId('ws-cba-npv').textContent()).toBe(money(f.npv_pence));
    expect(app.errors).toEqual([]);
  });

  it('prints the proposal, with its what-if, on a second page of the PDF', async () => {
    const { app } = demo;
    const { page } = app;
    const saved = await app.api<Record<string, unknown> & { outcomes: { cohort_by_year: number[] }[] }>('cba.get', { name: 'Family hub' });
    const more = { ...saved, name: 'more people', outcomes: saved.outcomes.map((o) => ({ ...o, cohort_by_year: o.cohort_by_year.map((c) => Math.round(c * 150 * 100) / 1e4) })) };
    const w = cli(more);
    await card().getByRole('complementary', { name: 'Business case what-if' }).getByLabel('People or events').fill('150');
    await expect.poll(() => page.getByTestId('ws-cba-npv').textContent()).toBe(money(w.npv_pence));

    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: /Export PDF/ }).click();
    const file = join(app.dataDir, 'with-proposal.pdf');
    await (await download).saveAs(file);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1])).toBe(2);
    const text = spawnSync('pdftotext', ['-f', '2', '-l', '2', '-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Business case: Family hub');
    expect(text).toMatch(/what-if, not saved/i);
    expect(text).toContain(money(w.npv_pence));
    expect(app.errors).toEqual([]);
  });
});
