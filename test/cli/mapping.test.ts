// The issue-4 CLI commands (docs/cli.md): import-proxy, import-direct, neighbourhood,
// allocate and summary --json, driven as a user drives them — real processes on a real
// Kingston (2024 wards) project file — with every figure of `allocate` and `summary`
// worked out again here from the brief's formulas in exact BigInt arithmetic
// (test/helpers/exact-method.ts), from the shipped reference pack's ward values.
// The project is described in mapping-project.ts, the brief's figures in mapping-expected.ts.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBudgetCsv } from '../helpers/budget';
import { runCli, type CliResult } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { dumpDb, withDb } from '../helpers/db';
import { byCodePoint, decimal, pence, rat, roundHalfUp } from '../helpers/exact-method';
import { sha256File } from '../helpers/hash';
import { useTmpDirs } from '../helpers/tmp';
import { expectedSplit, expectedSummary, readAllocation, SUMMARY_KEYS, sumOf } from './mapping-expected';
import {
  budgetRows,
  CODES,
  CRIMES,
  CRIMES_MISSING,
  DIRECT,
  KINGSTON,
  KVA,
  LINES,
  NEIGHBOURHOODS,
  NEW_MALDEN,
  NORBITON,
  PUPILS,
  PUPILS_2,
  TOLWORTH,
  writeProxyCsv,
  writeRows,
  ZEROS,
} from './mapping-project';

const tmp = useTmpDirs('spendmap-cli-mapping-');
let env: { SPENDMAP_DATA: string };
const cli = (...args: string[]) => runCli(args, { env });

function expectNoStackTrace(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m);
  expect(r.stderr).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SqliteError|Error):/);
}

/** The project file's bytes and every row of every table. */
function snapshot(path: string) {
  return { sha: sha256File(path), wal: existsSync(`${path}-wal`), dump: withDb(path, (db) => dumpDb(db)) };
}

/** A copy of a (closed) project file. */
function copyProject(from: string, name: string): string {
  expect(existsSync(`${from}-wal`)).toBe(false);
  const to = join(tmp(), name);
  copyFileSync(from, to);
  return to;
}

/** "<file>:<row>:<column>" of each problem line on stderr. */
const problemsOn = (stderr: string, file: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith(`${file}:`) && /^[^:]+:\d+:/.test(l))
    .map((l) => l.split(':').slice(1, 3).join(':'));

beforeAll(() => {
  env = { SPENDMAP_DATA: tmp() };
});

// ---------------------------------------------------------------------------------

