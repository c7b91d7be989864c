// npm run bench: every speed and memory target, each beside its peer (or floor)
// measured in the same run, as one table.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchRow } from './suite';
import { SUITES } from './suites';

const ROWS: BenchRow[] = SUITES.flatMap((s) => s.rows);

const only = process.argv[2];
// Cases of one run share what they build (packs-large.ts: one export for four rows).
process.env.SPENDMAP_BENCH_RUN = String(process.pid);
const tsx = join(__dirname, '../../node_modules/tsx/dist/cli.mjs');
const results: string[][] = [];
const notes: string[] = [];
let failed = 0;
for (const row of ROWS) {
  if (only && !row.case.includes(only)) continue;
  const r = spawnSync(process.execPath, ['--expose-gc', tsx, join(__dirname, 'run-case.ts'), row.case], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    failed++;
    results.push([row.workload, row.target, 'ERROR', '', '', '', r.stderr.split('\n').slice(-3).join(' ')]);
    continue;
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ours: number; peer: number | null; rssMB: number; note?: string; unit?: string };
  const unit = out.unit ?? row.unit ?? 'ms';
  if (out.note) notes.push(`- ${row.workload}: ${out.note}`);
  const ratio = out.peer ? out.peer / out.ours : null;
  const ok = out.ours <= row.limitMs && (row.limitMB === undefined || out.rssMB <= row.limitMB) && (row.minRatio === undefined || (ratio ?? 0) >= row.minRatio);
  if (!ok) failed++;
  results.push([
    row.workload,
    row.target,
    `${out.ours.toFixed(out.ours < 10 ? 2 : 0)} ${unit}`,
    out.peer === null ? row.peer : `${out.peer.toFixed(unit === 'MB' ? 2 : 0)} ${unit} (${row.peer})`,
    ratio === null ? '—' : `${ratio >= 1 ? ratio.toFixed(ratio >= 10 ? 0 : 1) + (unit === 'ms' ? '× faster' : '× smaller') : (1 / ratio).toFixed(1) + '× the floor'}`,
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
// How each figure was taken (runs, medians, floors), as the cases report it.
if (notes.length) console.log(`\nNotes:\n${notes.join('\n')}`);
process.exitCode = failed ? 1 : 0;
