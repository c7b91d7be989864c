// Output files are written whole or not at all: a temporary file beside the target,
// flushed to disk, then renamed over it. A crash leaves the old file or the new one;
// a failure leaves no temporary file behind and says what to do.
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { AppError } from '../../shared/contract/result';

const WHY: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  EISDIR: 'that is a folder, not a file name',
  ENOTDIR: 'part of the path is a file, not a folder',
  EACCES: 'you do not have permission to write there',
  EPERM: 'you do not have permission to write there',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'the path goes round in a loop of links',
};

function refusal(path: string, e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof AppError || !err?.code) return e;
  // Any other refusal by the system is still about where the user asked us to write.
  const why = WHY[err.code] ?? `the system refused (${err.code})`;
  return new AppError('INPUT', `${path}: cannot write the file: ${why}. Choose another file name or folder.`, { path });
}

/** Folders of the system's own pseudo files (Linux): nothing of ours belongs there. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

const refuseOut = (path: string, why: string) =>
  new AppError('INPUT', `${path}: ${why}. Nothing was written; choose another file name or folder.`, { path });

/** Refuses a folder that is one of the system's pseudo-file folders (/proc, /sys, /dev), or inside one. */
export function checkOutputFolder(folder: string, named = folder): void {
  if (process.platform === 'win32') return;
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return; // missing: writing there fails with its own message
  }
  if (SYSTEM_FOLDERS.some((f) => real === f || real.startsWith(f + sep)))
    throw refuseOut(named, `${real} holds the system's own files, not documents`);
}

/**
 * An output name must be a new file or an ordinary one: a link would be replaced by the
 * file (not written through), and a FIFO, device or socket is not somewhere to keep a file.
 */
export function checkOutputFile(path: string): void {
  checkOutputFolder(dirname(path), path);
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // no such file yet: it will be created
  }
  if (st.isSymbolicLink()) throw refuseOut(path, 'this is a link to another file; give the name of an ordinary file');
  if (st.isDirectory()) throw refuseOut(path, 'that is a folder, not a file name');
  if (!st.isFile()) throw refuseOut(path, `this is a ${st.isFIFO() ? 'pipe (FIFO)' : st.isSocket() ? 'socket' : 'device'}, not an ordinary file`);
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  checkOutputFile(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.partial`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw refusal(path, e);
  }
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw refusal(path, e);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left in `folder` by a writer that was killed mid-write
 * (".<name>.<pid>.<time>.partial" whose process is gone). They were never under a
 * final name; this only tidies the folder.
 */
export function clearStalePartials(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\..+\.(\d+)\.\d+\.partial$/.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(folder, name));
    } catch {
      /* gone already, or not ours to remove */
    }
  }
}
