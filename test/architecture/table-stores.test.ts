// Issue #11: a table's SQL lives in one place. Every SQL statement in the app that names
// a table stands in that table's store module (a statement joining tables may stand in
// the store of any table it names: the one it is about); only the migrations and the
// schema check name tables freely. The scanner is proven on synthetic sources first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSites, misplaced, schemaTables, sitesIn, sitesPerTable, tablesNamed, TABLE_STORES } from '../helpers/sql-sites';
import { repoRoot } from '../helpers/paths';

const TABLES = ['spend_lines', 'partners', 'direct_figures', 'proposals'];

describe('the scanner', () => {
  it('finds the tables a statement names after FROM, JOIN, INTO, UPDATE and TABLE', () => {
    expect(tablesNamed('SELECT l.ref FROM direct_figures f JOIN spend_lines l ON l.id = f.line_id', TABLES)).toEqual(['direct_figures', 'spend_lines']);
    expect(tablesNamed('INSERT INTO partners (name) VALUES (?)', TABLES)).toEqual(['partners']);
    expect(tablesNamed('UPDATE "proposals" SET name = ?', TABLES)).toEqual(['proposals']);
    expect(tablesNamed('DELETE FROM spend_lines; DELETE FROM spend_lines WHERE id = ?', TABLES)).toEqual(['spend_lines']);
    // Prose and other words are not SQL: lower-case "from", a table name alone, a longer name.
    expect(tablesNamed('Line removed from partners list', TABLES)).toEqual([]);
    expect(tablesNamed('the partners of spend_lines', TABLES)).toEqual([]);
    expect(tablesNamed('SELECT * FROM partners_old', TABLES)).toEqual([]);
  });

  it('reads string and template literals, one site per literal, never comments', () => {
    const src = [
      "// SELECT * FROM partners",
      "/* UPDATE proposals SET x = 1 */",
      "const a = db.prepare('SELECT id FROM partners WHERE name = ?');",
      'const b = `SELECT ${cols} FROM spend_lines l',
      '  JOIN partners p ON p.id = l.partner_id ${where}`;',
      'const c = "DELETE FROM direct_figures";',
      'const d = `UPDATE proposals SET body = ${`nested ${"INSERT INTO partners"}`}`;',
    ].join('\n');
    expect(sitesIn('electron/backend/x.ts', src, TABLES)).toEqual([
      { file: 'electron/backend/x.ts', line: 3, tables: ['partners'] },
      { file: 'electron/backend/x.ts', line: 4, tables: ['spend_lines', 'partners'] },
      { file: 'electron/backend/x.ts', line: 6, tables: ['direct_figures'] },
      { file: 'electron/backend/x.ts', line: 7, tables: ['proposals'] },
      { file: 'electron/backend/x.ts', line: 7, tables: ['partners'] },
    ]);
  });

  it("flags a statement outside its table's store, allows a join in the store of a table it names", () => {
    const stores = { spend_lines: 'a/lines-store.ts', partners: 'a/partners-store.ts', wards: null };
    expect(misplaced({ file: 'a/service.ts', line: 1, tables: ['partners'] }, stores)).toBe(true);
    expect(misplaced({ file: 'a/partners-store.ts', line: 1, tables: ['partners'] }, stores)).toBe(false);
    expect(misplaced({ file: 'a/lines-store.ts', line: 1, tables: ['spend_lines', 'partners'] }, stores)).toBe(false);
    expect(misplaced({ file: 'a/partners-store.ts', line: 1, tables: ['partners', 'spend_lines'] }, stores)).toBe(false);
    expect(misplaced({ file: 'a/lines-store.ts', line: 1, tables: ['partners'] }, stores)).toBe(true);
    expect(misplaced({ file: 'electron/backend/store/migrations/001-initial.ts', line: 1, tables: ['partners'] }, stores)).toBe(false);
    expect(misplaced({ file: 'electron/backend/store/verify.ts', line: 1, tables: ['spend_lines'] }, stores)).toBe(false);
  });
});

describe('the repository', () => {
  const sites = allSites(repoRoot);

  it('names every table of the schema, each with a store module that exists', () => {
    const tables = schemaTables(repoRoot);
    expect(tables).toEqual(expect.arrayContaining(['spend_lines', 'partners', 'direct_figures', 'line_agreements', 'proposals']));
    expect(Object.keys(TABLE_STORES).sort()).toEqual([...tables].sort());
    for (const [table, store] of Object.entries(TABLE_STORES)) if (store) expect(existsSync(join(repoRoot, store)), `${table}: ${store}`).toBe(true);
  });

  it("keeps every statement on a table in that table's store", () => {
    // The scan must really see the app's SQL: the lines store alone has dozens of statements.
    expect(sites.filter((s) => s.file === TABLE_STORES.spend_lines).length).toBeGreaterThan(20);
    expect(sites.filter((s) => misplaced(s)).map((s) => `${s.file}:${s.line} names ${s.tables.join(', ')} outside ${s.tables.map((t) => TABLE_STORES[t]).join(' / ')}`)).toEqual([]);
  });

  it('prints the SQL sites per table (the closing note of issue #11)', () => {
    const perTable = sitesPerTable(sites);
    const lines = [...perTable].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, files]) => {
      const total = [...files.values()].reduce((s, n) => s + n, 0);
      return `${t.padEnd(20)} ${String(total).padStart(3)}  ${[...files].map(([f, n]) => `${f.replace('electron/backend/', '')} ${n}`).join(', ')}`;
    });
    console.log(`SQL sites per table (statements naming it; outside migrations and the schema check):\n${lines.join('\n')}`);
    expect(perTable.get('spend_lines')?.get(TABLE_STORES.spend_lines!)).toBeGreaterThan(20);
  });
});
