// npm run bench: every speed and memory target, each beside its peer (or floor)
// measured in the same run, as one table.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface Row {
  workload: string;
  target: string;
  limitMs: number;
  limitMB?: number;
  peer: string;
  /** Required ours/peer speed-up, when the target is relative. */
  minRatio?: number;
  case: string;
}

const ROWS: Row[] = [
  { workload: 'Import 100,000-line canonical CSV (validate + store)', target: '< 3 s, RSS < 500 MB', limitMs: 3000, limitMB: 500, peer: 'papaparse parse only (floor)', case: 'import-100k' },
  { workload: 'Open a 100,000-line project, first grid page', target: '< 1 s', limitMs: 1000, peer: '—', case: 'open-100k-first-page' },
];

const only = process.argv[2];
const tsx = join(__dirname, '../../node_modules/tsx/dist/cli.mjs');
const results: string[][] = [];
let failed = 0;
for (const row of ROWS) {
  if (only && !row.case.includes(only)) continue;
  const r = spawnSync(process.execPath, ['--expose-gc', tsx, join(__dirname, 'cases.ts'), row.case], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    failed++;
    results.push([row.workload, row.target, 'ERROR', '', '', '', r.stderr.split('\n').slice(-3).join(' ')]);
    continue;
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ours: number; peer: number | null; rssMB: number; note?: string };
  const ratio = out.peer ? out.peer / out.ours : null;
  const ok = out.ours <= row.limitMs && (row.limitMB === undefined || out.rssMB <= row.limitMB) && (row.minRatio === undefined || (ratio ?? 0) >= row.minRatio);
  if (!ok) failed++;
  results.push([
    row.workload,
    row.target,
    `${out.ours.toFixed(out.ours < 10 ? 2 : 0)} ms`,
    out.peer === null ? row.peer : `${out.peer.toFixed(0)} ms (${row.peer})`,
    ratio === null ? '—' : `${ratio >= 1 ? ratio.toFixed(ratio >= 10 ? 0 : 1) + '× faster' : (1 / ratio).toFixed(1) + '× the floor'}`,
    `${out.rssMB.toFixed(0)} MB`,
    ok ? 'ok' : 'MISSED',
  ]);
}

const header = ['workload', 'target', 'Spendmap', 'peer', 'ratio', 'peak RSS', ''];
const widths = header.map((h, i) => Math.max(h.length, ...results.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of results) console.log(line(r));
process.exitCode = failed ? 1 : 0;
