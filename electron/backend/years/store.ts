// Writing a project's successor file (next year, another ward vintage): a whole copy of
// the open project (VACUUM INTO, which keeps every table, its application id and schema
// version), changed in one transaction, then renamed into place. The open file is only
// read; a refusal or crash leaves no new file behind.
import Database from 'better-sqlite3';
import { existsSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import type { Db } from '../store/database';

function clear(path: string): void {
  for (const p of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) unlinkSync(p);
}

export function writeSuccessor(project: Project, out: string, force: boolean, change: (db: Db) => void): string {
  const target = resolve(out);
  if (target === resolve(project.path))
    throw new AppError('INPUT', `${basename(target)}: this is the open project itself. Give the new project another file name; the open one is never changed.`);
  if (!existsSync(dirname(target))) throw new AppError('INPUT', `${basename(target)}: the folder ${dirname(target)} does not exist.`);
  if (existsSync(target) && !force)
    throw new AppError('INPUT', `${basename(target)}: a file with this name already exists. Choose another name, or replace it (--force on the command line).`);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.creating`);
  clear(tmp);
  try {
    project.db.prepare('VACUUM INTO ?').run(tmp);
    const db = new Database(tmp);
    try {
      db.pragma('foreign_keys = ON');
      db.transaction(() => change(db))();
      if ((db.pragma('foreign_key_check') as unknown[]).length) throw new Error('the new file would break its own references');
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    // A stale -wal from a replaced file would be replayed into the new one.
    for (const s of ['-wal', '-shm']) if (existsSync(target + s)) unlinkSync(target + s);
    renameSync(tmp, target);
    return target;
  } catch (e) {
    clear(tmp);
    throw e;
  }
}
