// Opening and creating .spendmap files: one SQLite database per project.
// A file that is not ours, is newer than us, is damaged or read-only is refused
// with a clear message and left exactly as it was.
import type BetterSqlite3 from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { checkOutputFile } from '../files';
import { writeAudit } from '../audit/log';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { Database } from './native';
import { dataProblems, harden, jsonProblems, moneyProblems, schemaDifferences } from './verify';

export type Db = BetterSqlite3.Database;

/** PRAGMA application_id of every Spendmap project: "SPMP". */
export const APPLICATION_ID = 0x53504d50;
export { SCHEMA_VERSION };

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function refuse(path: string, message: string): AppError {
  return new AppError('PROJECT_FILE', `${basename(path)}: ${message}`, { path });
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged edit survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Applies the migrations after `from`, all in one transaction with, for an existing
 * project, the audit entry saying so: a crash leaves the file either as it was or fully
 * migrated and logged, never at a version in between (which would take a second backup).
 */
function migrate(db: Db, from: number, note: string | null = null): void {
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }
    if (note) writeAudit(db, [{ action: 'migrate', entity: 'project', note }]);
  })();
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function removeSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix)) unlinkSync(path + suffix);
  }
}

/**
 * Creates a project file whole or not at all: the schema and `fill` are written to a
 * temporary file beside the target, which is renamed into place only when complete.
 */
