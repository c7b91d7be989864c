// `spendmap audit` (issue 14 item 5) on a real project file built by the real CLI:
// every change oldest first with who, when, what, old/new value and the source file;
// --since/--ref/--partner/--kind filters; CSV safe for spreadsheets; bad dates refused.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { runCli } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { withDb } from '../helpers/db';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-audit-');
let env: { SPENDMAP_DATA: string };
const cli = (...args: string[]) => runCli(args, { env });

interface Entry {
  id: number;
  at: string;
  who: string | null;
  action: string;
  kind: string;
  ref: string | null;
  partner: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  note: string | null;
}

let project: string;
const HOSPITAL = 'Kingston Hospital NHS Foundation Trust';
// A partner name a spreadsheet would run as a formula if the CSV wrote it raw.
const HOSTILE = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  env = { SPENDMAP_DATA: tmp() };
  const dir = tmp();
  project = join(dir, 'audit.spendmap');
  expect((await cli('new', project, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25')).code).toBe(0);
  const first = writeBudgetCsv(dir, 'first budgets.csv', [
    budgetRow({ ref: 'H1', amount_gbp: '1000' }),
    budgetRow({ ref: 'H2', amount_gbp: '2500' }),
    budgetRow({ ref: 'V1', partner: HOSTILE, partner_type: 'vcs', amount_gbp: '300' }),
  ]);
  const r1 = await cli('import-budgets', project, first);
  expect(r1.stderr).toBe('');
  expect(r1.code).toBe(0);
  // Edits as the Budgets grid makes them (the CLI has no line edits): through the registry.
  const session = new Session({ host: 'test', dataDir: tmp() });
  const registry = createRegistry();
  const call = async <T,>(method: string, input: unknown): Promise<T> => {
    const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
    if (!r.ok) throw new Error(r.error.message);
    return r.data as T;
  };
  try {
    await call('project.open', { path: project });
    const page = await call<{ rows: { id: number; ref: string }[] }>('budgets.page', { offset: 0, limit: 10 });
    const id = (ref: string) => page.rows.find((l) => l.ref === ref)!.id;
    await call('budgets.write', { writes: [{ id: id('H2'), values: { amount: '2750' } }] });
    await call('budgets.write', { writes: [{ id: id('H1'), values: { beta: '0.5' } }, { id: id('V1'), values: { description: 'Youth club' } }] });
  } finally {
    session.close();
  }
  const r2 = await cli('neighbourhood', project, '--name', 'North', '--wards', 'E05013932,E05013933');
  expect(r2.stderr).toBe('');
}, 120_000);

describe('audit', () => {
  it('--json lists every change oldest first, with the user name, partner and the file it came from', async () => {
    const r = await cli('audit', project, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as Entry[];
    const stored = withDb(project, (db) => db.prepare('SELECT id, by_user FROM audit_log ORDER BY id').all() as { id: number; by_user: string }[]);
    expect(entries.map((e) => e.id)).toEqual(stored.map((s) => s.id));
    expect(entries.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.at >= entries[i - 1]!.at).toBe(true);
    for (const e of entries) expect(e.who).toBe(userInfo().username);

    const edits = entries.filter((e) => e.kind === 'line');
    expect(edits.map((e) => [e.ref, e.field])).toEqual([['H2', 'amount_gbp'], ['H1', 'deprivation_weight'], ['V1', 'description']]);
    expect(edits[0]).toMatchObject({ action: 'update', partner: HOSPITAL, note: 'budgets grid' });
    expect([edits[0]!.old_value, edits[0]!.new_value]).toEqual(['2500.00', '2750.00']);
    expect(edits[2]).toMatchObject({ partner: HOSTILE, old_value: 'Test line', new_value: 'Youth club' });
    const imported = entries.find((e) => e.action === 'import' && e.note?.includes('first budgets.csv'));
    expect(imported, 'the import names its source file').toBeTruthy();
    expect(entries.at(-1)!.kind).toBe('neighbourhood');
  });

  it('filters by --ref, --partner, --kind and --since', async () => {
    const byRef = JSON.parse((await cli('audit', project, '--ref', 'h2', '--json')).stdout) as Entry[];
    expect(byRef.length).toBeGreaterThan(0);
    expect(new Set(byRef.map((e) => e.ref))).toEqual(new Set(['H2']));

    const byPartner = JSON.parse((await cli('audit', project, '--partner', HOSPITAL.toLowerCase(), '--json')).stdout) as Entry[];
    expect(byPartner.filter((e) => e.kind === 'line').map((e) => e.ref)).toEqual(['H2', 'H1']);
    expect(byPartner.every((e) => e.partner === HOSPITAL)).toBe(true);

    const kinds = JSON.parse((await cli('audit', project, '--kind', 'neighbourhood', '--json')).stdout) as Entry[];
    expect(kinds.length).toBe(1);
    expect(kinds[0]!.kind).toBe('neighbourhood');

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const all = JSON.parse((await cli('audit', project, '--json')).stdout) as Entry[];
    expect((JSON.parse((await cli('audit', project, '--since', today, '--json')).stdout) as Entry[]).length).toBe(all.length);
    const none = await cli('audit', project, '--since', tomorrow, '--json');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('refuses a date it cannot read, naming it and the form to use', async () => {
    for (const bad of ['2026-02-30', '1/4/2026', 'yesterday']) {
      const r = await cli('audit', project, '--since', bad, '--json');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"${bad}" is not a date`);
      expect(r.stderr).toContain('YYYY-MM-DD');
      expect(r.stdout).toBe('');
    }
  });

  it('without --json prints CSV in the same order, with text a spreadsheet would run made inert', async () => {
    const json = JSON.parse((await cli('audit', project, '--json')).stdout) as Entry[];
    const r = await cli('audit', project);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(['id', 'at', 'who', 'action', 'kind', 'ref', 'partner', 'field', 'old_value', 'new_value', 'note']);
    const body = rows.slice(1).filter((row) => row.length > 1);
    expect(body.map((row) => Number(row[0]))).toEqual(json.map((e) => e.id));
    const v1 = body.find((row) => row[5] === 'V1')!;
    expect(v1[6]).toBe(`'${HOSTILE}`);
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});
