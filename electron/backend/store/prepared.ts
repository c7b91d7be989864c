// Prepared statements kept per connection: a store function called once per line or per
// cell (undo, imports, pack reads) compiles its SQL once for the open file, not each call.
// Each SQL text is used in one mode only (rows, or one plucked column), so the cached
// statement's mode never changes under another caller.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './database';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;
const cache = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, key: string, make: () => Statement): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let s = statements.get(key);
  if (!s) statements.set(key, (s = make()));
  return s;
}

/** The connection's statement for `sql`, rows as objects. */
export function prepared(db: Db, sql: string): Statement {
  return cached(db, sql, () => db.prepare<unknown[]>(sql));
}

/** The connection's statement for `sql`, each row its first column's value. */
export function plucked(db: Db, sql: string): Statement {
  return cached(db, `pluck:${sql}`, () => db.prepare<unknown[]>(sql).pluck());
}
