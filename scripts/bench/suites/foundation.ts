// Foundation benchmarks: importing and opening large projects.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { listLines } from '../../../electron/backend/budgets/lines';
import { createProject, openProject } from '../../../electron/backend/project/lifecycle';
import type { Suite } from '../suite';
import { budgetCsv } from '../workloads/budget-csv';

const tmp = () => mkdtempSync(join(tmpdir(), 'spendmap-bench-'));

export const suite: Suite = {
  rows: [
    { workload: 'Import 100,000-line canonical CSV (validate + store)', target: '< 3 s, RSS < 500 MB', limitMs: 3000, limitMB: 500, peer: 'papaparse parse only (floor)', case: 'import-100k' },
    { workload: 'Open a 100,000-line project, first grid page', target: '< 1 s', limitMs: 1000, peer: '—', case: 'open-100k-first-page' },
  ],
  cases: {
  async 'import-100k'() {
    const dir = tmp();
    try {
      const csv = join(dir, 'budgets.csv');
      writeFileSync(csv, budgetCsv(100_000));
      const project = createProject({ path: join(dir, 'p.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
      const t1 = performance.now();
      const r = await importBudgets(project, { file: { path: csv } });
      const ours = performance.now() - t1;
      project.close();
      if (r.imported !== 100_000) throw new Error(`imported ${r.imported}`);
      // The process's peak so far, ours: the floor's parse below holds the whole file too.
      const rssMB = process.resourceUsage().maxRSS / 1024;
      // The floor: a plain papaparse parse of the same file, nothing else.
      const t0 = performance.now();
      Papa.parse(readFileSync(csv, 'utf8'), { skipEmptyLines: false });
      const peer = performance.now() - t0;
      return { ours, peer, rssMB, note: 'peak RSS taken when the import is done, before the floor runs' };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  async 'open-100k-first-page'() {
    const dir = tmp();
    try {
      const csv = join(dir, 'budgets.csv');
      writeFileSync(csv, budgetCsv(100_000));
      const path = join(dir, 'p.spendmap');
      const p = createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
      await importBudgets(p, { file: { path: csv } });
      p.close();
      const t0 = performance.now();
      const project = openProject(path);
      const page = listLines(project, { offset: 0, limit: 200 });
      const ours = performance.now() - t0;
      project.close();
      if (page.rows.length !== 200 || page.count !== 100_000) throw new Error('wrong page');
      return { ours, peer: null };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  },
};
