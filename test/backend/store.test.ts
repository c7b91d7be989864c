// The project file: created whole, configured as documented, refused with a clear
// message and left untouched when it is not ours, and migrated with a backup.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/result';
import { createProject, openProject } from '../../electron/backend/project/lifecycle';
import { SCHEMA_VERSION } from '../../electron/backend/store/database';
import { MIGRATIONS } from '../../electron/backend/store/migrations';
import {
  foreignSqliteFile,
  KINGSTON,
  newerProjectFile,
  newKingston,
  olderSchemaFile,
  randomBytesFile,
  realProjectFile,
  SPENDMAP_APPLICATION_ID,
  textFile,
  truncatedProjectFile,
} from '../fixtures/projects';
import { dumpDb } from '../helpers/db';
import { sha256File } from '../helpers/hash';
import { lookupWards, STANDARD_PROXY_NAMES } from '../helpers/official';
import { repoRoot, resourcesDir } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-store-');

/** Calls fn, which must throw an AppError; returns it. */
function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** The logical content of a SQLite file: header values, schema and every row. */
function contentOf(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name").all() as { type: string; name: string }[];
    const rows = dumpDb(db);
    return {
      userVersion: db.pragma('user_version', { simple: true }),
      applicationId: db.pragma('application_id', { simple: true }),
      schema,
      rows,
    };
  } finally {
    db.close();
  }
}

const packJson = (id: string) =>
  JSON.parse(readFileSync(join(resourcesDir, 'reference', `${id}.json`), 'utf8')) as {
    proxies: Record<string, { label: string; source: string; year: string }>;
    sources: unknown[];
  };

