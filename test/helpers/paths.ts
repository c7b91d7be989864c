// Where the repo, the official data and the committed resources are, for every test.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** /work/main (the repo root): two levels above this file. */
export const repoRoot = resolve(__dirname, '..', '..');

/** The official data files, read at test time and never copied into the repo. */
export const dataDir = resolve(repoRoot, '../shared/data');

export const resourcesDir = join(repoRoot, 'resources');

export function dataFile(rel: string): string {
  const p = join(dataDir, rel);
  if (!existsSync(p)) throw new Error(`official data file missing: ${p} (tests read ../shared/data at test time)`);
  return p;
}
