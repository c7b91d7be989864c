// The CLI contract (docs/cli.md), driven as a user drives it: real processes, real
// files, exit codes, exact headers, and "nothing changed" when input is refused.
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetRow, CANONICAL_HEADER, writeBudgetCsv } from '../helpers/budget';
import { runCli, type CliResult } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { dumpHash, tableCounts, withDb } from '../helpers/db';
import { sha256, sha256File } from '../helpers/hash';
import { lookupWards } from '../helpers/official';
import { resourcesDir } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-cli-');
let env: { SPENDMAP_DATA: string };
const cli = (...args: string[]) => runCli(args, { env });

const KINGSTON = 'E09000021';
// The 8 standard proxies of every pack, then the Census 2021 and schools ones of the LSOA 2021 packs (docs/method.md).
const PROXIES_HEADER =
  'ward_code,ward_name,population,children_0_15,adults_16_59,older_60_plus,working_age,income_deprived,employment_deprived,imd_score,' +
  'households,disabled_residents,deprived_households,social_rented_households,overcrowded_households,school_pupils';

interface PackFile {
  title: string;
  authorities: [string, string][];
  wards: [string, string, number, ...(number | null)[]][];
}
const pack = (id: string) => JSON.parse(readFileSync(join(resourcesDir, 'reference', `${id}.json`), 'utf8')) as PackFile;

/** No stack trace and no raw exception text on stderr. */
function expectNoStackTrace(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m);
  expect(r.stderr).not.toMatch(/\b(TypeError|ReferenceError|SqliteError|Error):/);
}

/** A project file's state, seen from outside: file bytes, table counts and a dump of every row. */
function state(path: string) {
  const fileSha = sha256File(path);
  const { counts, dump } = withDb(path, (db) => ({ counts: tableCounts(db), dump: dumpHash(db) }));
  return { fileSha, counts, dump };
}

beforeAll(() => {
  env = { SPENDMAP_DATA: tmp() };
});

describe('reference-packs and authorities', () => {
  it('reference-packs lists every pack as id,title,wards', async () => {
    const r = await cli('reference-packs');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [header, ...rows] = parseCsv(r.stdout);
    expect(r.stdout.split('\n')[0]).toBe('id,title,wards');
    expect(header).toEqual(['id', 'title', 'wards']);
    expect(rows).toEqual(
      ['wards2019', 'wards2024', 'wards2025'].map((id) => [id, pack(id).title, String(pack(id).wards.length)]),
    );
  });

  it('authorities --pack wards2024 lists every authority with its ward count', async () => {
    const r = await cli('authorities', '--pack', 'wards2024');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')[0]).toBe('lad_code,lad_name,wards');
    const [, ...rows] = parseCsv(r.stdout);
    const p = pack('wards2024');
    expect(rows).toHaveLength(p.authorities.length);
    expect(rows.find((x) => x[0] === KINGSTON)).toEqual([KINGSTON, 'Kingston upon Thames', '19']);
    expect(rows.find((x) => x[0] === 'E06000010')?.[1]).toBe('Kingston upon Hull, City of'); // a name with a comma survives
    expect(rows.reduce((s, x) => s + Number(x[2]), 0)).toBe(p.wards.length);
    expect(rows.map((x) => x[0])).toEqual([...rows.map((x) => x[0])].sort());
  });

  it('refuses an unknown pack (exit 1) and a missing --pack (exit 2, usage)', async () => {
    const [unknown, missing] = await Promise.all([cli('authorities', '--pack', 'wards1999'), cli('authorities')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/wards1999/);
    expect(unknown.stderr).toMatch(/wards2019, wards2024/);
    expect(unknown.stdout).toBe('');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--pack is required/);
    expect(missing.stderr).toMatch(/Usage: spendmap authorities --pack <id>/);
    expectNoStackTrace(unknown);
    expectNoStackTrace(missing);
  });
});

