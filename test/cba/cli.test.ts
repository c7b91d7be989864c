// `cba` and `import-proposal` (docs/cli.md, issue 17) driven as a user drives them:
// real CLI processes on a real Kingston project built from the official reference pack.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { runCli } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { oneYearProposal } from '../helpers/proposals';
import { dumpHash, withDb } from '../helpers/db';
import { sha256File } from '../helpers/hash';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-cba-cli-');
let env: { SPENDMAP_DATA: string };
let dir: string;
let project: string;
let wards: string[];
const cli = (...args: string[]) => runCli(args, { env });

/** The one-year worked example (worked-examples.test.ts) drawing on two real lines. */
const proposal = (over: Record<string, unknown> = {}) => ({
  ...oneYearProposal([
    { ref: 'CBA-1', share_pct: 25 },
    { ref: 'cba-2', share_pct: 12.5 },
  ]),
  ...over,
});
const writeJson = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value, null, 2));
  return p;
};
const state = (path: string) => ({ sha: sha256File(path), dump: withDb(path, (db) => dumpHash(db)) });

beforeAll(async () => {
  env = { SPENDMAP_DATA: tmp() };
  dir = tmp();
  project = join(dir, 'kingston.spendmap');
  expect((await cli('new', project, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2025-26')).code).toBe(0);
  const budgets = writeBudgetCsv(dir, 'budgets.csv', [
    budgetRow({ ref: 'CBA-1', partner: 'Council', partner_type: 'council', amount_gbp: '1234567.89', basis: 'population', year: '2025-26' }),
    budgetRow({ ref: 'CBA-2', partner: 'Police', partner_type: 'police', amount_gbp: '98765.43', basis: 'imd_score', year: '2025-26' }),
  ]);
  const imported = await cli('import-budgets', project, budgets);
  expect(imported.stderr).toBe('');
  const proxies = parseCsv((await cli('proxies', project)).stdout);
  wards = proxies.slice(1, 4).map((r) => r[0]!);
  expect((await cli('neighbourhood', project, '--name', 'North', '--wards', wards.join(','))).code).toBe(0);
}, 120_000);

describe('cba', () => {
  it('prints exactly the issue\'s fields, with the baseline drawn from the lines\' neighbourhood amounts', async () => {
    const r = await cli('cba', project, '--proposal', writeJson('hub.json', proposal()), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'pv_costs_pence', 'pv_benefits_pence', 'npv_pence', 'bcr_fiscal', 'bcr_all', 'roi', 'payback_year',
      'baseline_drawn_pence', 'years', 'by_partner', 'sensitivity',
    ]);
    // The worked one-year example's figures (worked-examples.test.ts).
    expect(out).toMatchObject({
      pv_costs_pence: 1_100_000,
      pv_benefits_pence: { total: 1_440_000, fiscal: 1_440_000, economic: 0, social: 0 },
      npv_pence: 340_000,
      bcr_fiscal: 1.3091,
      bcr_all: 1.3091,
      roi: 0.3091,
      payback_year: 0,
      years: [{ year: 0, costs_pence: 1_100_000, benefits_pence: 1_440_000 }],
      sensitivity: { low_npv_pence: -240_000, high_npv_pence: 1_000_000 },
    });
    expect(out.by_partner.map((p: { partner: string }) => p.partner)).toEqual(['Council', 'Police']);
    // Baseline drawn: from `allocate`, each line's amounts in the neighbourhood's wards,
    // × 25% and × 12.5%, added exactly and rounded once (half up).
    const rows = parseCsv((await cli('allocate', project)).stdout).slice(1);
    const inN = (ref: string) => rows.filter((x) => x[0] === ref && wards.includes(x[1]!)).reduce((s, x) => s + Number(x[2]), 0);
    const eighths = inN('CBA-1') * 2 + inN('CBA-2'); // 25% = 2/8, 12.5% = 1/8
    expect(inN('CBA-1')).toBeGreaterThan(0);
    expect(out.baseline_drawn_pence).toBe(Math.floor((eighths * 2 + 8) / 16));
    expect(r.stderr).toMatch(/note: .*own price year/);
  });

  it('saves a proposal with import-proposal, evaluates it by name, and audits it', async () => {
    const file = writeJson('saved.json', proposal({ name: 'Saved plan' }));
    const imp = await cli('import-proposal', project, file);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toBe('imported proposal Saved plan (North, 1 year)\n');
    const byName = await cli('cba', project, '--proposal', 'saved plan', '--json');
    const byFile = await cli('cba', project, '--proposal', file, '--json');
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toBe(byFile.stdout);
    const audit = withDb(project, (db) => db.prepare("SELECT action, ref, note FROM audit_log WHERE entity = 'proposal'").all());
    expect(audit).toEqual([{ action: 'create', ref: 'Saved plan', note: 'imported from saved.json' }]);
    const xlsx = join(dir, 'saved.xlsx');
    const wb = await cli('cba', project, '--proposal', 'Saved plan', '--xlsx', xlsx);
    expect(wb.code, wb.stderr).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a bad proposal with exit 1, the field named, and the project untouched', async () => {
    const before = state(project);
    const good = oneYearProposal([{ ref: 'CBA-1', share_pct: 25 }]);
    const bad = { ...good, outcomes: [{ ...good.outcomes![0]!, benefit_to: [{ partner: 'Police', share_pct: 60 }, { partner: 'Health', share_pct: 30 }] }] };
    const file = writeJson('bad.json', bad);
    for (const args of [['cba', project, '--proposal', file, '--json'], ['import-proposal', project, file]]) {
      const r = await cli(...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('bad.json:outcomes[0].benefit_to: shares add to 90, not 100');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    const unknownRef = await cli('cba', project, '--proposal', writeJson('ref.json', proposal({ draws_on: [{ ref: 'NOPE-9', share_pct: 10 }] })), '--json');
    expect(unknownRef.code).toBe(1);
    expect(unknownRef.stderr).toContain('ref.json:draws_on[0].ref: "NOPE-9" is not a line of this project');
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"name": ');
    const broken = await cli('cba', project, '--proposal', notJson, '--json');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json: is not valid JSON/);
    const missing = await cli('cba', project, '--proposal', 'No such plan', '--json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no proposal "No such plan"/);
    expect(state(project)).toEqual(before);
  });
});
