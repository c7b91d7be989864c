// Sign-off end to end, in real Chromium against the web host on the demo project: a
// partner signs their pack and changes a figure (in exceljs, as a spreadsheet saves it)
// while a line of theirs changes in Spendmap; the Export screen's review shows the
// sign-off and names that line; accepting it shows the agreed share in the Neighbourhood
// summary (the same figure as `summary --json` in a separate process) and each line's
// agreement in the Partners & budgets grid.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/methods';
import { formatPounds } from '../../shared/money';
import { returnPack } from '../packs/sign';
import { runCli, screenshot, startDemo, type App } from './harness';

const ICB = 'South West London ICB (Kingston place) [illustrative]';
let app: App;
let projectPath: string;

async function agreementOf(ref: string): Promise<string> {
  const { page } = app;
  const refCell = page.locator('.ag-cell[col-id="ref"]').filter({ hasText: new RegExp(`^${ref}$`) }).first();
  await refCell.waitFor();
  const row = await refCell.evaluate((el) => el.closest('.ag-row')?.getAttribute('row-index') ?? null);
  // The column is right of the screen: scroll the grid to it, as a user would.
  await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const cell = page.locator(`.ag-row[row-index="${row}"] [col-id="agreement"]`).first();
  await cell.waitFor();
  return (await cell.textContent()) ?? '';
}

describe('a signed pack accepted from the Export screen', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the sign-off and the line changed since export; accepting agrees the partner’s lines', async () => {
    const { page } = app;
    const files = (await app.api<MethodOutput<'packs.export'>>('packs.export', { folder: join(app.dataDir, 'packs') })).files;
    const pack = files.find((f) => f.subject === ICB)!.path;
    // In Spendmap after the export: NHS-05's discretionary % changes.
    const lines = await app.api<MethodOutput<'budgets.page'>>('budgets.page', { offset: 0, limit: 100, search: 'NHS-05' });
    await app.api('budgets.write', { writes: [{ id: lines.rows[0]!.id, values: { discretionaryPct: '15' } }] });
    const returned = await returnPack(pack, join(app.dataDir, 'ICB signed.xlsx'), {
      signOff: { name: 'Asha Patel', role: 'Director of Finance', organisation: 'SWL ICB', date: '05/12/2026', agreement: 'I agree these figures with the changes I have made' },
      edits: [{ ref: 'NHS-02', column: 'amount', value: 23_000_000 }],
    });

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByLabel('Returned pack').setInputFiles(returned);
    const signOff = page.getByLabel('Sign-off', { exact: true });
    await signOff.waitFor();
    expect(await page.getByTestId('signoff-text').textContent()).toBe(
      'Signed by Asha Patel, Director of Finance, SWL ICB, on 5 December 2026: "I agree these figures with the changes I have made".',
    );
    const changed = await page.getByTestId('changed-since-export').textContent();
    expect(changed).toContain('1 line changed in Spendmap since this pack was exported');
    expect(changed).toContain('NHS-05: discretionary %');
    expect(await page.getByLabel('Accept the sign-off').isChecked()).toBe(true);
    await screenshot(page, 'signoff-review');
    await page.getByRole('button', { name: 'Apply 1 accepted change' }).click();
    await page.getByText(/ICB signed\.xlsx: 1 change accepted and saved, 0 rejected; sign-off accepted, \d+ lines agreed\./).waitFor();

    // The Neighbourhood summary: the agreed share, as the CLI reads it from the file.
    await page.getByRole('button', { name: 'Neighbourhood', exact: true }).click();
    await page.getByTestId('summary-agreed').waitFor();
    const cli = runCli(['summary', projectPath, '--neighbourhood', 'Norbiton', '--json'], join(app.dataDir, 'cli'));
    expect(cli.status, cli.stderr).toBe(0);
    const s = JSON.parse(cli.stdout) as { agreed_pence: number; total_pence: number };
    expect(s.agreed_pence).toBeGreaterThan(0);
    expect(await page.getByTestId('summary-agreed-value').textContent()).toBe(formatPounds(s.agreed_pence));
    expect(await page.getByTestId('summary-agreed').textContent()).toContain(`of ${formatPounds(s.total_pence)}`);
    await screenshot(page, 'signoff-summary');

    // Partners & budgets: each line's agreement.
    await page.getByRole('button', { name: 'Partners & budgets', exact: true }).click();
    expect(await agreementOf('NHS-02')).toBe('Agreed');
    expect(await agreementOf('NHS-05')).toBe('Estimated');
    await screenshot(page, 'signoff-grid');
    expect(app.errors).toEqual([]);
  });
});