describe('new', () => {
  it('creates a project, refuses to overwrite it without --force, and replaces it with --force', async () => {
    const dir = tmp();
    const path = join(dir, 'Kingston.spendmap');
    const created = await cli('new', path, '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-24');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created Kingston\.spendmap: Kingston upon Thames \(E09000021\), 2023-24, 19 wards from wards2024\n$/);
    expect(withDb(path, (db) => db.prepare('SELECT code FROM wards ORDER BY code').pluck().all())).toEqual(
      lookupWards('wards2024', KINGSTON).map((w) => w.code),
    );

    const before = sha256File(path);
    const again = await cli('new', path, '--la', KINGSTON, '--pack', 'wards2019', '--year', '2019-20');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(again.stderr).toMatch(/--force/);
    expect(again.stdout).toBe('');
    expectNoStackTrace(again);
    expect(sha256File(path)).toBe(before);

    const forced = await cli('new', path, '--la', KINGSTON, '--pack', 'wards2019', '--year', '2019-20', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/16 wards from wards2019/);
    expect(withDb(path, (db) => db.prepare('SELECT COUNT(*) FROM wards').pluck().get())).toBe(16);
  });

  it('refuses bad input with exit 1 and wrong usage with exit 2, creating nothing', async () => {
    const dir = tmp();
    const p = (n: string) => join(dir, `${n}.spendmap`);
    const [unknownLa, badYear, missingLa, unknownOption, noPath] = await Promise.all([
      cli('new', p('a'), '--la', 'E09999999', '--pack', 'wards2024', '--year', '2023-24'),
      cli('new', p('b'), '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-2024'),
      cli('new', p('c'), '--pack', 'wards2024', '--year', '2023-24'),
      cli('new', p('d'), '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-24', '--colour', 'blue'),
      cli('new', '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-24'),
    ]);
    expect(unknownLa.code).toBe(1);
    expect(unknownLa.stderr).toMatch(/"E09999999" is not a local authority in the wards2024 pack/);
    expect(badYear.code).toBe(1);
    expect(badYear.stderr).toMatch(/--year: "2023-2024" is not a financial year/);
    for (const r of [missingLa, unknownOption, noPath]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Usage: spendmap new <project\.spendmap> --la <LAD code>/);
    }
    expect(missingLa.stderr).toMatch(/--la is required/);
    expect(unknownOption.stderr).toMatch(/--colour/);
    expect(noPath.stderr).toMatch(/missing <project\.spendmap>/);
    for (const r of [unknownLa, badYear, missingLa, unknownOption, noPath]) {
      expect(r.stdout).toBe('');
      expectNoStackTrace(r);
    }
    for (const n of ['a', 'b', 'c', 'd']) expect(existsSync(p(n))).toBe(false);
  });

  it('answers an unknown command with exit 2 and the usage', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toMatch(/Usage: spendmap <command>/);
  });
});

