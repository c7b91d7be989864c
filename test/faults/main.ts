// npm run test:faults — crash safety, proved by killing real processes.
//
// Starts the real CLI (bundled) and a real backend process (test/faults/driver.ts,
// the handler registry with a window's session) and SIGKILLs them at random moments
// while they import a large file, make grid edits, migrate an old project and export
// packs. After every kill, from outside: the project opens, PRAGMA integrity_check
// is ok, an import is wholly present or wholly absent, every acknowledged edit is
// there (the one in flight may or may not be), the audit log replays to the data,
// a migration either did not happen or happened whole (with a complete backup), and
// no half-written export file is left under its final name.
//
// Seeded and reproducible: the kill schedule and the edits come from --seed (the run
// prints it). Timing still varies from machine to machine, so each scenario keeps
// killing until it has its number of kills that hit a live process.
//
//   tsx test/faults/main.ts [--seed N] [--scale F] [--only import,edits,migration,export,lock]
//
// The run's options and processes are in harness.ts, its reporting in report.ts and
// each scenario in scenarios/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths';
import { args, loadBundles, ONLY, root, SCALE, SEED } from './harness';
import { reports } from './report';
import { scenarioEdits } from './scenarios/edits';
import { hasExportCommand, scenarioExport } from './scenarios/export';
import { scenarioImport } from './scenarios/import';
import { scenarioMigration } from './scenarios/migration';

async function main(): Promise<void> {
  const t0 = performance.now();
  process.stdout.write(`fault harness: seed ${SEED}, scale ${SCALE}, in ${root}\n`);
  loadBundles();
  const want = (s: string) => !ONLY || ONLY.has(s);
  const exportAvailable = hasExportCommand();
  const per = (n: number) => Math.max(1, Math.round(n * SCALE));
  // At least 100 kills in all; when there is no export yet, the other three share its part.
  const share = exportAvailable ? { import: 30, edits: 35, migration: 25, export: 15 } : { import: 35, edits: 38, migration: 30, export: 0 };
  if (want('import')) await scenarioImport(per(share.import));
  if (want('edits')) await scenarioEdits(per(share.edits));
  if (want('migration')) await scenarioMigration(per(share.migration));
  if (want('export')) await scenarioExport(per(share.export || 15));

  const total = reports.reduce((s, r) => s + r.kills, 0);
  const failures = reports.flatMap((r) => r.failures.map((f) => `${r.name}: ${f}`));
  process.stdout.write(`\n| scenario | SIGKILLs | runs | outcomes | time |\n|---|---|---|---|---|\n`);
  for (const r of reports)
    process.stdout.write(
      `| ${r.name} | ${r.kills} | ${r.runs} | ${Object.entries(r.outcomes).map(([k, v]) => `${k}: ${v}`).join('; ') || '—'} | ${(r.ms / 1000).toFixed(0)} s |\n`,
    );
  for (const r of reports) for (const n of r.notes) process.stdout.write(`  ${r.name}: ${n}\n`);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`\n${total} kills in ${seconds.toFixed(0)} s (seed ${SEED}); ${failures.length ? `${failures.length} FAILED` : 'every check passed'}\n`);
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(join(repoRoot, 'test-results', 'faults.json'), JSON.stringify({ seed: SEED, scale: SCALE, seconds, kills: total, reports }, null, 2));
  if (!args.keep) rmSync(root, { recursive: true, force: true });
  if (failures.length) {
    for (const f of failures.slice(0, 20)) process.stdout.write(`FAILED ${f}\n`);
    process.exitCode = 1;
  } else if (!ONLY && SCALE >= 1 && total < 100) {
    process.stdout.write(`only ${total} kills: fewer than the 100 required\n`);
    process.exitCode = 1;
  }
}

void main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exitCode = 1;
});
