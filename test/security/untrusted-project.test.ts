// Crafted .spendmap files, as someone could email them: real project files changed with
// a plain SQLite connection (a planted trigger, a view in place of a table, a recursive
// view, a dropped table, rows breaking the CHECK rules, a history row carrying SQL, money
// past the caps, format version 0). Each is refused before any of it is used, with the
// difference named, the file byte for byte as it was and nothing written beside it;
// through the real CLI, exit 1.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, openProject } from '../../electron/backend/project/lifecycle';
import { writeLines } from '../../electron/backend/budgets/lines';
import { step } from '../../electron/backend/history/service';
import { SCHEMA_VERSION } from '../../electron/backend/store/database';
import { runCli } from '../helpers/cli';
import { sha256File } from '../helpers/hash';
import { refusedWith } from '../helpers/project';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-untrusted-');
let template: string | null = null;

/** A real Kingston project with two lines, made by the app once per file. */
function templateFile(): string {
  if (template) return template;
  template = join(tmp(), 'template.spendmap');
  const p = createProject({ path: template, pack: 'wards2024', lad: 'E09000021', year: '2023-24' });
  writeLines(
    p,
    [
      { values: { ref: 'A1', partner: 'Kingston Hospital', partnerType: 'health', amount: '1000', basis: 'population' } },
      { values: { ref: 'A2', partner: 'Kingston Hospital', amount: '2000', basis: 'even' } },
    ],
    { source: 'test' },
  );
  p.close();
  return template;
}

/** A copy of the template, alone in a new folder, changed by `sql` on a plain connection. */
function crafted(sql: string, opts: { foreignKeys?: boolean; ignoreChecks?: boolean; unsafe?: boolean; version?: number; from?: string } = {}): string {
  const dir = join(tmp(), 'f');
  mkdirSync(dir);
  const path = join(dir, 'sent-by-email.spendmap');
  copyFileSync(opts.from ?? templateFile(), path);
  const db = new Database(path);
  db.pragma(`foreign_keys = ${opts.foreignKeys === false ? 'OFF' : 'ON'}`);
  if (opts.ignoreChecks) db.pragma('ignore_check_constraints = ON');
  if (opts.unsafe) db.unsafeMode(true); // lets writable_schema edit sqlite_master, as any SQLite tool can
  db.exec(sql);
  if (opts.version !== undefined) db.pragma(`user_version = ${opts.version}`);
  db.pragma('journal_mode = DELETE');
  db.close();
  return path;
}

/** Opens `path`, which must be refused, and checks nothing changed in or beside it. */
async function refusal(path: string): Promise<string> {
  const dir = join(path, '..');
  const before = { hash: sha256File(path), files: readdirSync(dir).sort() };
  const err = await refusedWith(() => openProject(path));
  expect(err.code).toBe('PROJECT_FILE');
  expect(err.message).toContain('sent-by-email.spendmap');
  expect(sha256File(path)).toBe(before.hash);
  expect(readdirSync(dir).sort()).toEqual(before.files);
  return err.message;
}