describe('proxies and import-budgets on a Kingston 2024 project', () => {
  let path: string;
  let dir: string;

  beforeAll(async () => {
    dir = tmp();
    path = join(dir, 'k.spendmap');
    const r = await cli('new', path, '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-24');
    expect(r.code).toBe(0);
  });

  it('proxies prints the documented header and one row per ward, sorted, in full precision; --out writes the same', async () => {
    const out = join(dir, 'proxies.csv');
    const [printed, written] = await Promise.all([cli('proxies', path), cli('proxies', path, '--out', out)]);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout.split('\n')[0]).toBe(PROXIES_HEADER);
    const [, ...rows] = parseCsv(printed.stdout);
    const official = lookupWards('wards2024', KINGSTON);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(official.map((w) => [w.code, w.name]));
    const p = pack('wards2024');
    const byCode = new Map(p.wards.map((w) => [w[0], w]));
    for (const r of rows) {
      expect(r).toHaveLength(16);
      const w = byCode.get(r[0]!)!;
      for (let i = 0; i < 14; i++) {
        const value = w[3 + i] as number;
        expect({ ward: r[0], i, n: Number(r[2 + i]) }).toEqual({ ward: r[0], i, n: value }); // parses back exactly
        expect(r[2 + i]).toBe(String(value)); // shortest round-trip form
      }
    }
    expect(rows.find((r) => r[0] === 'E05013941')?.[2]).toBe('11794');
    expect(written).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });

  it('import-budgets imports a clean file and prints "imported N lines"', async () => {
    const demo = join(resourcesDir, 'demo', 'kingston-council-2023-24.csv');
    const expected = parseCsv(readFileSync(demo, 'utf8')).slice(1);
    const r = await cli('import-budgets', path, demo);
    expect(r).toMatchObject({ code: 0, stdout: `imported ${expected.length} lines\n`, stderr: '' });
    const amountCol = CANONICAL_HEADER.indexOf('amount_gbp');
    const total = expected.reduce((s, row) => s + Number(row[amountCol]) * 100, 0);
    expect(withDb(path, (db) => db.prepare('SELECT COUNT(*) AS n, SUM(amount_pence) AS total FROM spend_lines').get())).toEqual({
      n: expected.length,
      total,
    });
  });

  it('refuses a bad file with exit 1, file:row:column: messages, no stack trace, and the project unchanged', async () => {
    const bad = writeBudgetCsv(tmp(), 'budgets.csv', [
      budgetRow({ ref: 'P-1' }),
      budgetRow({ amount_gbp: '12,3x' }),
      null,
      budgetRow({ basis: 'site' }),
      budgetRow({ deprivation_weight: '2' }),
      budgetRow({ ref: 'KC-EDU' }), // already in the project (demo import above)
    ]);
    const before = state(path);
    const proxiesBefore = (await cli('proxies', path)).stdout;
    const r = await cli('import-budgets', path, bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectNoStackTrace(r);
    const lines = r.stderr.trimEnd().split('\n');
    const problemLines = lines.filter((l) => /^budgets\.csv:\d+:/.test(l));
    for (const l of problemLines) expect(l).toMatch(/^budgets\.csv:\d+:[a-z_]+: \S.*$/);
    expect(problemLines.map((l) => l.split(':').slice(1, 3).join(':'))).toEqual([
      '3:amount_gbp',
      '5:site_ward',
      '6:deprivation_weight',
      '7:ref',
    ]);
    expect(problemLines[0]).toBe('budgets.csv:3:amount_gbp: "12,3x" is not an amount in pounds. Use digits, e.g. 12300 or £12,300.50.');
    expect(lines.at(-1)).toMatch(/^budgets\.csv: 4 problems found; nothing was imported/);
    expect(state(path)).toEqual(before);
    expect(sha256((await cli('proxies', path)).stdout)).toBe(sha256(proxiesBefore));
  });

  it('import-budgets --units thousands reads amounts in £000 to the penny', async () => {
    const p = writeBudgetCsv(tmp(), 'thousands.csv', [budgetRow({ ref: 'T-1', amount_gbp: '12.34567' })]);
    const r = await cli('import-budgets', path, p, '--units', 'thousands');
    expect(r).toMatchObject({ code: 0, stdout: 'imported 1 lines\n' });
    expect(withDb(path, (db) => db.prepare("SELECT amount_pence FROM spend_lines WHERE ref = 'T-1'").pluck().get())).toBe(1_234_567);
  });

  it('import-budgets --sheet reads the named sheet of an xlsx; the first sheet is refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['Kingston Hospital return', 'see the Budget sheet']);
    const ws = wb.addWorksheet('Budget');
    ws.addRow([...CANONICAL_HEADER]);
    ws.addRow(CANONICAL_HEADER.map((h) => ({ ref: 'X-1', partner: 'Kingston Hospital', partner_type: 'health', amount_gbp: 2500.5, basis: 'population' })[h as string] ?? ''));
    ws.addRow(CANONICAL_HEADER.map((h) => ({ ref: 'X-2', partner: 'Kingston Hospital', partner_type: 'health', amount_gbp: 10, basis: 'even' })[h as string] ?? ''));
    const p = join(tmp(), 'return.xlsx');
    writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));

    const before = state(path);
    const first = await cli('import-budgets', path, p);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^return\.xlsx:1:A: "Kingston Hospital return" is not a column of the budget template/m);
    expectNoStackTrace(first);
    expect(state(path)).toEqual(before);

    const noSuchSheet = await cli('import-budgets', path, p, '--sheet', 'Budgets');
    expect(noSuchSheet.code).toBe(1);
    expect(noSuchSheet.stderr).toMatch(/no sheet "Budgets"\. Its sheets are: Notes, Budget\./);

    const r = await cli('import-budgets', path, p, '--sheet', 'Budget');
    expect(r).toMatchObject({ code: 0, stdout: 'imported 2 lines\n' });
    expect(withDb(path, (db) => db.prepare("SELECT ref, amount_pence FROM spend_lines WHERE ref LIKE 'X-%' ORDER BY ref").all())).toEqual([
      { ref: 'X-1', amount_pence: 250_050 },
      { ref: 'X-2', amount_pence: 1_000 },
    ]);
  });

  it('refuses an unknown --units with exit 2 and the usage, changing nothing', async () => {
    const p = writeBudgetCsv(tmp(), 'ok.csv', [budgetRow({ ref: 'U-1' })]);
    const before = state(path);
    const r = await cli('import-budgets', path, p, '--units', 'pence');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--units must be one of: pounds, thousands, millions/);
    expect(r.stderr).toMatch(/Usage: spendmap import-budgets <project> <file\.csv\|file\.xlsx>/);
    expectNoStackTrace(r);
    expect(state(path)).toEqual(before);
  });

  it('refuses a project file that is not a project, naming it, with exit 1', async () => {
    const notProject = join(tmp(), 'notes.spendmap');
    writeFileSync(notProject, 'just some notes\n');
    const p = writeBudgetCsv(tmp(), 'ok.csv', [budgetRow()]);
    const [r, missing] = await Promise.all([cli('import-budgets', notProject, p), cli('import-budgets', path, join(dir, 'missing.csv'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^notes\.spendmap: not a Spendmap project/m);
    expect(readFileSync(notProject, 'utf8')).toBe('just some notes\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing\.csv: no such file/);
    expectNoStackTrace(r);
    expectNoStackTrace(missing);
  });
});
