// Bundles the CLI host into out/cli/index.js (run by `npm run build`), so `npm run cli`
// and the `spendmap` bin start with plain node: no tsx, no TypeScript at run time.
// Small pure-JS packages (zod, the parsers) are bundled in: resolving and loading
// zod's hundred-odd files cost more than the command itself. better-sqlite3 (native),
// exceljs and playwright-core (large, loaded only by the commands that need them)
// stay external and load from node_modules.
import { buildSync } from 'esbuild';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
buildSync({
  absWorkingDir: root,
  entryPoints: { index: 'electron/hosts/cli/main.ts' },
  outdir: join(root, 'out', 'cli'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'exceljs', 'playwright-core'],
  minify: true,
  keepNames: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
