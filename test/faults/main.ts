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
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRegistry } from '../../electron/backend/handlers';
import { importBudgets } from '../../electron/backend/budgets/import';
import { lineSnapshot } from '../../electron/backend/budgets/lines';
import { buildDemo } from '../../electron/backend/project/demo';
import { createProject } from '../../electron/backend/project/lifecycle';
import { Session } from '../../electron/backend/session';
import { lockPathFor } from '../../electron/backend/store/lock';
import { SCHEMA_VERSION } from '../../electron/backend/store/database';
import { FIELD_COLUMN, type EditableField, type SpendLine } from '../../shared/domain/types';
import { budgetCsv } from '../../scripts/bench/workloads/budget-csv';
import { rng } from '../../scripts/lib/rng';
import { sha256File } from '../helpers/hash';
import { repoRoot, resourcesDir } from '../helpers/paths';
import { bundle, type Bundles } from './bundle';
import {
  auditMatchesData,
  check,
  CheckFailed,
  contentDigest,
  finalFiles,
  isCompleteZip,
  lineState,
  maxAuditId,
  openSound,
  tempFiles,
  type LineState,
} from './checks';
import type { EditOp } from './driver';

const { values: args } = parseArgs({
  options: { seed: { type: 'string' }, scale: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean' } },
});
const SEED = Number(args.seed ?? process.env.FAULT_SEED ?? 20_240_917);
const SCALE = Number(args.scale ?? 1);
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const random = rng(SEED);

const root = mkdtempSync(join(tmpdir(), 'spendmap-faults-'));
const env = { ...process.env, SPENDMAP_DATA: join(root, 'data'), SPENDMAP_RESOURCES: resourcesDir, NO_COLOR: '1' };
mkdirSync(env.SPENDMAP_DATA, { recursive: true });
let bundles: Bundles;

// ---------------------------------------------------------------------------------
// Processes

interface Proc {
  child: ChildProcess;
  lines: string[];
  stderr: string;
  /** Resolves with the first stdout line starting with `prefix`. */
  waitFor(prefix: string, timeoutMs: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  started: number;
}

function start(script: string, argv: string[]): Proc {
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...argv], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  const proc: Proc = {
    child,
    lines,
    stderr: '',
    started,
    waitFor(prefix, timeoutMs) {
      const hit = lines.find((l) => l.startsWith(prefix));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr: ${proc.stderr.slice(-500)}`)), timeoutMs);
        waiters.push({
          prefix,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void proc.exited.then(() => {
          clearTimeout(timer);
          const late = lines.find((l) => l.startsWith(prefix));
          if (late) resolve(late);
          else reject(new Error(`exited before "${prefix}"; stderr: ${proc.stderr.slice(-500)}`));
        });
      });
    },
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started }))),
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    partial += d;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (line.startsWith(w.prefix)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (proc.stderr += d));
  return proc;
}

/** Kills after `delayMs`; true when the kill found the process still running. */
async function killAfter(proc: Proc, delayMs: number): Promise<boolean> {
  const done = await Promise.race([proc.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), delayMs))]);
  if (done) return false;
  const hit = proc.child.kill('SIGKILL');
  const exit = await Promise.race([proc.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  if (!exit) throw new CheckFailed('the process did not die within 10 s of SIGKILL');
  return hit && exit.signal === 'SIGKILL';
}

const cli = (...argv: string[]) => start(bundles.cli, argv);

function removeProject(path: string): void {
  for (const s of ['', '-wal', '-shm', '-journal', '.lock']) rmSync(path + s, { force: true });
}

function copyProject(from: string, to: string): void {
  removeProject(to);
  copyFileSync(from, to);
}

// ---------------------------------------------------------------------------------
// Reporting

interface ScenarioReport {
  name: string;
  kills: number;
  runs: number;
  outcomes: Record<string, number>;
  notes: string[];
  failures: string[];
  ms: number;
}

const reports: ScenarioReport[] = [];

function newReport(name: string): ScenarioReport {
  const r: ScenarioReport = { name, kills: 0, runs: 0, outcomes: {}, notes: [], failures: [], ms: 0 };
  reports.push(r);
  return r;
}

const bump = (r: ScenarioReport, outcome: string) => (r.outcomes[outcome] = (r.outcomes[outcome] ?? 0) + 1);

async function attempt(r: ScenarioReport, what: string, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const msg = `${what}: ${e instanceof CheckFailed ? e.message : ((e as Error).stack ?? String(e))}`;
    r.failures.push(msg);
    process.stdout.write(`  FAIL ${msg}\n`);
  }
}

function progress(r: ScenarioReport, target: number): void {
  process.stdout.write(`\r  ${r.name}: ${r.kills}/${target} kills, ${r.runs} runs${r.failures.length ? `, ${r.failures.length} FAILED` : ''}   `);
}

// ---------------------------------------------------------------------------------
// (a) Importing a large file

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

async function scenarioImport(target: number): Promise<void> {
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

// ---------------------------------------------------------------------------------
// (b) Grid edits through a window's session

function withColumns(line: Record<string, string>, values: Record<string, string>): Record<string, string> {
  const out = { ...line };
  for (const [field, text] of Object.entries(values)) out[FIELD_COLUMN[field as EditableField]] = text;
  return out;
}

async function scenarioEdits(target: number): Promise<void> {
  const r = newReport('edits');
  const t0 = performance.now();
  const dir = join(root, 'edits');
  mkdirSync(dir);
  const template = join(dir, 'template.spendmap');
  const p0 = createProject({ path: template, pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
  const csv = join(dir, 'lines.csv');
  writeFileSync(csv, budgetCsv(400, SEED + 2));
  await importBudgets(p0, { file: { path: csv } });
  const state0: LineState = lineState(p0);
  const audit0 = maxAuditId(p0);
  p0.close();
  const work = join(dir, 'work.spendmap');
  let acked = 0;
  for (let i = 0; r.kills < target && i < target * 3; i++) {
    copyProject(template, work);
    const seed = Math.floor(random() * 2 ** 31);
    const proc = start(bundles.driver, ['edits', work, String(seed), env.SPENDMAP_DATA, '1000000']);
    let killed = false;
    await attempt(r, `edit run ${i} (seed ${seed})`, async () => {
      await proc.waitFor('R', 20_000);
      const delay = 100 + random() * 1500;
      killed = await killAfter(proc, delay);
      await proc.exited;
      r.runs++;
      if (killed) r.kills++;
      check(killed, `the driver stopped by itself: ${proc.stderr.slice(-300)}`);
      check(existsSync(lockPathFor(work)), 'a killed window left no lock file (so the stale-lock path is not exercised)');

      // A window opens the file again: the dead window's lock is stale and taken over.
      const session = new Session({ host: 'web', dataDir: env.SPENDMAP_DATA });
      const registry = createRegistry();
      const opened = await registry.call('project.open', { path: work }, { session, progress: () => {}, signal: new AbortController().signal });
      check(opened.ok, `a new window cannot open the project after the crash: ${JSON.stringify(!opened.ok && opened.error)}`);
      session.close();
      check(!existsSync(lockPathFor(work)), 'closing the project left its lock file behind');

      // Acknowledged edits, in order, over the lines as they were.
      const model: LineState = new Map([...state0].map(([id, v]) => [id, { ...v }]));
      const ops = new Map<number, EditOp>();
      let inFlight: EditOp | null = null;
      for (const line of proc.lines) {
        const [tag, seqText, ...rest] = line.split(' ');
        const seq = Number(seqText);
        if (tag === 'P') {
          const op = JSON.parse(rest.join(' ')) as EditOp;
          ops.set(seq, op);
          inFlight = op;
        } else if (tag === 'A' || tag === 'F') {
          const op = ops.get(seq)!;
          inFlight = null;
          if (tag === 'F') continue;
          acked++;
          bump(r, 'acknowledged edits');
          if (op.kind === 'delete') for (const id of op.ids) model.delete(id);
          else for (const l of JSON.parse(rest.join(' ')) as SpendLine[]) model.set(l.id, lineSnapshot(l));
        }
      }
      const p = openSound(work);
      try {
        const now = lineState(p);
        const differs = (id: number) => JSON.stringify(now.get(id)) !== JSON.stringify(model.get(id));
        const changed = [...new Set([...now.keys(), ...model.keys()])].filter(differs);
        if (!changed.length) bump(r, inFlight ? 'killed: edit in flight not saved' : 'killed: between edits');
        else {
          check(inFlight, `lines ${changed.join(', ')} differ from the acknowledged edits, with no edit in flight`);
          const op = inFlight as EditOp;
          if (op.kind === 'delete') {
            check(changed.length === op.ids.length && op.ids.every((id) => !now.has(id)), `in-flight delete of ${op.ids} explains ${changed}`);
          } else {
            const creates = op.writes.filter((w) => w.id === undefined);
            const updates = op.writes.filter((w) => w.id !== undefined);
            const made = changed.filter((id) => !model.has(id));
            check(made.length === creates.length, `${made.length} new lines for ${creates.length} creates in flight`);
            made.sort((a, b) => a - b).forEach((id, k) => {
              const want = creates[k]!.values;
              const got = now.get(id)!;
              check(got.amount_gbp === want.amount && got.basis === want.basis && got.description === want.description, `new line ${id} is not the one in flight`);
            });
            for (const w of updates) check(JSON.stringify(now.get(w.id!)) === JSON.stringify(withColumns(model.get(w.id!)!, w.values)), `line ${w.id} is not as the in-flight edit left it`);
            for (const id of changed) check(!model.has(id) || updates.some((w) => w.id === id), `line ${id} changed outside the edit in flight`);
          }
          bump(r, 'killed: edit in flight saved whole');
        }
        auditMatchesData(p, state0, audit0);
      } finally {
        p.close();
      }
    });
    if (!killed) await proc.exited;
    progress(r, target);
  }
  r.notes.push(`${acked} acknowledged edits checked, all present`);
  r.ms = performance.now() - t0;
  process.stdout.write('\n');
}

// ---------------------------------------------------------------------------------
// (c) Migrating a project from schema 1

const DATA_TABLES = ['project', 'wards', 'proxies', 'proxy_values', 'partners', 'imports', 'spend_lines', 'direct_figures', 'neighbourhoods', 'neighbourhood_wards', 'column_mappings'];

/** The schema-1 fixture, grown to ~40,000 lines so a migration takes long enough to be hit. */
function bigV1(path: string, lines: number): void {
  copyFileSync(join(repoRoot, 'test', 'fixtures', 'schemas', 'v1.spendmap'), path);
  const db = new Database(path);
  try {
    if (db.pragma('user_version', { simple: true }) !== 1) throw new Error('fixture is not schema 1');
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('spend_lines') as string[]).filter((c) => c !== 'id' && c !== 'ref' && c !== 'position');
    db.transaction(() => {
      const src = db.prepare(`SELECT ${cols.join(', ')} FROM spend_lines ORDER BY id`).all() as Record<string, unknown>[];
      const ins = db.prepare(`INSERT INTO spend_lines (ref, position, ${cols.join(', ')}) VALUES (?, ?, ${cols.map(() => '?').join(', ')})`);
      const audit = db.prepare("INSERT INTO audit_log (at, action, entity, entity_id, ref, note) VALUES ('2024-01-01T00:00:00Z', 'create', 'line', ?, ?, 'grown for the fault harness')");
      for (let i = 0; i < lines; i++) {
        const row = src[i % src.length]!;
        const id = ins.run(`G${i}`, 1000 + i, ...cols.map((c) => row[c])).lastInsertRowid;
        audit.run(String(id), `G${i}`);
      }
    })();
  } finally {
    db.close();
  }
}

/** The schema-1 fixture's columns per table: what a migration must keep exactly (it may add others). */
const V1_COLUMNS: Record<string, string[]> = (() => {
  const db = new Database(join(repoRoot, 'test', 'fixtures', 'schemas', 'v1.spendmap'), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries([...DATA_TABLES, 'audit_log'].map((t) => [t, db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]]));
  } finally {
    db.close();
  }
})();
const v1Audit = (db: Database.Database, auditMax: number) =>
  JSON.stringify(db.prepare(`SELECT ${V1_COLUMNS.audit_log!.map((c) => `"${c}"`).join(', ')} FROM audit_log WHERE id <= ? ORDER BY id`).raw().all(auditMax));

function v1Digest(path: string): { data: string; audit: string; auditMax: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const auditMax = db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number;
    return { data: contentDigest(db, DATA_TABLES, V1_COLUMNS), audit: v1Audit(db, auditMax), auditMax };
  } finally {
    db.close();
  }
}

async function scenarioMigration(target: number): Promise<void> {
  const r = newReport('migration');
  const t0 = performance.now();
  const dir = join(root, 'migration');
  mkdirSync(dir);
  const original = join(dir, 'v1-original.spendmap');
  bigV1(original, Math.round(40_000 * Math.min(1, SCALE)));
  const want = v1Digest(original);
  const work = join(dir, 'work.spendmap');
  const backup = `${work}.v1-backup`;
  const reset = () => {
    removeProject(work);
    rmSync(backup, { force: true });
    for (const f of readdirSync(dir)) if (f.startsWith('work.spendmap') || f.startsWith('.work.spendmap')) rmSync(join(dir, f), { force: true });
    copyFileSync(original, work);
  };
  reset();
  const cal = start(bundles.driver, ['migrate', work]);
  const done = await cal.waitFor('M', 60_000);
  const span = Number(done.split(' ')[1]);
  r.notes.push(`schema-1 project of ${(statSync(original).size / 1e6).toFixed(0)} MB; backup + migration take ${span} ms here`);

  for (let i = 0; r.kills < target && i < target * 3; i++) {
    reset();
    const proc = start(bundles.driver, ['migrate', work]);
    let killed = false;
    await attempt(r, `migration run ${i}`, async () => {
      await proc.waitFor('O', 20_000);
      const delay = random() * span * 1.15;
      killed = await killAfter(proc, delay);
      await proc.exited;
      r.runs++;
      if (killed) r.kills++;
      const finished = proc.lines.some((l) => l.startsWith('M'));
      // Whatever is under the backup's name is a whole copy of the original.
      if (existsSync(backup)) {
        const got = v1Digest(backup);
        check(got.data === want.data && got.audit === want.audit, 'a half-written or different backup is under its final name');
        const b = new Database(backup, { readonly: true });
        const ok = b.pragma('integrity_check', { simple: true });
        const version = b.pragma('user_version', { simple: true });
        b.close();
        check(ok === 'ok' && version === 1, `the backup is not a sound schema-1 file (${String(ok)}, version ${String(version)})`);
      } else check(!finished, 'the migration finished without leaving a backup');
      const p = openSound(work);
      try {
        check(p.db.pragma('user_version', { simple: true }) === SCHEMA_VERSION, 'not migrated to the current schema');
        check(contentDigest(p.db, DATA_TABLES, V1_COLUMNS) === want.data, "the project's data changed in the migration");
        check(v1Audit(p.db, want.auditMax) === want.audit, 'the audit log changed');
        const migrations = p.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'migrate'").pluck().get();
        check(migrations === 1, `${String(migrations)} migrate entries in the audit log`);
      } finally {
        p.close();
      }
      check(existsSync(backup), 'no backup after the migration');
      const got = v1Digest(backup);
      check(got.data === want.data && got.audit === want.audit, 'the backup is not the original');
      const left = readdirSync(dir).filter((f) => f.includes('work.spendmap') && !['work.spendmap', 'work.spendmap-wal', 'work.spendmap-shm', 'work.spendmap.v1-backup'].includes(f));
      check(!left.length, `temporary files left: ${left.join(', ')}`);
      bump(r, killed ? (finished ? 'killed: after the migration' : 'killed: during backup or migration') : 'completed');
    });
    if (!killed) await proc.exited;
    progress(r, target);
  }
  r.ms = performance.now() - t0;
  process.stdout.write('\n');
}

// ---------------------------------------------------------------------------------
// (d) Exporting packs

function hasExportCommand(): boolean {
  const r = spawnSync(process.execPath, [bundles.cli, '--help'], { cwd: repoRoot, env, encoding: 'utf8' });
  return /^\s*export <project>/m.test(r.stdout + r.stderr);
}

async function scenarioExport(target: number): Promise<void> {
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

// ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  process.stdout.write(`fault harness: seed ${SEED}, scale ${SCALE}, in ${root}\n`);
  bundles = bundle();
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
