// "Already open in another Spendmap window": a project opened in a window (Electron
// or the web host) holds a lock, a small sidecar file `<project>.spendmap.lock`
// naming who holds it. A second window is refused with a clear message instead of
// two windows editing one file behind each other's backs. SQLite's own locking still
// keeps the file consistent for anyone else (the CLI reads and writes as before).
//
// A lock left behind by a crash is stale and taken over: on this computer when its
// process is gone, anywhere when it has not been refreshed for STALE_MS (holders
// refresh theirs every HEARTBEAT_MS, so a lock on a shared drive from a laptop that
// was switched off clears itself).
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/contract/result';

export const LOCK_SUFFIX = '.lock';
export const HEARTBEAT_MS = 60_000;
export const STALE_MS = 5 * 60_000;

export interface LockInfo {
  app: 'Spendmap';
  /** Random, unique to this holding of the lock. */
  id: string;
  pid: number;
  host: string;
  user: string;
  /** Which kind of window holds it: electron | web. */
  kind: string;
  at: string;
}

export interface ProjectLock {
  readonly projectPath: string;
  readonly lockPath: string;
  readonly info: LockInfo;
  /** Whether this lock is for the project at `path`. */
  covers(path: string): boolean;
  release(): void;
}

/** Locks held by this process, by lock path: a second window in this process is refused here. */
const held = new Map<string, Held>();
let heartbeat: NodeJS.Timeout | null = null;

/** The lock file for a project path: beside the file, by its real path (so two spellings of one file share a lock). */
export function lockPathFor(projectPath: string): string {
  let real: string;
  try {
    real = realpathSync(projectPath);
  } catch {
    try {
      real = join(realpathSync(dirname(projectPath)), basename(projectPath));
    } catch {
      real = projectPath;
    }
  }
  return real + LOCK_SUFFIX;
}

function readLock(lockPath: string): { info: LockInfo | null; ageMs: number } | null {
  try {
    const st = statSync(lockPath);
    let info: LockInfo | null = null;
    try {
      const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
      if (parsed && parsed.app === 'Spendmap' && typeof parsed.pid === 'number' && typeof parsed.host === 'string') info = parsed as LockInfo;
    } catch {
      /* half-written or not ours: judged by age alone */
    }
    return { info, ageMs: Date.now() - st.mtimeMs };
  } catch {
    return null; // gone meanwhile
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a lock that exists does not stop us, or null when it does. */
function staleReason(found: { info: LockInfo | null; ageMs: number }): string | null {
  const { info, ageMs } = found;
  if (!info) return ageMs > 10_000 ? 'unreadable and old' : null;
  if (ageMs > STALE_MS) return 'not refreshed';
  if (info.host === hostname()) {
    if (info.pid === process.pid) return held.size && [...held.values()].some((h) => h.info.id === info.id) ? null : 'left by this process';
    if (!processAlive(info.pid)) return 'its process is gone';
  }
  return null;
}

function describeHolder(projectPath: string, info: LockInfo | null): string {
  const name = basename(projectPath);
  if (!info) return `${name}: is being opened in another Spendmap window right now. Try again in a moment.`;
  const at = new Date(info.at);
  const when = Number.isFinite(at.getTime()) ? ` since ${at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} on ${at.toLocaleDateString('en-GB')}` : '';
  const sameHost = info.host === hostname();
  const where = sameHost ? '' : ` on the computer "${info.host}"${info.user ? ` (user ${info.user})` : ''}`;
  const tail = sameHost
    ? 'Switch to that window, or close the project there first.'
    : `Close it there first. If Spendmap is no longer running there, the lock clears itself ${Math.round(STALE_MS / 60_000)} minutes after it stopped.`;
  return `${name}: already open in another Spendmap window${where}${when}. ${tail}`;
}

class Held implements ProjectLock {
  private released = false;
  constructor(
    readonly projectPath: string,
    readonly lockPath: string,
    readonly info: LockInfo,
  ) {}

  covers(path: string): boolean {
    return !this.released && lockPathFor(path) === this.lockPath;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (held.get(this.lockPath) === this) held.delete(this.lockPath);
    if (!held.size && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
    // Remove the file only while it is still ours (a stale-lock takeover may have replaced it).
    const found = readLock(this.lockPath);
    if (found?.info?.id === this.info.id) {
      try {
        unlinkSync(this.lockPath);
      } catch {
        /* already gone */
      }
    }
  }
}

/** A lock that locks nothing: where a lock file cannot be written, the project cannot be either, and opening it says so. */
function noLock(projectPath: string): ProjectLock {
  const info: LockInfo = { app: 'Spendmap', id: '', pid: process.pid, host: hostname(), user: '', kind: '', at: new Date().toISOString() };
  return { projectPath, lockPath: '', info, covers: () => false, release() {} };
}

function tryCreate(lockPath: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(info) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/**
 * Takes the lock of the project at `projectPath` for one window, or refuses with
 * PROJECT_FILE naming who holds it. The project file itself is never touched.
 */
export function acquireProjectLock(projectPath: string, kind: string): ProjectLock {
  const lockPath = lockPathFor(projectPath);
  const mine = held.get(lockPath);
  if (mine) throw new AppError('PROJECT_FILE', describeHolder(projectPath, mine.info), { path: projectPath, lockedBy: mine.info });
  const info: LockInfo = {
    app: 'Spendmap',
    // Web Crypto's generator (global, the same CSPRNG): node:crypto loads on first use, and a CLI run takes no lock.
    id: Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('hex'),
    pid: process.pid,
    host: hostname(),
    user: currentUser(),
    kind,
    at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    let created: boolean;
    try {
      created = tryCreate(lockPath, info);
    } catch {
      // Read-only folder, missing folder...: opening the project reports it properly.
      return noLock(projectPath);
    }
    if (created) {
      const lock = new Held(projectPath, lockPath, info);
      held.set(lockPath, lock);
      heartbeat ??= setInterval(refreshAll, HEARTBEAT_MS).unref();
      return lock;
    }
    const found = readLock(lockPath);
    if (!found) continue; // released meanwhile: try again
    if (!staleReason(found)) throw new AppError('PROJECT_FILE', describeHolder(projectPath, found.info), { path: projectPath, lockedBy: found.info });
    // Stale: move it aside (only one taker can), then try again.
    const aside = `${lockPath}.${info.id}.stale`;
    try {
      renameSync(lockPath, aside);
      unlinkSync(aside);
    } catch {
      /* another window took it first: the next attempt sees theirs */
    }
  }
  const found = readLock(lockPath);
  throw new AppError('PROJECT_FILE', describeHolder(projectPath, found?.info ?? null), { path: projectPath });
}

/** Refreshes the time on every lock this process holds (a live holder's lock never looks stale). */
function refreshAll(): void {
  const now = new Date();
  for (const lock of held.values()) {
    try {
      if (existsSync(lock.lockPath)) utimesSync(lock.lockPath, now, now);
    } catch {
      /* the folder went away: nothing to refresh */
    }
  }
}

// A normal exit (window closed, Ctrl+C handled, the app quitting) leaves no lock behind.
process.once('exit', () => {
  for (const lock of [...held.values()]) lock.release();
});
