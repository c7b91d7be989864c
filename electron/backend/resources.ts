// Where the app's read-only resources (reference packs, demo data) live.
// Packaged builds set SPENDMAP_RESOURCES; from source we find the repo's resources/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | null = null;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.SPENDMAP_RESOURCES;
  if (fromEnv && existsSync(join(fromEnv, 'reference', 'index.json'))) return (cached = resolve(fromEnv));
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'reference', 'index.json'))) return (cached = candidate);
    dir = dirname(dir);
  }
  throw new Error('Spendmap resources not found: set SPENDMAP_RESOURCES to the folder holding reference/index.json.');
}
