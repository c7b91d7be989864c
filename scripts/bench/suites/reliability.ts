// Reliability benchmarks (issue 6): the fuzz and fault suites must fit in CI time on
// two cores, and a million-row partner file must be refused (or imported) without the
// import ever holding the whole file in memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { AppError } from '../../../shared/contract/result';
import { BIG_CASES } from '../../../test/fuzz/big';
import type { CaseResult, Suite } from '../suite';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs one of the suites as CI does; its own report is printed as it goes. */
function runSuite(script: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [tsx, script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
  return performance.now() - t0;
}

async function millionRows(caseName: 'budget-csv-1m-rows' | 'budget-xlsx-1m-rows'): Promise<CaseResult> {
  const c = BIG_CASES[caseName]!;
  const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-1m-'));
  try {
    const file = join(dir, c.fileName);
    await c.write(file);
    const project = createProject({ path: join(dir, 'p.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
    const t0 = performance.now();
    let note: string;
    try {
      const r = await importBudgets(project, { file: { path: file } });
      note = `imported ${r.imported.toLocaleString('en-GB')} lines`;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'INPUT') throw e;
      note = `refused: ${e.message.slice(0, 60)}…`;
    }
    const ours = performance.now() - t0;
    project.close();
    return { ours, peer: null, note };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const suite: Suite = {
  rows: [
    {
      workload: 'Fuzz (10,200 generated files + 6 huge) and fault (≥ 100 SIGKILLs) suites, 2 cores',
      target: '< 10 min in all',
      limitMs: 600_000,
      peer: '—',
      case: 'reliability-suites',
    },
    {
      workload: 'Import a 1,000,000-row budget CSV (147 MB): refused or completed',
      target: 'peak RSS < 1 GB',
      limitMs: 60_000,
      limitMB: 1024,
      peer: '—',
      case: 'reliability-1m-csv',
    },
    {
      workload: 'Import a 1,000,000-row budget XLSX: refused or completed',
      target: 'peak RSS < 1 GB',
      limitMs: 60_000,
      limitMB: 1024,
      peer: '—',
      case: 'reliability-1m-xlsx',
    },
  ],
  cases: {
    async 'reliability-suites'() {
      const fuzz = runSuite('test/fuzz/main.ts');
      const faults = runSuite('test/faults/main.ts');
      return { ours: fuzz + faults, peer: null, note: `fuzz ${(fuzz / 1000).toFixed(0)} s + faults ${(faults / 1000).toFixed(0)} s` };
    },
    'reliability-1m-csv': () => millionRows('budget-csv-1m-rows'),
    'reliability-1m-xlsx': () => millionRows('budget-xlsx-1m-rows'),
  },
};

