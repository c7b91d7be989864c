// The recent-projects list, kept in the app's data folder (not in any project).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
}

const FILE = 'recent.json';
const KEEP = 12;

export function readRecent(dataDir: string): RecentProject[] {
  try {
    const list = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as RecentProject[];
    return Array.isArray(list) ? list.filter((r) => typeof r?.path === 'string') : [];
  } catch {
    return [];
  }
}

export function noteRecent(dataDir: string, path: string, name: string): void {
  const abs = resolve(path);
  const list = [{ path: abs, name, openedAt: new Date().toISOString() }, ...readRecent(dataDir).filter((r) => r.path !== abs)].slice(0, KEEP);
  const tmp = join(dataDir, `${FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(list, null, 2));
    renameSync(tmp, join(dataDir, FILE));
  } catch {
    // The recent list is a convenience: never fail an open because of it.
  }
}

export function recentWithStatus(dataDir: string) {
  return readRecent(dataDir).map((r) => ({ ...r, exists: existsSync(r.path) }));
}
