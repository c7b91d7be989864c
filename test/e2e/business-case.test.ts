// The business case in real Chromium against the web host on the demo project: build a
// proposal on the screen (a cost, an outcome picked from the unit cost database by theme
// and words, the suggested optimism bias, a baseline line drawn on), see a bad share
// refused with its field named, save it, compare the figures with `cba --json`, and undo.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPounds } from '../../shared/money';
import { runCli, screenshot, startDemo, type App } from './harness';

let app: App;
let projectPath: string;

const money = (p: number) => formatPounds(p, { pence: Math.abs(p) < 100_000 });

describe('business case, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('builds, checks, saves and undoes a proposal with the figures of cba --json', async () => {
    const { page } = app;
    const lines = await app.api<{ rows: { ref: string; confidence: string }[] }>('budgets.page', { offset: 0, limit: 50 });
    const red = lines.rows.find((l) => l.confidence === 'red') ?? lines.rows[0]!;

    await page.getByRole('button', { name: 'Business case', exact: true }).click();
    await page.getByRole('button', { name: 'New proposal' }).click();
    await page.getByLabel('Proposal name').fill('Family hub');
    await page.getByLabel('Years').fill('5');

    // One cost: the council's two workers for three years, 10% optimism bias.
    await page.getByLabel('Cost 1 partner').fill('Council');
    for (const t of [0, 1, 2]) await page.getByLabel(`Cost 1 pounds, year ${t}`).fill('60000');
    await page.getByLabel('Cost 1 optimism bias %').fill('10');

    // A baseline line drawn on: its confidence suggests the outcome's optimism bias.
    await page.getByRole('button', { name: 'Add a line' }).click();
    await page.getByLabel('Drawn line 1 ref').fill(red.ref);
    await page.getByLabel('Drawn line 1 share %').fill('25');

    // An outcome from the unit cost database: theme and words.
    await page.getByRole('button', { name: 'Add an outcome' }).click();
    await page.getByRole('button', { name: 'Pick from the unit cost database' }).click();
    const picker = page.getByRole('dialog', { name: 'Unit cost database' });
    await picker.getByLabel('Theme').selectOption('SOCIAL SERVICES');
    await picker.getByLabel('Search unit costs').fill('child taken into care');
    await picker.getByRole('button', { name: 'Use SS1.0' }).click();
    await expect.poll(() => page.getByTestId('outcome-0-code').textContent()).toContain('SS1.0');
    for (const [t, v] of [[1, '1'], [2, '2'], [3, '2'], [4, '2']] as const) await page.getByLabel(`Outcome 1 cohort, year ${t}`).fill(v);
    await page.getByLabel('Outcome 1 success %').fill('40');
    await page.getByLabel('Outcome 1 deadweight %').fill('20');
    const expectConfidence = red.confidence as 'green' | 'amber' | 'red';
    expect(await page.getByLabel('Outcome 1 evidence confidence').inputValue()).toBe(expectConfidence);
    // The suggestion table is editable: 30% for this confidence, then used.
    await page.getByLabel(`Optimism bias for ${expectConfidence} evidence`).fill('30');
    await page.getByRole('button', { name: 'Use suggested 30%' }).click();
    expect(await page.getByLabel('Outcome 1 optimism bias %').inputValue()).toBe('30');
    await page.getByLabel('Outcome 1 cashable %').fill('50');

    // Shares that do not add to 100 are refused with the field named.
    await page.getByLabel('Outcome 1 beneficiary 1 partner').fill('Council');
    await page.getByLabel('Outcome 1 beneficiary 1 share %').fill('90');
    await page.getByRole('alert').getByRole('cell', { name: 'outcomes[0].benefit_to', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('shares add to 90, not 100');
    await page.getByLabel('Outcome 1 beneficiary 1 share %').fill('100');
    await page.getByTestId('cba-npv').waitFor();

    await page.getByRole('button', { name: 'Save proposal' }).click();
    await page.getByRole('button', { name: 'Saved' }).waitFor();
    await page.getByRole('navigation', { name: 'Proposals' }).getByRole('button', { name: /Family hub/ }).waitFor();

    // The screen shows the figures `cba --json` prints for the saved proposal.
    const r = runCli(['cba', projectPath, '--proposal', 'Family hub', '--json'], app.dataDir);
    expect(r.status, r.stderr).toBe(0);
    const f = JSON.parse(r.stdout);
    expect(f.pv_costs_pence).toBeGreaterThan(0);
    expect(f.baseline_drawn_pence).toBeGreaterThan(0);
    expect(await page.getByTestId('cba-npv').textContent()).toBe(money(f.npv_pence));
    expect(await page.getByTestId('cba-pv-costs').textContent()).toBe(money(f.pv_costs_pence));
    expect(await page.getByTestId('cba-drawn').textContent()).toContain(money(f.baseline_drawn_pence));
    expect(await page.getByTestId('cba-payback').textContent()).toBe(f.payback_year === null ? 'does not pay back' : `year ${f.payback_year}`);
    const partners = page.getByRole('table', { name: 'Who pays, who benefits' });
    expect(await partners.getByRole('row').filter({ hasText: 'Council' }).textContent()).toContain(money(f.by_partner[0].net_pence));
    await screenshot(page, 'business-case');

    // What if twice as many people: the engine's figures for the doubled cohorts, unsaved.
    const saved = await app.api<{ outcomes: { cohort_by_year: number[] }[] }>('cba.get', { name: 'Family hub' });
    const doubled = { ...saved, name: 'doubled', outcomes: saved.outcomes.map((o) => ({ ...o, cohort_by_year: o.cohort_by_year.map((c) => c * 2) })) };
    const file = join(app.dataDir, 'doubled.json');
    writeFileSync(file, JSON.stringify(doubled));
    const d = runCli(['cba', projectPath, '--proposal', file, '--json'], app.dataDir);
    expect(d.status, d.stderr).toBe(0);
    const doubledNpv = JSON.parse(d.stdout).npv_pence as number;
    expect(doubledNpv).not.toBe(f.npv_pence);
    await page.getByRole('complementary', { name: 'What if' }).getByLabel('People or events').fill('200');
    await expect.poll(() => page.getByTestId('cba-npv').textContent()).toBe(money(doubledNpv));
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => page.getByTestId('cba-npv').textContent()).toBe(money(f.npv_pence));
    expect((await app.api<{ years: number }>('cba.get', { name: 'Family hub' }))).toEqual(saved);

    // Audited, and undone like every other edit.
    const audit = await app.api<{ action: string; ref: string }[]>('audit.list', { limit: 5, entity: 'proposal' });
    expect(audit[0]).toMatchObject({ action: 'create', ref: 'Family hub' });
    await page.getByRole('button', { name: 'Undo: add proposal Family hub' }).click();
    await expect.poll(async () => (await app.api<unknown[]>('cba.list')).length).toBe(0);
    await expect.poll(() => page.getByRole('navigation', { name: 'Proposals' }).getByText('No proposals yet.').count()).toBe(1);
    expect(app.errors).toEqual([]);
  });
});
