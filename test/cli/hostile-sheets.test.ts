// The CLI on hostile spreadsheets (issue 13): a hidden row is refused with exit 1 naming
// it, and imported with --include-hidden; a 600-million-character shared string and a
// 16,384-column sparse proxy are refused with exit 1 (not 3), changing nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { withDb } from '../helpers/db';
import { HOSTILE_CASES } from '../fuzz/hostile';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-cli-hostile-');
let env: { SPENDMAP_DATA: string };
let project: string;
const cli = (...args: string[]) => runCli(args, { env });
const lines = () => withDb(project, (db) => db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(amount_pence), 0) AS total FROM spend_lines').get());

async function fileOf(name: string): Promise<string> {
  const c = HOSTILE_CASES[name]!;
  const p = join(tmp(), c.fileName);
  writeFileSync(p, await c.make());
  return p;
}

beforeAll(async () => {
  env = { SPENDMAP_DATA: tmp() };
  project = join(tmp(), 'p.spendmap');
  expect((await cli('new', project, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25')).code).toBe(0);
}, 60_000);

describe('import-budgets / import-proxy on hostile spreadsheets', () => {
  it('refuses hidden rows with exit 1 naming the row, and imports them with --include-hidden', async () => {
    const file = await fileOf('hidden-rows');
    const before = lines();
    const refused = await cli('import-budgets', project, file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/hidden rows or columns holding values \(rows 3\)/);
    expect(refused.stderr).toMatch(/--include-hidden/);
    expect(lines()).toEqual(before);
    const included = await cli('import-budgets', project, file, '--include-hidden');
    expect(included).toMatchObject({ code: 0, stdout: 'imported 3 lines\n' });
  }, 60_000);

  it('refuses a 600-million-character shared string with exit 1', async () => {
    const before = lines();
    const r = await cli('import-budgets', project, await fileOf('huge-shared-string'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^huge-string\.xlsx: this file cannot be read as an Excel workbook/m);
    expect(lines()).toEqual(before);
  }, 60_000);

  it('refuses a proxy 16,384 columns wide with exit 1, naming the row and column XFD', async () => {
    const r = await cli('import-proxy', project, await fileOf('sparse-16384-wide'), '--name', 'sparse_proxy', '--include-hidden');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/XFD/);
    expect(r.stderr).toMatch(/too sparse/);
  }, 60_000);
});