describe('creating a project', () => {
  let dir: string;
  let path: string;
  let listingAfterClose: string[];
  let facts: {
    journalMode: unknown;
    foreignKeys: unknown;
    applicationId: unknown;
    userVersion: unknown;
    project: Record<string, unknown>;
    wards: { code: string; name: string }[];
    proxies: { name: string; label: string; source: string; year: string; custom: number; position: number }[];
    values: { name: string; ward_code: string; value: number }[];
    audit: { action: string; entity: string; note: string }[];
  };

  beforeAll(() => {
    dir = tmp();
    path = join(dir, 'Kingston 2023-24.spendmap');
    const project = newKingston(path);
    const db = project.db;
    facts = {
      journalMode: db.pragma('journal_mode', { simple: true }),
      foreignKeys: db.pragma('foreign_keys', { simple: true }),
      applicationId: db.pragma('application_id', { simple: true }),
      userVersion: db.pragma('user_version', { simple: true }),
      project: db.prepare('SELECT * FROM project').get() as Record<string, unknown>,
      wards: db.prepare('SELECT code, name FROM wards ORDER BY code').all() as { code: string; name: string }[],
      proxies: db.prepare('SELECT name, label, source, year, custom, position FROM proxies ORDER BY position').all() as never,
      values: db
        .prepare('SELECT p.name, v.ward_code, v.value FROM proxy_values v JOIN proxies p ON p.id = v.proxy_id')
        .all() as never,
      audit: db.prepare('SELECT action, entity, note FROM audit_log').all() as never,
    };
    project.close();
    listingAfterClose = readdirSync(dir);
  });

  it('writes a real SQLite file with WAL journal, foreign keys on, our application_id and the current user_version', () => {
    const header = readFileSync(path).subarray(0, 100);
    expect(header.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    // "SPMP" in the header (offset 68) and through the pragma.
    expect(header.readUInt32BE(68)).toBe(Buffer.from('SPMP', 'latin1').readUInt32BE(0));
    expect(facts.applicationId).toBe(SPENDMAP_APPLICATION_ID);
    // WAL is persistent: header bytes 18/19 are 2 for a WAL database.
    expect([header[18], header[19]]).toEqual([2, 2]);
    expect(facts.journalMode).toBe('wal');
    expect(facts.foreignKeys).toBe(1);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(facts.userVersion).toBe(SCHEMA_VERSION);
    expect(header.readUInt32BE(60)).toBe(SCHEMA_VERSION);
  });

  it('is written whole: only the project file is left in the folder once closed', () => {
    expect(listingAfterClose).toEqual([basename(path)]);
  });

  it("records the authority, year and the pack's sources", () => {
    expect(facts.project.lad_code).toBe(KINGSTON);
    expect(facts.project.lad_name).toBe('Kingston upon Thames');
    expect(facts.project.year).toBe('2023-24');
    expect(facts.project.pack_id).toBe('wards2024');
    expect(JSON.parse(facts.project.pack_sources as string)).toEqual(packJson('wards2024').sources);
    expect(facts.audit).toEqual([expect.objectContaining({ action: 'create', entity: 'project' })]);
  });

  it("holds exactly the authority's wards from the ONS lookup", () => {
    const official = lookupWards('wards2024', KINGSTON).map(({ code, name }) => ({ code, name }));
    expect(official).toHaveLength(19);
    expect(facts.wards).toEqual(official);
  });

  it('holds the 8 standard proxies in order, each with its source and year, for every ward', () => {
    const meta = packJson('wards2024').proxies;
    // The 8 standard proxies, then the pack's Census 2021 and schools ones (docs/method.md).
    expect(facts.proxies.map((p) => p.name)).toEqual(Object.keys(meta));
    expect(facts.proxies.slice(0, 8).map((p) => p.name)).toEqual([...STANDARD_PROXY_NAMES]);
    expect(facts.proxies).toHaveLength(14);
    for (const p of facts.proxies) {
      expect(p.custom).toBe(0);
      expect(p.source).toContain(meta[p.name]!.source);
      expect(p.source).toContain('wards2024');
      expect(p.year).toBe(meta[p.name]!.year);
      expect(p.year).not.toBe('');
      expect(facts.values.filter((v) => v.name === p.name)).toHaveLength(19);
    }
    // Documented figures (SOURCES.md 4a): Kingston 172,692; Norbiton E05013941 = 11,794.
    const pop = facts.values.filter((v) => v.name === 'population');
    expect(pop.reduce((s, v) => s + v.value, 0)).toBe(172_692);
    expect(pop.find((v) => v.ward_code === 'E05013941')?.value).toBe(11_794);
  });

  it('opens again with foreign keys on for the new connection', () => {
    const p = openProject(path);
    try {
      expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(() => p.db.prepare("INSERT INTO proxy_values (proxy_id, ward_code, value) VALUES (1, 'E05999999', 1)").run()).toThrow(
        /FOREIGN KEY/,
      );
    } finally {
      p.close();
    }
  });

  it('makes a 2019-ward project with the 16 old wards', () => {
    const p = createProject({ path: join(tmp(), 'k2019.spendmap'), pack: 'wards2019', lad: 'e09000021', year: '2019/20' });
    try {
      expect(p.wards().map((w) => w.code)).toEqual(lookupWards('wards2019', KINGSTON).map((w) => w.code));
      expect(p.wards()).toHaveLength(16);
      expect(p.settings().year).toBe('2019-20');
      expect(p.settings().ladCode).toBe(KINGSTON);
    } finally {
      p.close();
    }
  });
});

describe('refusing files that are not Spendmap projects, leaving them untouched', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['random bytes', randomBytesFile, /not a Spendmap project.*not a SQLite database/],
    ['a text file', textFile, /not a Spendmap project.*not a SQLite database/],
    ['a SQLite file from another program', foreignSqliteFile, /not a Spendmap project.*another program/],
    [
      'a file from a newer version',
      (dir) => newerProjectFile(dir, SCHEMA_VERSION),
      new RegExp(`newer version of Spendmap \\(file format ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}\\)`),
    ],
    ['a truncated project (first half of a real file)', truncatedProjectFile, /damaged/],
  ];

  for (const [what, make, message] of cases) {
    it(`refuses ${what}`, () => {
      const path = make(tmp());
      const before = sha256File(path);
      const err = refusal(() => openProject(path));
      expect(err.code).toBe('PROJECT_FILE');
      expect(err.message.startsWith(`${basename(path)}: `)).toBe(true);
      expect(err.message).toMatch(message);
      expect(sha256File(path)).toBe(before);
    });
  }

  it('refuses a missing file and does not create it', () => {
    const path = join(tmp(), 'nowhere.spendmap');
    const err = refusal(() => openProject(path));
    expect(err.code).toBe('PROJECT_FILE');
    expect(err.message).toMatch(/nowhere\.spendmap: no such file/);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a folder', () => {
    const dir = tmp();
    const err = refusal(() => openProject(dir));
    expect(err.code).toBe('PROJECT_FILE');
    expect(err.message).toMatch(/folder/);
  });

  it('refuses a read-only project file (chmod 0444) and leaves it as it was', (ctx) => {
    const dir = tmp();
    const path = realProjectFile(dir, 'read-only.spendmap');
    chmodSync(dir, 0o777); // the folder stays writable: only the file is read-only
    chmodSync(path, 0o444);
    const before = sha256File(path);
    let outcome: { ok: boolean; code?: string; message?: string };
    if (process.getuid?.() !== 0) {
      try {
        openProject(path).close();
        outcome = { ok: true };
      } catch (e) {
        outcome = { ok: false, code: (e as AppError).code, message: (e as Error).message };
      }
    } else {
      // As root, access() reports every file writable, so the refusal cannot be seen
      // in this process. Ask an unprivileged user (nobody) to open it instead.
      const r = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['test/helpers/open-project-child.ts', path], {
        cwd: repoRoot,
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        env: { ...process.env, HOME: dir },
        timeout: 30_000,
      });
      if (r.error || r.status !== 0 || !r.stdout.trim())
        ctx.skip(
          `tests run as root, where access() reports a 0444 file writable, and dropping to uid 65534 failed (${r.error?.message ?? r.stderr.slice(0, 200)}); the read-only refusal cannot be observed here`,
        );
      outcome = JSON.parse(r.stdout.trim().split('\n').pop()!);
    }
    expect(outcome).toEqual({ ok: false, code: 'PROJECT_FILE', message: expect.stringMatching(/read-only\.spendmap: .*read-only/) });
    expect(sha256File(path)).toBe(before);
  });
});

