// A .spendmap file may come from anyone (email, a shared drive), so its schema is
// checked before any of it is used: SQLite runs the triggers and views a file carries,
// and a planted one could rewrite amounts, wipe the audit log or hang every query.
// The expected schema of each version is what our own migrations make on an empty
// in-memory database, so a new migration is covered without touching this file.
import type BetterSqlite3 from 'better-sqlite3';
import { Database } from './native';
import { MAX_LINE_PENCE, MAX_PROJECT_PENCE } from '../../../shared/money';
import { MIGRATIONS } from './migrations';

export interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

type Db = BetterSqlite3.Database;

/** SQLite's own bookkeeping, made and kept by SQLite itself (AUTOINCREMENT, ANALYZE). */
const INTERNAL = /^sqlite_(sequence|stat[1-4])$/;

const expected = new Map<number, Map<string, SchemaEntry>>();
const columns = new Map<string, readonly string[]>();

/** The schema sqlite_master holds, by name. */
export function schemaOf(db: Db): Map<string, SchemaEntry> {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as SchemaEntry[];
  return new Map(rows.map((r) => [r.name, r]));
}

/** What migrations 1…version make: the only schema a file of that version may have. */
export function expectedSchema(version: number): Map<string, SchemaEntry> {
  let s = expected.get(version);
  if (!s) {
    const db = new Database(':memory:');
    try {
      for (const m of MIGRATIONS) if (m.version <= version) db.exec(m.up);
      s = schemaOf(db);
    } finally {
      db.close();
    }
    expected.set(version, s);
  }
  return s;
}

/** The columns our migrations give `table` (current version): a fixed list, never read from a file. */
export function expectedColumns(table: string): readonly string[] {
  let c = columns.get(table);
  if (!c) {
    const db = new Database(':memory:');
    try {
      for (const m of MIGRATIONS) db.exec(m.up);
      c = Object.freeze((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]));
    } finally {
      db.close();
    }
    columns.set(table, c);
  }
  return c;
}

/** A name from the file, as the refusal shows it: quoted, and short whatever its length. */
const shown = (name: string) => JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);

/**
 * The differences between the file's schema and the one its version must have, in
 * words, for the refusal: empty when they are the same. Definitions are compared as
 * SQLite stores them (the CREATE text), which fixes every column, type, constraint and
 * index; an automatic index is compared by name and table.
 */
export function schemaDifferences(db: Db, version: number): string[] {
  const want = expectedSchema(version);
  const have = schemaOf(db);
  const out: string[] = [];
  for (const [name, e] of have) {
    if (INTERNAL.test(name)) continue;
    const w = want.get(name);
    if (!w) {
      const on = e.type === 'trigger' || e.type === 'index' ? ` on ${shown(e.tbl_name)}` : '';
      out.push(`it has a ${e.type} ${shown(name)}${on} that Spendmap does not make`);
    } else if (w.type !== e.type) out.push(`${shown(name)} is a ${e.type} where Spendmap has a ${w.type}`);
    else if (w.sql !== e.sql || w.tbl_name !== e.tbl_name) out.push(`the ${e.type} ${shown(name)} is not defined as Spendmap defines it`);
  }
  for (const [name, w] of want) if (!have.has(name)) out.push(`the ${w.type} ${shown(name)} is missing`);
  return out;
}

/** The storage types a column of each declared type may hold (NULL aside, which NOT NULL rules). */
const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;

const TYPE_OF: Record<string, string> = { INTEGER: "'integer'", REAL: "'real', 'integer'" };

/** The CHECK (…) expressions of a CREATE TABLE text of ours, in order. */
export function checkExpressions(sql: string): string[] {
  const out: string[] = [];
  const re = /\bCHECK\s*\(/gi;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < sql.length && depth > 0; i++) {
      const c = sql[i];
      if (c === "'") i = sql.indexOf("'", i + 1); // a string: its parentheses do not count
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    out.push(sql.slice(re.lastIndex, i - 1).trim());
    re.lastIndex = i;
  }
  return out;
}

/**
 * Rows breaking a CHECK rule. SQLite does not check these on a read-only connection
 * (it does not even load them), and the file is only looked at read-only until it
 * passes, so each rule of the expected schema, our own text, is run as a query here:
 * one scan per table.
 */
