// What must hold after every kill, checked from outside the killed process with the
// app's own code: the project opens, SQLite finds it sound, and its audit log tells
// the same story as its data.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../../electron/backend/project/project';
import { allLines, lineSnapshot } from '../../electron/backend/budgets/lines';
import { openProject } from '../../electron/backend/project/lifecycle';

export class CheckFailed extends Error {}

export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new CheckFailed(message);
}

/** Opens the project as the app does and proves SQLite finds it sound. */
export function openSound(path: string): Project {
  let p: Project;
  try {
    p = openProject(path);
  } catch (e) {
    throw new CheckFailed(`the project does not open: ${(e as Error).message}`);
  }
  const integrity = p.db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') {
    p.close();
    throw new CheckFailed(`integrity_check: ${String(integrity)}`);
  }
  const fk = p.db.pragma('foreign_key_check') as unknown[];
  if (fk.length) {
    p.close();
    throw new CheckFailed(`foreign_key_check: ${fk.length} rows`);
  }
  return p;
}

export type LineState = Map<number, Record<string, string>>;

/** Every line as the text a user would type for each field (what the audit log records). */
export function lineState(p: Project): LineState {
  return new Map(allLines(p).map((l) => [l.id, lineSnapshot(l)]));
}

export function maxAuditId(p: Project): number {
  return p.db.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck().get() as number;
}

/**
 * Replays the audit log after `sinceAudit` over the lines as they were then: the
 * result must be the lines as they are now, field for field.
 */
export function auditMatchesData(p: Project, before: LineState, sinceAudit: number): void {
  const replay: LineState = new Map([...before].map(([id, v]) => [id, { ...v }]));
  const rows = p.db
    .prepare("SELECT action, entity_id AS id, field, new_value AS value FROM audit_log WHERE id > ? AND entity = 'line' ORDER BY id")
    .all(sinceAudit) as { action: string; id: string; field: string | null; value: string | null }[];
  for (const r of rows) {
    const id = Number(r.id);
    if (r.action === 'create') replay.set(id, JSON.parse(r.value ?? '{}') as Record<string, string>);
    else if (r.action === 'delete') replay.delete(id);
    else if ((r.action === 'update' || r.action === 'override') && r.field) {
      const line = replay.get(id);
      check(line, `audit log updates line ${id}, which the log never created`);
      if (r.field in line) line[r.field] = r.value ?? '';
    }
  }
  // Partner types change for every line of a partner at once (audited on the partner): not replayed.
  const strip = (v: Record<string, string>) => {
    const { partner_type: _t, ...rest } = v;
    return rest;
  };
  const now = lineState(p);
  check(replay.size === now.size, `audit log replays to ${replay.size} lines, the project has ${now.size}`);
  for (const [id, v] of now) {
    const r = replay.get(id);
    check(r, `line ${id} is in the project but the audit log never created it`);
    check(JSON.stringify(strip(r)) === JSON.stringify(strip(v)), `line ${id}: audit log says ${JSON.stringify(strip(r))}, the data ${JSON.stringify(strip(v))}`);
  }
}

/** A digest of a project's logical content (tables' rows), independent of pages and journal. */
export function contentDigest(db: Database.Database, tables: string[], only?: Record<string, string[]>): string {
  const h = createHash('sha256');
  for (const t of tables) {
    // `only`: an older schema's columns (later migrations may add columns, never change these).
    const cols = (only?.[t] ?? (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[])).map((c) => `"${c}"`);
    for (const row of db.prepare(`SELECT ${cols.join(', ')} FROM "${t}" ORDER BY ${cols.join(', ')}`).raw().iterate()) h.update(JSON.stringify(row));
    h.update(`|${t}|`);
  }
  return h.digest('hex');
}

/** Zip's end-of-central-directory record: a file cut short has none. */
export function isCompleteZip(path: string): boolean {
  const b = readFileSync(path);
  if (b.length < 22 || b.readUInt32LE(0) !== 0x04034b50) return false;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) if (b.readUInt32LE(i) === 0x06054b50) return true;
  return false;
}

/** Files in a folder that are temporary by name (dot-files, .partial, .tmp). */
export function tempFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.startsWith('.') || /\.(partial|tmp)$/.test(f));
}

export function finalFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !(f.startsWith('.') || /\.(partial|tmp)$/.test(f)))
    .map((f) => join(dir, f));
}
