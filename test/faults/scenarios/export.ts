// (d) Exporting packs: killed mid-export, no half-written pack is left under its final
// name, and a clean run afterwards leaves every pack whole.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemo } from '../../../electron/backend/project/demo';
import { repoRoot } from '../../helpers/paths';
import { check, finalFiles, isCompleteZip, tempFiles } from '../checks';
import { bundles, cli, env, killAfter, random, root } from '../harness';
import { attempt, bump, newReport, progress } from '../report';

export function hasExportCommand(): boolean {
  const r = spawnSync(process.execPath, [bundles.cli, '--help'], { cwd: repoRoot, env, encoding: 'utf8' });
  return /^\s*export <project>/m.test(r.stdout + r.stderr);
}

export async function scenarioExport(target: number): Promise<void> {
  const r = newReport('export');
  const t0 = performance.now();
  if (!hasExportCommand()) {
    r.notes.push('SKIPPED: the CLI has no `export <project> --out <dir>` command yet; this scenario runs once it does');
    process.stdout.write('  export: skipped (no export command in the CLI yet)\n');
    return;
  }
  const dir = join(root, 'export');
  mkdirSync(dir);
  const project = join(dir, 'demo.spendmap');
  (await buildDemo(project)).close();
  const out = join(dir, 'packs');
  mkdirSync(out);
  const cal = cli('export', project, '--out', out);
  const calExit = await cal.exited;
  check(calExit.code === 0, `calibration export failed: ${cal.stderr}`);
  const span = calExit.ms;
  const expected = finalFiles(out).length;
  r.notes.push(`${expected} packs; a whole export takes ${Math.round(span)} ms here`);
  let leftovers = 0;
  for (let i = 0; r.kills < target && i < target * 3; i++) {
    const delay = random() * span * 1.1;
    const proc = cli('export', project, '--out', out);
    const killed = await killAfter(proc, delay);
    const exit = await proc.exited;
    r.runs++;
    if (killed) r.kills++;
    await attempt(r, `export run ${i} (kill at ${Math.round(delay)} ms)`, () => {
      if (!killed) check(exit.code === 0, `the export was not killed but failed: ${proc.stderr}`);
      const files = finalFiles(out);
      for (const f of files) check(isCompleteZip(f), `${f} is half-written under its final name`);
      check(files.length >= expected, `${files.length} packs under their final names, expected ${expected}`);
      leftovers = tempFiles(out).length;
      bump(r, killed ? 'killed: every pack under its final name whole' : 'completed');
    });
    progress(r, target);
  }
  // A clean run afterwards: the folder ends with every pack, whole.
  const last = cli('export', project, '--out', out);
  const ex = await last.exited;
  await attempt(r, 'export after the kills', () => {
    check(ex.code === 0, `export after the kills failed: ${last.stderr}`);
    for (const f of finalFiles(out)) check(isCompleteZip(f), `${f} is not a whole workbook`);
  });
  r.notes.push(`temporary files left in the folder by killed runs: ${leftovers} (never under a final name)`);
  r.ms = performance.now() - t0;
  process.stdout.write('\n');
}
