// Looking at a project file from the outside: table counts and a full, ordered dump,
// to prove that a refused operation changed nothing.
import Database from 'better-sqlite3';
import { sha256 } from './hash';

type Db = Database.Database;

export function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
}

export function tableCounts(db: Db): Record<string, number> {
  return Object.fromEntries(tableNames(db).map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
}

/** Every row of every table, in a stable order. */
export function dumpDb(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tableNames(db)) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).map((c) => `"${c}"`);
    out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY ${cols.join(', ')}`).all();
  }
  return out;
}

export function dumpHash(db: Db): string {
  return sha256(JSON.stringify(dumpDb(db)));
}

/** Opens a project file read-write (no writes are made), runs fn, closes it. */
export function withDb<T>(path: string, fn: (db: Db) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