export function checkRuleProblems(db: Db, version: number): string[] {
  const out: string[] = [];
  for (const e of expectedSchema(version).values()) {
    if (e.type !== 'table' || !e.sql) continue;
    // SQLite stores any type in any column: a number column holding text would pass
    // "value >= 0" and turn every sum into nonsense. Each number column holds numbers
    // (a text column turns numbers into text itself; a rowid is always an integer).
    const columns = db.prepare('SELECT name, upper(type) AS type, pk FROM pragma_table_info(?)').all(e.name) as { name: string; type: string; pk: number }[];
    const rowidAlias = columns.filter((c) => c.pk > 0).length === 1 && !/WITHOUT ROWID\s*$/i.test(e.sql) ? columns.find((c) => c.pk > 0 && c.type === 'INTEGER') : undefined;
    const types = columns.flatMap((c) => {
      const allowed = TYPE_OF[c.type];
      if (!allowed || c === rowidAlias) return [];
      const what = c.type === 'INTEGER' ? 'a whole number' : 'a number';
      const says = (n: number) => `in ${e.name}, ${rows(n)} hold${n === 1 ? 's' : ''} in ${c.name} a value that is not ${what}`;
      return [{ rule: `typeof("${c.name}") IN (${allowed}, 'null')`, says }];
    });
    const rules = [
      ...checkExpressions(e.sql).map((r) => ({ rule: r, says: (n: number) => `CHECK constraint failed in ${e.name}: ${rows(n)} break${n === 1 ? 's' : ''} the rule ${r}` })),
      ...types,
    ];
    if (!rules.length) continue;
    // Fast path: one pass that stops at the first row breaking any rule (none, for a
    // file Spendmap wrote); only then count per rule, for the message.
    const any = db.prepare(`SELECT 1 FROM "${e.name}" WHERE ${rules.map((r) => `NOT (${r.rule})`).join(' OR ')} LIMIT 1`).get();
    if (!any) continue;
    const counts = db
      .prepare(`SELECT ${rules.map((r) => `total(NOT (${r.rule}))`).join(', ')} FROM "${e.name}"`)
      .raw()
      .get() as number[];
    rules.forEach((r, i) => {
      const n = counts[i]!;
      if (n > 0) out.push(r.says(n));
    });
  }
  return out;
}

/**
 * Rows that break the schema's own rules: damaged pages and NOT NULL (quick_check),
 * CHECK rules, and references to rows that are not there. Up to `max` problems, in words.
 */
export function dataProblems(db: Db, version: number, max = 5): string[] {
  const out: string[] = [];
  for (const r of db.pragma(`quick_check(${max})`) as { quick_check: string }[]) if (r.quick_check !== 'ok') out.push(r.quick_check);
  if (out.length) return out;
  out.push(...checkRuleProblems(db, version).slice(0, max));
  if (out.length) return out;
  const fk = db.prepare('PRAGMA foreign_key_check').raw().all() as [string, number | null, string, number][];
  for (const [table, rowid, parent] of fk.slice(0, max)) out.push(`a row of ${table}${rowid !== null ? ` (row ${rowid})` : ''} refers to a missing row of ${parent}`);
  if (fk.length > max) out.push(`… and ${fk.length - max} more such rows`);
  return out;
}

/**
 * Money the schema's CHECKs cannot hold to: at most £1 trillion a line and £10
 * trillion a project (ward figures too), as everything Spendmap writes is.
 * Past these, sums are no longer exact and every summary would fail.
 */
export function moneyProblems(db: Db): string[] {
  const out: string[] = [];
  const q = (sql: string) => db.prepare(sql).pluck().get() as number | null;
  for (const table of ['spend_lines', 'direct_figures']) {
    if ((q(`SELECT total(amount_pence) FROM ${table}`) ?? 0) > MAX_PROJECT_PENCE)
      out.push(`the amounts in ${table} add up to more than £10 trillion, the most a project may hold`);
  }
  if ((q('SELECT MAX(amount_pence) FROM spend_lines') ?? 0) > MAX_LINE_PENCE) out.push('a line holds more than £1 trillion, the most one line may hold');
  return out;
}

/**
 * Columns Spendmap fills with JSON and parses on use: each must hold the JSON kind it
 * is read as, or the first screen to read it would fail. (History rows are checked
 * entry by entry when undone: history/service.ts.)
 */
const JSON_COLUMNS: { table: string; column: string; kind: 'array' | 'object'; items?: 'object' }[] = [
  { table: 'project', column: 'pack_sources', kind: 'array', items: 'object' },
  { table: 'column_mappings', column: 'mapping', kind: 'object' },
];

export function jsonProblems(db: Db): string[] {
  const out: string[] = [];
  for (const { table, column, kind, items } of JSON_COLUMNS) {
    const itemRule = items ? ` OR EXISTS (SELECT 1 FROM json_each("${column}") WHERE type <> '${items}')` : '';
    const n = db
      .prepare(`SELECT COUNT(*) FROM "${table}" WHERE NOT json_valid("${column}") OR json_type("${column}") <> '${kind}'${itemRule}`)
      .pluck()
      .get() as number;
    if (n) out.push(`in ${table}, ${rows(n)} hold${n === 1 ? 's' : ''} in ${column} something that is not the JSON ${kind} Spendmap writes`);
  }
  return out;
}

/** Settings for a connection to a file we did not write: its schema runs no function it should not. */
export function harden(db: Db): void {
  db.unsafeMode(false); // keeps SQLITE_DBCONFIG_DEFENSIVE on: no writable_schema, no shadow-table writes
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
}
