// Years and ward vintages (issue 15 items 3–6) through the real CLI: the year rule at
// import, roll-forward, convert (Kingston 2019 → 2024 checked by hand; 2024 → 2025 of an
// unchanged authority is the identity), compare with and without a price index.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { runCli } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { sha256File } from '../helpers/hash';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-years-');
let env: { SPENDMAP_DATA: string };
let dir: string;
const cli = (...args: string[]) => runCli(args, { env, timeoutMs: 120_000 });
const KINGSTON = 'E09000021';

function rows(db: string, sql: string): unknown[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all();
  } finally {
    d.close();
  }
}

/** A 2019-ward Kingston project for 2023-24: a population line, a direct line, a site line; Norbiton. */
async function kingston2019(name: string): Promise<string> {
  const p = join(dir, name);
  expect((await cli('new', p, '--la', KINGSTON, '--pack', 'wards2019', '--year', '2023-24')).code).toBe(0);
  const budgets = writeBudgetCsv(dir, `${name}-budgets.csv`, [
    budgetRow({ ref: 'P-1', amount_gbp: '120000', basis: 'population', status: 'aligned' }),
    budgetRow({ ref: 'D-1', amount_gbp: '1555.55', basis: 'direct' }),
    budgetRow({ ref: 'S-1', partner: 'Kingston Council', partner_type: 'council', amount_gbp: '5000', basis: 'site', site_ward: 'E05000406' }),
  ]);
  const imp = await cli('import-budgets', p, budgets);
  expect(imp.code, imp.stderr).toBe(0);
  const direct = join(dir, `${name}-direct.csv`);
  writeFileSync(direct, 'ref,ward_code,amount_gbp\nD-1,E05000406,1000.00\nD-1,E05000409,555.55\n');
  expect((await cli('import-direct', p, direct)).code).toBe(0);
  expect((await cli('neighbourhood', p, '--name', 'Norbiton', '--wards', 'E05000409')).code).toBe(0);
  return p;
}

let base: string;
beforeAll(async () => {
  dir = tmp();
  env = { SPENDMAP_DATA: tmp() };
  base = await kingston2019('k2019.spendmap');
}, 300_000);