describe('a hand-made Kingston project, built with the CLI and checked against the brief', () => {
  let dir: string;
  let path: string;
  let allocateText = '';
  const custom = { pupils: PUPILS, crimes: CRIMES, zeros: ZEROS };
  const reasons = {
    'C-DIR0': expect.stringMatching(/no ward figures/),
    'P-CRIME': expect.stringMatching(new RegExp(`"crimes".*${CRIMES_MISSING[0]}.*${CRIMES_MISSING[1]}`)),
    'Z-ZERO': expect.stringMatching(/Σ weight is 0/),
  };

  beforeAll(async () => {
    dir = tmp();
    path = join(dir, 'hand-made.spendmap');
    const r = await cli('new', path, '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-24');
    expect(r.code, r.stderr).toBe(0);
  });

  it('import-proxy adds a custom proxy for every ward, keeping --source', async () => {
    const file = writeProxyCsv(dir, 'pupils.csv', PUPILS);
    const r = await cli('import-proxy', path, file, '--name', 'pupils', '--source', 'School census Jan 2024');
    expect(r).toEqual({ code: 0, stdout: 'imported proxy pupils: 19 wards\n', stderr: '' });
    expect(withDb(path, (db) => db.prepare("SELECT source, custom FROM proxies WHERE name = 'pupils'").all())).toEqual([
      { source: 'School census Jan 2024', custom: 1 },
    ]);
  });

  it('import-proxy warns on stderr, listing the wards without a value, and still imports (exit 0)', async () => {
    const file = writeProxyCsv(dir, 'crimes.csv', CRIMES);
    const r = await cli('import-proxy', path, file, '--name', 'crimes');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('imported proxy crimes: 17 wards\n');
    expect(r.stderr).toMatch(/^warning: /);
    expect(r.stderr).toContain(CRIMES_MISSING.join(', '));
    expect(r.stderr.match(/E05\d{6}/g)).toEqual(CRIMES_MISSING);
    const zeros = await cli('import-proxy', path, writeProxyCsv(dir, 'zeros.csv', ZEROS), '--name', 'zeros');
    expect(zeros).toEqual({ code: 0, stdout: 'imported proxy zeros: 19 wards\n', stderr: '' });
  });

  it('proxies shows the custom proxies after the standard ones, blank where a ward has no value', async () => {
    const r = await cli('proxies', path);
    expect(r.code).toBe(0);
    const [header, ...rows] = parseCsv(r.stdout);
    expect(header!.slice(-3)).toEqual(['pupils', 'crimes', 'zeros']);
    expect(rows.map((row) => row[0])).toEqual(CODES);
    const [pupils, crimes, zeros] = ['pupils', 'crimes', 'zeros'].map((n) => header!.indexOf(n));
    for (const row of rows) {
      const code = row[0]!;
      expect(Number(row[pupils!]), code).toBe(Number(PUPILS[code]!.replace(/,/g, '')));
      expect(row[crimes!], code).toBe(CRIMES[code] ?? '');
      expect(row[zeros!], code).toBe('0');
    }
  });

  it('import-budgets takes the lines (basis = a custom proxy too)', async () => {
    const file = writeBudgetCsv(dir, 'lines.csv', budgetRows(LINES));
    const r = await cli('import-budgets', path, file);
    expect(r).toMatchObject({ code: 0, stdout: `imported ${LINES.length} lines\n` });
  });

  it('import-direct stores the ward figures, warns for figures that do not add up and for a line that is not direct', async () => {
    const file = writeRows(dir, 'ward-figures.csv', [['ref', 'ward_code', 'amount_gbp'], ...DIRECT]);
    const r = await cli('import-direct', path, file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('imported 6 ward figures for 3 lines\n');
    const warnings = r.stderr.trimEnd().split('\n');
    for (const w of warnings) expect(w).toMatch(/^warning: /);
    expect(warnings).toContain('warning: H-DIRX: ward figures add up to £4,999.99, the line is £5,000.00 (short by £0.01)');
    expect(warnings.filter((w) => /not "direct"/.test(w))).toEqual([expect.stringMatching(/^warning: the basis of C-POP is not "direct"/)]);
    // H-DIR adds up: no warning names it.
    expect(warnings.filter((w) => /\bH-DIR\b/.test(w))).toEqual([]);
    expect(
      withDb(path, (db) =>
        db.prepare('SELECT l.ref, d.ward_code, d.amount_pence FROM direct_figures d JOIN spend_lines l ON l.id = d.line_id ORDER BY l.ref, d.ward_code').all(),
      ),
    ).toEqual(
      [...DIRECT]
        .sort((a, b) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]))
        .map(([ref, ward, gbp]) => ({ ref, ward_code: ward, amount_pence: Number(pence(gbp)) })),
    );
  });

  it('neighbourhood creates neighbourhoods of one and of two wards', async () => {
    // One after the other: two processes writing one project at once is another matter (see test/backend/busy-writer.test.ts).
    const run = (n: (typeof NEIGHBOURHOODS)[number]) => cli('neighbourhood', path, '--name', n.name, '--wards', [...n.wards].reverse().join(','));
    const one = await run(NEIGHBOURHOODS[0]!);
    const two = await run(NEIGHBOURHOODS[1]!);
    expect(one).toEqual({ code: 0, stdout: `neighbourhood Norbiton: 1 ward (${NORBITON})\n`, stderr: '' });
    expect(two).toEqual({ code: 0, stdout: `neighbourhood Norbiton & New Malden: 2 wards (${NEW_MALDEN}, ${NORBITON})\n`, stderr: '' });
    expect(
      withDb(path, (db) =>
        db.prepare('SELECT n.name, w.ward_code FROM neighbourhoods n JOIN neighbourhood_wards w ON w.neighbourhood_id = n.id ORDER BY n.name, w.ward_code').all(),
      ),
    ).toEqual([
      { name: 'Norbiton', ward_code: NORBITON },
      { name: 'Norbiton & New Malden', ward_code: NEW_MALDEN },
      { name: 'Norbiton & New Malden', ward_code: NORBITON },
    ]);
  });

  it('allocate prints every allocated line × every ward, to the penny of the brief, and names the unallocated lines', async () => {
    const out = join(dir, 'allocation.csv');
    const [printed, written] = await Promise.all([cli('allocate', path), cli('allocate', path, '--out', out)]);
    expect(printed.code, printed.stderr).toBe(0);
    allocateText = printed.stdout;
    const got = readAllocation(printed.stdout);

    const allocated = LINES.filter((l) => expectedSplit(l, custom) !== null);
    expect([...got.keys()], 'allocated lines, in code-point order of ref').toEqual(allocated.map((l) => l.ref).sort(byCodePoint));
    expect([...got.keys()].at(-1)).toBe('b-even0');
    expect(printed.stdout.trimEnd().split('\n')).toHaveLength(1 + allocated.length * CODES.length);
    for (const line of allocated) {
      const amounts = got.get(line.ref)!;
      expect(amounts.map(String), line.ref).toEqual(expectedSplit(line, custom)!.map(String));
      if (line.basis !== 'direct') expect(sumOf(amounts), `${line.ref} adds up to its amount`).toBe(pence(line.gbp));
      if (line.basis !== 'site' && line.basis !== 'direct') expect(amounts.filter((a) => a === 0n), line.ref).toEqual([]);
    }
    // Direct figures are used as given: H-DIRX's add up to a penny less than the line.
    expect(sumOf(got.get('H-DIRX')!)).toBe(pence('4999.99'));
    // Site: everything in the site ward, zeros elsewhere, still listed.
    expect(got.get('V-SITE')!.filter((a) => a !== 0n)).toEqual([pence('12345.65')]);
    // even at β = 0: 100001 = 19 × 5263 + 4, the 4 pennies to the 4 lowest ward codes.
    expect(got.get('b-even0')!.map(Number)).toEqual(CODES.map((_, i) => (i < 4 ? 5264 : 5263)));
    // Figures for a line that is not direct are not used: C-POP is shared by population.
    expect(got.get('C-POP')![0]).not.toBe(pence('99.99'));

    const stderr = printed.stderr.trimEnd().split('\n');
    expect(stderr.map((l) => l.split(':')[0] + ':' + l.split(':')[1])).toEqual([
      'not allocated: C-DIR0',
      'not allocated: P-CRIME',
      'not allocated: Z-ZERO',
      'flagged: H-DIRX',
    ]);
    expect(stderr[1]).toMatch(/crimes/);
    // The direct line whose figures do not add up is flagged with the difference.
    expect(stderr[3]).toBe("flagged: H-DIRX: its ward figures are £0.01 short of the line's amount");

    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe(printed.stderr);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });

  it('summary --json prints exactly the fields of docs/cli.md, in order, with the brief\'s figures', async () => {
    const results = await Promise.all(NEIGHBOURHOODS.map((n) => cli('summary', path, '--neighbourhood', n.name, '--json')));
    NEIGHBOURHOODS.forEach((n, i) => {
      const r = results[i]!;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.endsWith('}\n')).toBe(true);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
      const s = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(s)).toEqual(SUMMARY_KEYS);
      expect(Object.keys(s.confidence_pence as object)).toEqual(['green', 'amber', 'red']);
      expect(Object.keys(s.sensitivity as object)).toEqual(['low_pence', 'high_pence']);
      for (const p of s.by_partner as object[]) expect(Object.keys(p)).toEqual(['partner', 'total_pence', 'influenceable_pence']);
      for (const u of s.unallocated as object[]) expect(Object.keys(u)).toEqual(['ref', 'reason']);
      const expected = expectedSummary(n, LINES, custom, reasons);
      expect(s).toEqual(expected);
      // The half-up rounding of one partner's influence-able (617282.5 → 617283).
      expect((s.by_partner as { partner: string; influenceable_pence: number }[]).find((p) => p.partner === KVA)?.influenceable_pence).toBe(617283);
      const total = s.total_pence as number;
      const conf = s.confidence_pence as { green: number; amber: number; red: number };
      expect(conf.green + conf.amber + conf.red).toBe(total);
      const range = s.sensitivity as { low_pence: number; high_pence: number };
      expect(range.low_pence).toBeLessThanOrEqual(total);
      expect(range.high_pence).toBeGreaterThanOrEqual(total);
      expect(range.high_pence).toBeGreaterThan(range.low_pence);
    });
    // The neighbourhood total is the sum of allocate's rows for its wards.
    const alloc = readAllocation(allocateText);
    for (const [i, n] of NEIGHBOURHOODS.entries()) {
      const idx = n.wards.map((c) => CODES.indexOf(c));
      const fromAllocate = [...alloc.values()].reduce((s, a) => s + idx.reduce((t, j) => t + a[j]!, 0n), 0n);
      expect(JSON.parse(results[i]!.stdout).total_pence).toBe(Number(fromAllocate));
    }
  });

  describe('refusals change nothing', () => {
    it('import-proxy: unknown ward, duplicate ward, non-number, negative, blank value → exit 1, each named file:row:column', async () => {
      const before = snapshot(path);
      const file = writeRows(tmp(), 'claims.csv', [
        ['ward_code', 'value'],
        ['E05099999', '10'],
        [CODES[0]!, '5'],
        [CODES[0]!, '6'],
        [CODES[1]!, '12a'],
        [CODES[2]!, '-3'],
        [CODES[3]!, ''],
        [CODES[4]!, '1,234.5'],
      ]);
      const r = await cli('import-proxy', path, file, '--name', 'claimants');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expectNoStackTrace(r);
      expect(problemsOn(r.stderr, 'claims.csv')).toEqual(['2:ward_code', '4:ward_code', '5:value', '6:value', '7:value']);
      expect(r.stderr).toMatch(/^claims\.csv:2:ward_code: "E05099999" is not a ward of this project/m);
      expect(r.stderr).toMatch(/^claims\.csv:4:ward_code: .*row 3/m);
      expect(r.stderr).toMatch(/^claims\.csv:5:value: "12a" is not a number/m);
      expect(r.stderr).toMatch(/^claims\.csv:6:value: "-3" is negative/m);
      expect(r.stderr).toMatch(/^claims\.csv:7:value: is blank/m);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^claims\.csv: 5 problems found; nothing was imported/);
      expect(snapshot(path)).toEqual(before);
    });

    it('import-proxy: a standard proxy name or a bad name is refused (exit 1); no --name is wrong usage (exit 2)', async () => {
      const before = snapshot(path);
      const file = writeProxyCsv(tmp(), 'values.csv', PUPILS_2);
      const [standard, bad, missing] = await Promise.all([
        cli('import-proxy', path, file, '--name', 'population'),
        cli('import-proxy', path, file, '--name', 'crime rate'),
        cli('import-proxy', path, file),
      ]);
      for (const r of [standard, bad]) {
        expect(r.code, r.stderr).toBe(1);
        expect(r.stdout).toBe('');
        expectNoStackTrace(r);
      }
      expect(standard.stderr).toMatch(/"population" is a standard name/);
      expect(bad.stderr).toMatch(/"crime rate" cannot name a proxy/);
      expect(missing.code).toBe(2);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(/--name is required/);
      expect(missing.stderr).toMatch(/Usage: spendmap import-proxy <project> <file\.csv> --name <name>/);
      expect(snapshot(path)).toEqual(before);
    });

    it('import-direct: unknown ref, unknown ward, duplicate pair, bad amount → exit 1, each named file:row:column', async () => {
      const before = snapshot(path);
      const file = writeRows(tmp(), 'figures.csv', [
        ['ref', 'ward_code', 'amount_gbp'],
        ['H-DIR', CODES[0]!, '1.00'],
        ['NO-SUCH', CODES[1]!, '3'],
        ['H-DIR', 'E05099999', '3'],
        ['H-DIR', CODES[2]!, '2'],
        ['H-DIRX', CODES[2]!, '2'],
        ['H-DIR', CODES[2]!, '9'],
        ['H-DIR', CODES[3]!, '12,3x'],
        ['H-DIR', CODES[4]!, '-5'],
        ['H-DIR', CODES[5]!, '1.005'],
      ]);
      const [r, usage] = await Promise.all([cli('import-direct', path, file), cli('import-direct', path)]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expectNoStackTrace(r);
      expect(problemsOn(r.stderr, 'figures.csv')).toEqual(['3:ref', '4:ward_code', '7:ward_code', '8:amount_gbp', '9:amount_gbp', '10:amount_gbp']);
      expect(r.stderr).toMatch(/^figures\.csv:3:ref: "NO-SUCH"/m);
      expect(r.stderr).toMatch(/^figures\.csv:4:ward_code: "E05099999" is not a ward of this project/m);
      expect(r.stderr).toMatch(/^figures\.csv:7:ward_code: .*row 5/m);
      expect(r.stderr).toMatch(/^figures\.csv:8:amount_gbp: "12,3x" is not an amount in pounds/m);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^figures\.csv: 6 problems found; nothing was imported/);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/missing <file\.csv>/);
      expect(usage.stderr).toMatch(/Usage: spendmap import-direct <project> <file\.csv>/);
      expect(snapshot(path)).toEqual(before);
    });

    it('neighbourhood: an unknown ward is refused (exit 1); no --wards is wrong usage (exit 2)', async () => {
      const before = snapshot(path);
      const [unknown, noWards] = await Promise.all([
        cli('neighbourhood', path, '--name', 'Norbiton', '--wards', `${NORBITON},E05099999`),
        cli('neighbourhood', path, '--name', 'Tolworth'),
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(/"E05099999" is not a ward of this project/);
      expectNoStackTrace(unknown);
      expect(noWards.code).toBe(2);
      expect(noWards.stdout).toBe('');
      expect(noWards.stderr).toMatch(/--wards is required/);
      expect(noWards.stderr).toMatch(/Usage: spendmap neighbourhood <project> --name <name> --wards <code,code,\.\.\.>/);
      expect(snapshot(path)).toEqual(before);
    });

    it('summary: an unknown neighbourhood is refused (exit 1); without --json it is wrong usage (exit 2)', async () => {
      const before = snapshot(path);
      const [unknown, noJson] = await Promise.all([
        cli('summary', path, '--neighbourhood', 'Poplar', '--json'),
        cli('summary', path, '--neighbourhood', 'Norbiton'),
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(/no neighbourhood "Poplar"/);
      expect(unknown.stderr).toMatch(/Norbiton, Norbiton & New Malden/);
      expectNoStackTrace(unknown);
      expect(noJson.code).toBe(2);
      expect(noJson.stdout).toBe('');
      expect(noJson.stderr).toMatch(/--json/);
      expect(noJson.stderr).toMatch(/Usage: spendmap summary <project> --neighbourhood <name> .*--json/);
      expect(snapshot(path)).toEqual(before);
    });
  });

  it('import-proxy replaces a custom proxy and neighbourhood replaces a neighbourhood\'s wards; allocate and summary follow', async () => {
    const copy = copyProject(path, 'replaced.spendmap');
    const proxy = await cli('import-proxy', copy, writeProxyCsv(tmp(), 'pupils-2025.csv', PUPILS_2), '--name', 'pupils');
    expect(proxy).toEqual({ code: 0, stdout: 'imported proxy pupils: 19 wards\n', stderr: '' });
    const n = await cli('neighbourhood', copy, '--name', 'Norbiton', '--wards', `${TOLWORTH},${NORBITON}`);
    expect(n).toEqual({ code: 0, stdout: `neighbourhood Norbiton: 2 wards (${NORBITON}, ${TOLWORTH})\n`, stderr: '' });

    expect(
      withDb(copy, (db) => ({
        pupils: db.prepare("SELECT v.ward_code, v.value FROM proxies p JOIN proxy_values v ON v.proxy_id = p.id WHERE p.name = 'pupils' ORDER BY v.ward_code").all(),
        neighbourhoods: db.prepare('SELECT name FROM neighbourhoods ORDER BY name').pluck().all(),
      })),
    ).toEqual({
      pupils: CODES.map((c) => ({ ward_code: c, value: Number(PUPILS_2[c]) })),
      neighbourhoods: ['Norbiton', 'Norbiton & New Malden'],
    });

    const [allocation, summary] = await Promise.all([cli('allocate', copy), cli('summary', copy, '--neighbourhood', 'Norbiton', '--json')]);
    const custom2 = { pupils: PUPILS_2, crimes: CRIMES, zeros: ZEROS };
    const got = readAllocation(allocation.stdout);
    const line = LINES.find((l) => l.ref === 'H-PUP')!;
    const now = expectedSplit(line, custom2)!;
    expect(got.get('H-PUP')!.map(String)).toEqual(now.map(String));
    expect(now.map(String)).not.toEqual(expectedSplit(line, custom)!.map(String));
    expect(summary.code, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout)).toEqual(expectedSummary({ name: 'Norbiton', wards: [NORBITON, TOLWORTH] }, LINES, custom2, reasons));
  });
});

// Sanity of the independent arithmetic itself (cheap, no CLI).
describe('the exact arithmetic used above', () => {
  it('reads doubles as the decimals they print as, and rounds half up', () => {
    expect(decimal(0.1)).toEqual(rat(1n, 10n));
    expect(decimal(356.3824143904064)).toEqual(rat(3563824143904064n, 10n ** 13n));
    expect(decimal(1e-7)).toEqual(rat(1n, 10n ** 7n));
    expect(roundHalfUp(rat(5n, 2n))).toBe(3n);
    expect(roundHalfUp(rat(7n, 2n))).toBe(4n);
    expect(roundHalfUp(rat(249n, 100n))).toBe(2n);
    expect(pence('12345.65')).toBe(1234565n);
    expect(() => pence('1.005')).toThrow();
  });
});
