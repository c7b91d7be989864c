// (a) Importing a large file: killed at a random moment, the import is wholly present or
// wholly absent, and the same import then runs to the end.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { budgetCsv } from '../../../scripts/bench/workloads/budget-csv';
import { sha256File } from '../../helpers/hash';
import { check, contentDigest, openSound } from '../checks';
import { cli, copyProject, killAfter, random, root, SCALE, SEED } from '../harness';
import { attempt, bump, newReport, progress } from '../report';

const ALL_TABLES = [
  'project',
  'wards',
  'proxies',
  'proxy_values',
  'partners',
  'imports',
  'spend_lines',
  'direct_figures',
  'neighbourhoods',
  'neighbourhood_wards',
  'column_mappings',
  'audit_log',
];

export async function scenarioImport(target: number): Promise<void> {
  const r = newReport('import');
  const t0 = performance.now();
  const dir = join(root, 'import');
  mkdirSync(dir);
  const template = join(dir, 'template.spendmap');
  const p0 = createProject({ path: template, pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
  const base = join(dir, 'base.csv');
  writeFileSync(base, budgetCsv(25, SEED).replace(/\nB(\d+),/g, '\nBASE-$1,'));
  await importBudgets(p0, { file: { path: base } });
  const baseline = contentDigest(p0.db, ALL_TABLES);
  const baseImports = p0.db.prepare('SELECT MAX(id) FROM imports').pluck().get() as number;
  const baseLines = p0.db.prepare('SELECT COUNT(*) FROM spend_lines').pluck().get() as number;
  p0.close();
  const rows = Math.round(60_000 * Math.min(1, SCALE));
  const csv = join(dir, 'big.csv');
  writeFileSync(csv, budgetCsv(rows, SEED + 1));
  const csvSha = sha256File(csv);

  const work = join(dir, 'work.spendmap');
  // Calibrate: how long a whole import takes here.
  copyProject(template, work);
  const cal = cli('import-budgets', work, csv);
  const calExit = await cal.exited;
  check(calExit.code === 0, `calibration import failed: ${cal.stderr}`);
  const span = calExit.ms;
  r.notes.push(`${rows.toLocaleString('en-GB')}-row CSV (${(statSync(csv).size / 1e6).toFixed(1)} MB); a whole import takes ${Math.round(span)} ms here`);

  let recoveries = 0;
  for (let i = 0; r.kills < target && i < target * 3; i++) {
    copyProject(template, work);
    const delay = random() * span * 1.1;
    const proc = cli('import-budgets', work, csv);
    const killed = await killAfter(proc, delay);
    const exit = await proc.exited;
    r.runs++;
    if (killed) r.kills++;
    await attempt(r, `import run ${i} (kill at ${Math.round(delay)} ms)`, async () => {
      if (!killed) check(exit.code === 0, `the import was not killed but failed: ${proc.stderr}`);
      const p = openSound(work);
      try {
        const imported = p.db.prepare('SELECT COUNT(*) FROM spend_lines WHERE import_id > ?').pluck().get(baseImports) as number;
        const imports = p.db.prepare('SELECT id, sha256, rows FROM imports WHERE id > ?').all(baseImports) as { id: number; sha256: string; rows: number }[];
        if (imported === 0) {
          check(!killed || true, '');
          check(exit.code !== 0, 'the CLI said the import was done but no line of it is in the project');
          check(imports.length === 0, `no lines, yet ${imports.length} import records`);
          check(contentDigest(p.db, ALL_TABLES) === baseline, 'the import is absent but the project changed');
          bump(r, killed ? 'killed: wholly absent' : 'absent');
        } else {
          check(imported === rows, `a partial import: ${imported} of ${rows} lines`);
          check(imports.length === 1 && imports[0]!.rows === rows && imports[0]!.sha256 === csvSha, `import record ${JSON.stringify(imports)}`);
          const audit = p.db.prepare("SELECT new_value FROM audit_log WHERE action = 'import' AND entity_id = ?").pluck().all(String(imports[0]!.id)) as string[];
          check(audit.length === 1 && JSON.parse(audit[0]!).lines === rows, 'the audit log has no entry for the import');
          check(p.db.prepare('SELECT COUNT(*) FROM spend_lines').pluck().get() === baseLines + rows, 'lines before the import changed');
          bump(r, killed ? 'killed: wholly present (after commit)' : 'completed');
        }
        // The app goes on working after a crash: the same import runs to the end.
        if (imported === 0 && killed && recoveries < 3) {
          recoveries++;
          p.close();
          const again = cli('import-budgets', work, csv);
          const ex = await again.exited;
          check(ex.code === 0, `re-running the import after the crash failed: ${again.stderr}`);
          const q = openSound(work);
          const n = q.db.prepare('SELECT COUNT(*) FROM spend_lines WHERE import_id > ?').pluck().get(baseImports);
          q.close();
          check(n === rows, `the re-run imported ${String(n)} lines`);
          bump(r, 're-run after the crash: complete');
        }
      } finally {
        p.close();
      }
    });
    progress(r, target);
  }
  r.ms = performance.now() - t0;
  process.stdout.write('\n');
}