describe('the year rule', () => {
  it("refuses a line of another year at import, naming file:row:year; nothing is imported", async () => {
    const bad = writeBudgetCsv(dir, 'other-year.csv', [budgetRow({ ref: 'Y-1' }), budgetRow({ ref: 'Y-2', year: '2022-23' })]);
    const before = sha256File(base);
    const r = await cli('import-budgets', base, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/other-year\.csv:3:year: .*"2022-23" is not this project's year 2023-24/);
    expect(sha256File(base)).toBe(before);
  });
});

describe('roll-forward', () => {
  let next: string;
  it('writes next year with the same lines marked to confirm; the source file is untouched (hash)', async () => {
    next = join(dir, 'k2024.spendmap');
    const before = sha256File(base);
    const r = await cli('roll-forward', base, '--year', '2024-25', '--out', next);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/3 lines carried forward/);
    expect(sha256File(base)).toBe(before);
    expect(rows(next, 'SELECT year FROM project')).toEqual([{ year: '2024-25' }]);
    expect(rows(next, 'SELECT ref, amount_pence AS a, year, to_confirm AS c FROM spend_lines ORDER BY ref')).toEqual([
      { ref: 'D-1', a: 155_555, year: '2024-25', c: 'carried forward from 2023-24 — to confirm' },
      { ref: 'P-1', a: 12_000_000, year: '2024-25', c: 'carried forward from 2023-24 — to confirm' },
      { ref: 'S-1', a: 500_000, year: '2024-25', c: 'carried forward from 2023-24 — to confirm' },
    ]);
    // Direct figures are marked as last year's.
    expect(rows(next, 'SELECT DISTINCT year FROM direct_figures')).toEqual([{ year: '2023-24' }]);
  });

  it('then compare shows zero change in every figure', async () => {
    const r = await cli('compare', base, next, '--neighbourhood', 'Norbiton', '--json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    const figures = (s: Record<string, unknown>) => ({ t: s.total_pence, h: s.per_head_gbp, i: s.influenceable_pence, c: s.confidence_pence, s: s.status_pence });
    expect(figures(c.b)).toEqual(figures(c.a));
    expect(c.a.total_pence).toBeGreaterThan(0);
    expect(c.lines).toEqual([]);
    expect(c.partners.every((p: { change_pence: number }) => p.change_pence === 0)).toBe(true);
    expect(c.a.status_pence.aligned).toBeGreaterThan(0);
    // Each file's figures are the summary's.
    const s = JSON.parse((await cli('summary', base, '--neighbourhood', 'Norbiton', '--json')).stdout);
    expect(figures(c.a)).toEqual(figures(s));
    expect(Object.values(s.status_pence as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(s.total_pence);
  });

  it('with --index gives b in a\'s prices, half up to the penny; a year missing from the index is refused (exit 1)', async () => {
    const index = join(dir, 'index.csv');
    writeFileSync(index, 'year,index\n2023-24,100\n2024-25,103\n');
    const r = await cli('compare', base, next, '--neighbourhood', 'Norbiton', '--json', '--index', index);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    const inA = (p: number) => Number((BigInt(p) * 200n + 103n) / 206n); // p × 100/103, half up
    expect(c.b_in_a_prices.total_pence).toBe(inA(c.b.total_pence));
    expect(c.b_in_a_prices.status_pence.aligned).toBe(inA(c.b.status_pence.aligned));
    writeFileSync(index, 'year,index\n2023-24,100\n');
    const missing = await cli('compare', base, next, '--neighbourhood', 'Norbiton', '--json', '--index', index);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no row for 2024-25/);
  });

  it('refuses a year not after the project\'s (exit 1, nothing written); no --out is wrong usage (exit 2)', async () => {
    const out = join(dir, 'bad.spendmap');
    const r = await cli('roll-forward', base, '--year', '2022-23', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not after the project's year 2023-24/);
    expect(existsSync(out)).toBe(false);
    expect((await cli('roll-forward', base, '--year', '2024-25')).code).toBe(2);
  });
});

describe('convert', () => {
  it('Kingston 2019 → 2024: the Norbiton report row and the direct figures by hand; every line total kept', async () => {
    const out = join(dir, 'k2019-on-2024.spendmap');
    const report = join(dir, 'report.csv');
    const before = sha256File(base);
    const r = await cli('convert', base, '--pack', 'wards2024', '--out', out, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(sha256File(base)).toBe(before);
    const csv = parseCsv(readFileSync(report, 'utf8'));
    expect(csv[0]).toEqual(['old_ward', 'new_ward', 'weight', 'share']);
    // Norbiton (E05000409) goes whole to the 2024 Norbiton (E05013941): 11,183 Census 2021 residents.
    expect(csv.filter((x) => x[0] === 'E05000409')).toEqual([['E05000409', 'E05013941', '11183', '1']]);
    expect(csv.find((x) => x[0] === 'Norbiton')).toEqual(['Norbiton', 'E05000409', 'E05013941']);
    // Coombe Hill (E05000406) splits 6987 : 3090 between E05013932 and E05013937:
    // £1,000 × 6987/10077 = £693.3611… → 69,336p; × 3090/10077 = 30,663.89… → 30,664p (largest remainder).
    expect(rows(out, "SELECT ward_code AS w, amount_pence AS p FROM direct_figures ORDER BY ward_code")).toEqual([
      { w: 'E05013932', p: 69_336 },
      { w: 'E05013937', p: 30_664 },
      { w: 'E05013941', p: 55_555 },
    ]);
    expect(rows(out, "SELECT site_ward AS w, to_confirm IS NOT NULL AS flagged FROM spend_lines WHERE ref = 'S-1'")).toEqual([{ w: 'E05013932', flagged: 1 }]);
    expect(rows(out, 'SELECT pack_id FROM project')).toEqual([{ pack_id: 'wards2024' }]);
    // Every line's total and the borough total kept to the penny.
    const alloc = await cli('allocate', out);
    expect(alloc.code, alloc.stderr).toBe(0);
    const split = parseCsv(alloc.stdout).slice(1);
    const sum = (ref: string) => split.filter((x) => x[0] === ref).reduce((s, x) => s + Number(x[2]), 0);
    expect([sum('P-1'), sum('D-1'), sum('S-1')]).toEqual([12_000_000, 155_555, 500_000]);
  });

  it('refuses a pack with no crosswalk (exit 1, nothing written); no --pack is wrong usage (exit 2)', async () => {
    const out = join(dir, 'nope.spendmap');
    const r = await cli('convert', base, '--pack', 'wards2019', '--out', out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect((await cli('convert', base, '--out', out)).code).toBe(2);
  });

  it('2024 → 2025 for an authority with no boundary change (Hartlepool) is the identity', async () => {
    const p = join(dir, 'h2024.spendmap');
    expect((await cli('new', p, '--la', 'E06000001', '--pack', 'wards2024', '--year', '2024-25')).code).toBe(0);
    const wards = rows(p, 'SELECT code FROM wards ORDER BY code').map((w) => (w as { code: string }).code);
    const direct = join(dir, 'h-direct.csv');
    const budgets = writeBudgetCsv(dir, 'h-budgets.csv', [budgetRow({ ref: 'D-1', amount_gbp: '1000', basis: 'direct', year: '2024-25' })]);
    expect((await cli('import-budgets', p, budgets)).code).toBe(0);
    writeFileSync(direct, 'ref,ward_code,amount_gbp\n' + wards.map((w, i) => `D-1,${w},${i === 0 ? '1000' : '0'}`).join('\n') + '\n');
    expect((await cli('import-direct', p, direct)).code).toBe(0);
    expect((await cli('neighbourhood', p, '--name', 'North', '--wards', wards.slice(0, 3).join(','))).code).toBe(0);
    const out = join(dir, 'h2025.spendmap');
    const r = await cli('convert', p, '--pack', 'wards2025', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(out, 'SELECT code FROM wards ORDER BY code').map((w) => (w as { code: string }).code)).toEqual(wards);
    const figs = 'SELECT ward_code, amount_pence FROM direct_figures WHERE amount_pence > 0 ORDER BY ward_code';
    expect(rows(out, figs)).toEqual(rows(p, figs));
    const nb = 'SELECT ward_code FROM neighbourhood_wards ORDER BY ward_code';
    expect(rows(out, nb)).toEqual(rows(p, nb));
  });
});

describe('compare', () => {
  it('refuses two authorities (exit 1) and lists added, removed and changed lines by ref', async () => {
    const other = join(dir, 'other-la.spendmap');
    expect((await cli('new', other, '--la', 'E09000030', '--pack', 'wards2019', '--year', '2023-24')).code).toBe(0);
    const r = await cli('compare', base, other, '--neighbourhood', 'Norbiton', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/same authority/);
    expect((await cli('compare', base, other, '--neighbourhood', 'Norbiton')).code).toBe(2);

    const next = join(dir, 'k2024b.spendmap');
    expect((await cli('roll-forward', base, '--year', '2024-25', '--out', next)).code).toBe(0);
    const d = new Database(next);
    d.prepare("UPDATE spend_lines SET amount_pence = 13000000 WHERE ref = 'P-1'").run();
    d.prepare("UPDATE spend_lines SET status = 'pooled' WHERE ref = 'S-1'").run();
    d.prepare("DELETE FROM direct_figures WHERE line_id = (SELECT id FROM spend_lines WHERE ref = 'D-1')").run();
    d.prepare("DELETE FROM spend_lines WHERE ref = 'D-1'").run();
    d.close();
    const c = JSON.parse((await cli('compare', base, next, '--neighbourhood', 'Norbiton', '--json')).stdout);
    expect(c.lines.map((l: { ref: string; change: string }) => [l.ref, l.change])).toEqual([
      ['D-1', 'removed'],
      ['P-1', 'amount'],
      ['S-1', 'status'],
    ]);
    expect(c.b.total_pence - c.a.total_pence).toBe(c.partners.reduce((s: number, p: { change_pence: number }) => s + p.change_pence, 0));
  });
});