export function createProjectDb(path: string, fill: (db: Db) => void, opts: { force?: boolean } = {}): void {
  if (existsSync(path) && !opts.force)
    throw refuse(path, 'a file with this name already exists. Choose another name, or replace it (--force on the command line).');
  const dir = dirname(path);
  if (!existsSync(dir)) throw refuse(path, `the folder ${dir} does not exist.`);
  try {
    checkOutputFile(path);
  } catch (e) {
    throw new AppError('PROJECT_FILE', (e as AppError).message, { path });
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.creating`);
  let db: Db;
  try {
    removeSidecars(tmp);
    if (existsSync(tmp)) unlinkSync(tmp);
    db = new Database(tmp);
  } catch (e) {
    throw refuse(path, `cannot create the file there (${(e as Error).message}). Choose another folder.`);
  }
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 0);
    db.transaction(() => fill(db))();
    db.pragma('journal_mode = WAL');
    db.close();
  } catch (e) {
    if (db.open) db.close();
    removeSidecars(tmp);
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  // A stale -wal from a replaced file would be replayed into the new one.
  removeSidecars(path);
  renameSync(tmp, path);
}

/** Sidecar files (-wal, -shm) that did not exist before: removed again if we refuse the file. */
function newSidecars(path: string): () => void {
  const before = new Set(['-wal', '-shm'].filter((s) => existsSync(path + s)));
  return () => {
    for (const s of ['-wal', '-shm']) {
      if (before.has(s) || !existsSync(path + s)) continue;
      try {
        unlinkSync(path + s);
      } catch {
        /* still in use elsewhere: leave it */
      }
    }
  };
}

/** Rolls back a hot journal left by a crash, with a connection that may write; a no-op without one. */
function recoverHotJournal(path: string): void {
  if (!existsSync(`${path}-journal`)) return;
  let db: Db | null = null;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // Any read makes SQLite look at the journal and, when it is hot, roll it back.
    db.pragma('user_version', { simple: true });
  } catch {
    /* the probe below says what is wrong */
  } finally {
    db?.close();
  }
}

/**
 * A whole copy of the project as it is, at `target`: written beside it under a
 * temporary name, flushed, then renamed, so a crash never leaves half a backup under
 * the backup's name (the temporary one is cleared on the next try).
 */
function writeBackup(db: Db, target: string): void {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  for (const f of readdirSync(dirname(target)))
    if (f.startsWith(`.${basename(target)}.`) && /\.partial(-journal|-wal|-shm)?$/.test(f)) unlinkSync(join(dirname(target), f));
  db.prepare('VACUUM INTO ?').run(tmp);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
  syncFolder(dirname(target));
}

/** Makes a rename in `dir` durable (POSIX); Windows has no folder handles to flush, and needs none. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

export function openProjectDb(path: string): Db {
  const cleanUp = newSidecars(path);
  try {
    return openChecked(path);
  } catch (e) {
    cleanUp();
    throw e;
  }
}

function openChecked(path: string): Db {
  if (!existsSync(path)) throw refuse(path, 'no such file. Check the name and folder.');
  const st = statSync(path);
  if (!st.isFile())
    throw refuse(path, st.isDirectory() ? 'this is a folder, not a project file.' : 'this is not an ordinary file (a device, pipe or socket), not a project file.');
  const header = readHeader(path);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC)
    throw refuse(path, 'not a Spendmap project (it is not a SQLite database, or it is truncated). Open a .spendmap file.');
  if (header.readUInt32BE(68) !== APPLICATION_ID)
    throw refuse(path, 'not a Spendmap project (it is a SQLite database made by another program). Open a .spendmap file.');
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  } catch {
    throw refuse(path, 'the file or its folder is read-only. Copy the project to a folder you can write to, then open the copy.');
  }

  // A crash in the middle of a write (a migration, in rollback-journal mode) leaves a
  // hot journal: SQLite puts the file back as it was before that write the first
  // time a connection that may write opens it. A read-only look cannot, so recover
  // first. (Only our own files get this far: the header said so.)
  recoverHotJournal(path);

  // Look before touching, on a read-only connection: the version, then the schema that
  // version must have (no planted trigger or view ever runs), then every row against
  // the schema's rules. Nothing is written, beside the file or in it, before all pass.
  let version: number;
  try {
    const probe = new Database(path, { readonly: true, fileMustExist: true });
    try {
      harden(probe);
      probe.pragma('busy_timeout = 5000');
      version = probe.pragma('user_version', { simple: true }) as number;
      checkVersion(path, version);
      const diff = schemaDifferences(probe, version);
      if (diff.length)
        throw refuse(
          path,
          `the file has been changed outside Spendmap and is not opened: ${diff.slice(0, 5).join('; ')}${diff.length > 5 ? `; and ${diff.length - 5} more differences` : ''}. Open a copy Spendmap saved (a backup), or ask whoever sent it for the original.`,
        );
      const bad = dataProblems(probe, version);
      if (!bad.length) bad.push(...moneyProblems(probe), ...jsonProblems(probe));
      if (bad.length)
        throw refuse(
          path,
          `the file is damaged or was changed outside Spendmap, and is not opened: ${bad.join('; ')}. Open the most recent backup copy instead.`,
        );
    } finally {
      probe.close();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    if (/malformed|corrupt|not a database/i.test(msg))
      throw refuse(path, 'the file is damaged. Open the most recent backup copy instead.');
    throw refuse(path, `cannot be opened (${msg}).`);
  }

  const db = new Database(path, { fileMustExist: true });
  let backup: string | null = null;
  try {
    harden(db);
    db.pragma('busy_timeout = 5000');
    if (version < SCHEMA_VERSION) {
      // A copy from before, so a migration can never cost the user their data. The
      // upgrade is recorded in the audit log in the migration's own transaction.
      backup = `${path}.v${version}-backup`;
      writeBackup(db, backup);
      migrate(db, version, `Upgraded the file format; a copy from before is at ${backup}`);
    }
    configure(db);
    return db;
  } catch (e) {
    db.close();
    // A refused file gets nothing beside it: the backup of a migration that failed goes too.
    if (backup && existsSync(backup)) unlinkSync(backup);
    if (e instanceof AppError) throw e;
    throw refuse(path, `cannot be opened (${(e as Error).message}). The file was left as it was.`);
  }
}

/**
 * Only versions this build made: 1…SCHEMA_VERSION. Version 0 is a file Spendmap never
 * finished writing; anything else is not a format we know. Refused before any migration.
 */
function checkVersion(path: string, version: number): void {
  if (version > SCHEMA_VERSION)
    throw refuse(
      path,
      `made by a newer version of Spendmap (file format ${version}; this version reads up to ${SCHEMA_VERSION}). Update Spendmap to open it.`,
    );
  if (version === 0)
    throw refuse(path, 'this project file is incomplete (file format 0: Spendmap never finished writing it). The file was left as it was; open a backup copy instead.');
  if (!Number.isInteger(version) || version < 1)
    throw refuse(path, `file format ${version} is not one Spendmap ever wrote. The file was left as it was; open a backup copy instead.`);
}
