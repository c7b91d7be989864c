// Output files are written whole or not at all: a temporary file beside the target,
// flushed to disk, then renamed over it. A crash leaves the old file or the new one;
// a failure leaves no temporary file behind and says what to do.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/contract/result';

const WHY: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  EISDIR: 'that is a folder, not a file name',
  ENOTDIR: 'part of the path is a file, not a folder',
  EACCES: 'you do not have permission to write there',
  EPERM: 'you do not have permission to write there',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

function refusal(path: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const why = WHY[code];
  return why ? new AppError('INPUT', `${path}: cannot write the file: ${why}. Choose another file name or folder.`, { path }) : e;
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
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
