// Bundles the real CLI and the fault driver into plain JS once per run (esbuild), so
// each of the hundred-odd processes the harness starts and kills is up in ~0.1 s
// rather than ~0.5 s through tsx. Packages stay external and load from node_modules.
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths';

export interface Bundles {
  cli: string;
  driver: string;
}

export function bundle(): Bundles {
  const outdir = join(repoRoot, 'node_modules', '.cache', 'spendmap-faults');
  mkdirSync(outdir, { recursive: true });
  buildSync({
    absWorkingDir: repoRoot,
    entryPoints: { cli: 'electron/hosts/cli/main.ts', driver: 'test/faults/driver.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outdir,
    logLevel: 'error',
  });
  return { cli: join(outdir, 'cli.js'), driver: join(outdir, 'driver.js') };
}
