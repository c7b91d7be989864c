// (c) Migrating a project from schema 1: killed during the backup or the migration, the
// migration did not happen or happened whole, and a backup under its final name is whole.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../../electron/backend/store/database';
import { repoRoot } from '../../helpers/paths';
import { check, contentDigest, openSound } from '../checks';
import { bundles, killAfter, random, removeProject, root, SCALE, start } from '../harness';
import { attempt, bump, newReport, progress } from '../report';

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

export async function scenarioMigration(target: number): Promise<void> {
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