describe('a project file changed outside Spendmap is refused before use', () => {
  it('still opens the untouched template (the checks pass on what Spendmap writes)', () => {
    const p = openProject(crafted('SELECT 1'));
    expect(p.db.prepare('SELECT COUNT(*) FROM spend_lines').pluck().get()).toBe(2);
    p.close();
  });

  const cases: [string, string, Parameters<typeof crafted>[1], RegExp][] = [
    [
      'a trigger that multiplies imported amounts by 10 and wipes the audit log',
      `CREATE TRIGGER boost AFTER INSERT ON spend_lines BEGIN
         UPDATE spend_lines SET amount_pence = amount_pence * 10 WHERE id = new.id; DELETE FROM audit_log; END;`,
      {},
      /trigger "boost" on "spend_lines" that Spendmap does not make/,
    ],
    [
      'a view shadowing a table (a neighbourhood gets every ward)',
      `DROP TABLE neighbourhood_wards;
       CREATE VIEW neighbourhood_wards AS SELECT n.id AS neighbourhood_id, w.code AS ward_code FROM neighbourhoods n, wards w;`,
      { foreignKeys: false },
      /"neighbourhood_wards" is a view where Spendmap has a table/,
    ],
    [
      'a recursive view in place of the wards table (would hang every query)',
      `DROP TABLE wards;
       CREATE VIEW wards AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'E05' || x AS code, 'w' AS name FROM c;`,
      { foreignKeys: false },
      /"wards" is a view where Spendmap has a table/,
    ],
    [
      'an extra recursive view',
      `CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;`,
      {},
      /view "forever" that Spendmap does not make/,
    ],
    ['a dropped table', 'DROP TABLE history;', {}, /the table "history" is missing/],
    ['a dropped index', 'DROP INDEX spend_lines_ref_nocase;', {}, /the index "spend_lines_ref_nocase" is missing/],
    ['a column added to a table', 'ALTER TABLE partners ADD COLUMN note TEXT;', {}, /the table "partners" is not defined as Spendmap defines it/],
    [
      'a table redefined without its CHECK rules',
      `PRAGMA writable_schema = ON;
       UPDATE sqlite_master SET sql = replace(sql, 'CHECK (amount_pence >= 0)', '') WHERE name = 'direct_figures';`,
      { unsafe: true },
      /the table "direct_figures" is not defined as Spendmap defines it/,
    ],
    [
      'a row breaking a CHECK rule (a partner type that does not exist)',
      `INSERT INTO partners (name, type) VALUES ('Pirates Ltd', 'pirate');`,
      { ignoreChecks: true },
      /CHECK constraint failed in partners: 1 row breaks the rule type IN \('council'/,
    ],
    [
      'a negative amount (a CHECK rule)',
      `UPDATE spend_lines SET amount_pence = -500 WHERE ref = 'A1';`,
      { ignoreChecks: true },
      /CHECK constraint failed in spend_lines: 1 row breaks the rule amount_pence >= 0/,
    ],
    [
      'a line whose partner is not there',
      `UPDATE spend_lines SET partner_id = 999 WHERE ref = 'A1';`,
      { foreignKeys: false },
      /a row of spend_lines \(row 1\) refers to a missing row of partners/,
    ],
    ['an amount that is not whole pence', `UPDATE spend_lines SET amount_pence = 150.5 WHERE ref = 'A1';`, {}, /in spend_lines, 1 row holds in amount_pence a value that is not a whole number/],
    [
      'a ward proxy value that is text (it passes "value >= 0")',
      `UPDATE proxy_values SET value = 'lots' WHERE proxy_id = 1 AND ward_code = (SELECT MIN(ward_code) FROM proxy_values);`,
      {},
      /in proxy_values, 1 row holds in value a value that is not a number/,
    ],
    [
      'ward figures past £10 trillion (sums no longer exact)',
      `INSERT INTO direct_figures (line_id, ward_code, amount_pence) SELECT 1, code, 100000000000000 FROM wards LIMIT 11;`,
      {},
      /direct_figures add up to more than £10 trillion/,
    ],
    ['settings whose JSON is broken', `UPDATE project SET pack_sources = '{';`, {}, /in project, 1 row holds in pack_sources something that is not the JSON array Spendmap writes/],
    [
      'a remembered column mapping that is not a JSON object',
      `INSERT INTO column_mappings (partner_key, mapping, units, updated_at) VALUES ('k', '[1]', 'pounds', '2024-01-01');`,
      {},
      /in column_mappings, 1 row holds in mapping something that is not the JSON object/,
    ],
    ['a line past £1 trillion', `UPDATE spend_lines SET amount_pence = 100000000000001 WHERE ref = 'A1';`, {}, /more than £1 trillion/],
  ];

  for (const [what, sql, opts, message] of cases)
    it(`refuses ${what}, naming it`, async () => {
      const started = Date.now();
      expect(await refusal(crafted(sql, opts))).toMatch(message);
      expect(Date.now() - started).toBeLessThan(2000);
    });

  it('refuses format version 0 before migrating, with no backup written beside it', async () => {
    expect(await refusal(crafted('SELECT 1', { version: 0 }))).toMatch(/incomplete \(file format 0/);
  });

  it('refuses a version no Spendmap wrote (negative)', async () => {
    expect(await refusal(crafted('SELECT 1', { version: -7 }))).toMatch(/file format -7 is not one Spendmap ever wrote/);
  });

  it('checks an older file against the schema of its own version, before the migration and its backup', async () => {
    const v1 = join(repoRoot, 'test', 'fixtures', 'schemas', 'v1.spendmap');
    const msg = await refusal(crafted('CREATE TRIGGER t AFTER DELETE ON audit_log BEGIN SELECT 1; END;', { from: v1 }));
    expect(msg).toMatch(/trigger "t" on "audit_log"/);
    // The same file as Spendmap made it still migrates: the check is the one of version 1.
    const p = openProject(crafted('SELECT 1', { from: v1 }));
    expect(p.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    p.close();
  });

  it('opens with trusted_schema off, defensive on and no extension loading', () => {
    const p = openProject(crafted('SELECT 1'));
    try {
      expect(p.db.pragma('trusted_schema', { simple: true })).toBe(0);
      expect(p.db.pragma('cell_size_check', { simple: true })).toBe(1);
      expect(() => p.db.prepare("SELECT load_extension('/tmp/evil')").get()).toThrow(/not authorized/);
      p.db.pragma('writable_schema = ON');
      expect(() => p.db.prepare("UPDATE sqlite_master SET sql = 'x' WHERE name = 'wards'").run()).toThrow(/may not be modified|not authorized|read-only/);
    } finally {
      p.close();
    }
  });
});

describe('undo history from a file is used only through a fixed list of columns', () => {
  const tampered = (changes: unknown) =>
    crafted(`UPDATE history SET changes = '${JSON.stringify(changes).replace(/'/g, "''")}', undone = 0 WHERE id = (SELECT MAX(id) FROM history);`);

  it('refuses a history row whose column name carries SQL, and changes nothing', async () => {
    const path = tampered([{ kind: 'update', line: 1, ref: 'A1', fields: { 'amount_pence" = 0, "description': [100000, 5] } }]);
    const p = openProject(path);
    try {
      const before = p.db.prepare('SELECT * FROM spend_lines ORDER BY id').all();
      const err = await refusedWith(() => step(p, 'undo'));
      expect(err.code).toBe('PROJECT_FILE');
      expect(err.message).toMatch(/undo history .* names a column "amount_pence" = 0, "description" that lines do not have/);
      expect(p.db.prepare('SELECT * FROM spend_lines ORDER BY id').all()).toEqual(before);
    } finally {
      p.close();
    }
  });

  it('refuses a re-created line naming a column lines do not have, and values that are not plain', async () => {
    for (const [changes, why] of [
      [[{ kind: 'delete', row: { id: 9, ref: 'Z', 'x); DROP TABLE wards; --': 1 }, direct: [] }], /names a column/],
      [[{ kind: 'update', line: 1, ref: 'A1', fields: { amount_pence: [{ evil: 1 }, 5] } }], /not plain text or a number/],
      [[{ kind: 'sql', text: 'DELETE FROM audit_log' }], /unknown kind/],
    ] as const) {
      const p = openProject(tampered(changes));
      try {
        expect((await refusedWith(() => step(p, 'undo'))).message).toMatch(why);
        expect(p.db.prepare('SELECT COUNT(*) FROM wards').pluck().get()).toBeGreaterThan(0);
      } finally {
        p.close();
      }
    }
  });
});

describe('through the real CLI, a crafted file exits 1 with the difference named', () => {
  it('refuses the trigger, the CHECK violation and the dropped table with exit 1, changing nothing', async () => {
    const env = { SPENDMAP_DATA: tmp() };
    for (const [sql, opts, message] of [
      ['CREATE TRIGGER boost AFTER INSERT ON spend_lines BEGIN DELETE FROM audit_log; END;', {}, /trigger "boost"/],
      ["INSERT INTO partners (name, type) VALUES ('Pirates Ltd', 'pirate');", { ignoreChecks: true }, /CHECK constraint failed in partners/],
      ['DROP TABLE history;', {}, /the table "history" is missing/],
    ] as const) {
      const path = crafted(sql, opts);
      const before = sha256File(path);
      const r = await runCli(['allocate', path], { env });
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(1);
      expect(sha256File(path)).toBe(before);
      expect(readdirSync(join(path, '..'))).toEqual(['sent-by-email.spendmap']);
    }
  }, 60_000);
});