describe('creating over an existing file', () => {
  it('refuses without force, names --force, and leaves the file untouched', () => {
    const dir = tmp();
    const path = realProjectFile(dir, 'existing.spendmap');
    const before = sha256File(path);
    const err = refusal(() => createProject({ path, pack: 'wards2019', lad: KINGSTON, year: '2020-21' }));
    expect(err.code).toBe('PROJECT_FILE');
    expect(err.message).toMatch(/already exists/);
    expect(err.message).toMatch(/--force/);
    expect(sha256File(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['existing.spendmap']);
  });

  it('refuses to overwrite a file that is not a project either', () => {
    const dir = tmp();
    const path = textFile(dir);
    const before = sha256File(path);
    expect(refusal(() => createProject({ path, pack: 'wards2024', lad: KINGSTON, year: '2023-24' })).code).toBe('PROJECT_FILE');
    expect(sha256File(path)).toBe(before);
  });

  it('replaces the file with force', () => {
    const dir = tmp();
    const path = realProjectFile(dir, 'replace-me.spendmap');
    const p = createProject({ path, pack: 'wards2019', lad: KINGSTON, year: '2020-21', force: true });
    try {
      expect(p.settings().packId).toBe('wards2019');
      expect(p.settings().year).toBe('2020-21');
      expect(p.wards()).toHaveLength(16);
    } finally {
      p.close();
    }
    expect(readdirSync(dir).sort()).toEqual(['replace-me.spendmap']);
    expect(contentOf(path).rows.wards).toHaveLength(16);
  });

  it('creates nothing when the authority, the year or the folder is wrong', () => {
    const dir = tmp();
    const path = join(dir, 'bad.spendmap');
    expect(refusal(() => createProject({ path, pack: 'wards2024', lad: 'E09999999', year: '2023-24' })).code).toBe('NOT_FOUND');
    expect(refusal(() => createProject({ path, pack: 'wards2024', lad: KINGSTON, year: '2023-25' })).code).toBe('INPUT');
    expect(refusal(() => createProject({ path, pack: 'wards1999', lad: KINGSTON, year: '2023-24' })).code).toBe('NOT_FOUND');
    expect(refusal(() => createProject({ path: join(dir, 'no', 'such', 'x.spendmap'), pack: 'wards2024', lad: KINGSTON, year: '2023-24' })).code).toBe(
      'PROJECT_FILE',
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('migrating a file from an older schema', () => {
  // test/fixtures/schemas/v<N>.spendmap: a real project saved by each earlier schema version.
  const fixture = (dir: string, version: number) => {
    const path = join(dir, `v${version}.spendmap`);
    copyFileSync(join(repoRoot, 'test', 'fixtures', 'schemas', `v${version}.spendmap`), path);
    return path;
  };

  // Versions are numbered by the migrations (a branch may leave a gap until its neighbour's lands).
  const earlier = MIGRATIONS.map((m) => m.version).filter((v) => v < SCHEMA_VERSION);

  it('keeps a fixture of every earlier schema version', () => {
    for (const v of earlier) expect(existsSync(join(repoRoot, 'test', 'fixtures', 'schemas', `v${v}.spendmap`))).toBe(true);
  });

  for (const version of earlier) {
    it(`migrates a schema ${version} project, keeps its data, and leaves a backup identical to the original`, () => {
      const dir = tmp();
      const path = fixture(dir, version);
      const original = contentOf(path);
      expect(original.userVersion).toBe(version);
      expect(original.applicationId).toBe(SPENDMAP_APPLICATION_ID);

      const p = openProject(path);
      try {
        expect(p.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
        // The original's columns, as they were (later migrations may add columns).
        for (const table of ['spend_lines', 'partners', 'wards', 'proxy_values', 'neighbourhoods']) {
          const before = original.rows[table] as Record<string, unknown>[];
          const cols = before.length ? Object.keys(before[0]!) : ['*'];
          expect(p.db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${table} ORDER BY 1`).all()).toEqual(before);
        }
        const audit = p.db.prepare("SELECT action, note FROM audit_log WHERE action = 'migrate'").all() as { note: string }[];
        expect(audit).toHaveLength(1);
        expect(audit[0]!.note).toContain(`${path}.v${version}-backup`);
      } finally {
        p.close();
      }
      const backup = `${path}.v${version}-backup`;
      expect(existsSync(backup)).toBe(true);
      expect(contentOf(backup)).toEqual(original);
    });

    it(`does not migrate (or back up) a schema ${version} project again once current`, () => {
      const dir = tmp();
      const path = fixture(dir, version);
      openProject(path).close();
      const backup = `${path}.v${version}-backup`;
      writeFileSync(backup, 'marker: must not be replaced');
      const p = openProject(path);
      try {
        expect(p.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'migrate'").pluck().get()).toBe(1);
      } finally {
        p.close();
      }
      expect(readFileSync(backup, 'utf8')).toBe('marker: must not be replaced');
    });
  }

  it('refuses a schema 1 file that its migration cannot upgrade, and leaves it as it was', () => {
    const dir = tmp();
    const path = fixture(dir, 1);
    const db = new Database(path);
    // Two refs that differ only in case: schema 2's case-insensitive unique index fails.
    db.prepare("UPDATE spend_lines SET ref = 'dup' WHERE id = 1").run();
    db.prepare("UPDATE spend_lines SET ref = 'DUP' WHERE id = 2").run();
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = sha256File(path);
    const err = refusal(() => openProject(path));
    expect(err.code).toBe('PROJECT_FILE');
    expect(err.message).toMatch(/left as it was/);
    expect(sha256File(path)).toBe(before);
    expect(contentOf(path).userVersion).toBe(1);
  });

  it('refuses a Spendmap file with no tables at all (never saved whole)', () => {
    const dir = tmp();
    const path = olderSchemaFile(dir);
    expect(refusal(() => openProject(path)).message).toMatch(/incomplete/);
  });

  it('refuses a file whose migration fails and leaves it as it was', () => {
    const dir = tmp();
    const path = join(dir, 'clash.spendmap');
    const db = new Database(path);
    db.pragma(`application_id = ${SPENDMAP_APPLICATION_ID}`);
    db.exec("CREATE TABLE wards (x TEXT); INSERT INTO wards VALUES ('not ours')"); // clashes with migration 1
    db.close();
    const before = sha256File(path);
    const err = refusal(() => openProject(path));
    expect(err.code).toBe('PROJECT_FILE');
    expect(err.message).toMatch(/left as it was/);
    expect(sha256File(path)).toBe(before);
    expect(contentOf(path).userVersion).toBe(0);
  });
});
