// `npm run cli`: runs the bundled CLI (out/cli/index.js) with plain node. When the
// bundle is missing or older than the sources (a fresh clone, or an edit since the
// last build), it is rebundled first (esbuild, about a second), so the command never
// runs stale code and never needs `npm run build` beforehand.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'out', 'cli', 'index.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestSource(join(root, 'electron')), newestSource(join(root, 'shared')));
if (stale) await import('./build-cli.mjs');
const run = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 3);
