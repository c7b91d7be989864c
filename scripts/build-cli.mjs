// Bundles the CLI host into out/cli/spendmap.js (run by `npm run build`), so `npm run cli`
// and the `spendmap` bin (out/cli/index.js, scripts/cli-start.cjs) start with plain node:
// no tsx, no TypeScript at run time. The bin runs the bundle from V8's code cache, made
// here by running allocate once on the demo's budget (see cli-start.cjs).
// Small pure-JS packages (zod, the parsers) are bundled in: resolving and loading
// zod's hundred-odd files cost more than the command itself. better-sqlite3 (native),
// exceljs and playwright-core (large, loaded only by the commands that need them)
// stay external and load from node_modules.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

// zod re-exports its sixty-odd message locales as a namespace (z.locales), which no
// bundler can drop; Spendmap uses English only (zod's default, imported directly), so
// the namespace is cut down to English: a third smaller bundle to compile on each run.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};
const outDir = join(root, 'out', 'cli');
const bundled = await build({
  absWorkingDir: root,
  entryPoints: ['electron/hosts/cli/main.ts'],
  bundle: true,
  write: false,
  outfile: join(outDir, 'spendmap.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'exceljs', 'playwright-core'],
  // import() of exceljs and playwright-core as require: code compiled by node:vm (the
  // code cache) has no loader for import().
  supported: { 'dynamic-import': false },
  minify: true,
  plugins: [englishOnlyZod],
  logLevel: 'warning',
});
const code = bundled.outputFiles[0].text;
// The cache's header must name this build, so a cache left by another bundle is never used.
const buildId = createHash('sha256').update(code).digest('hex').slice(0, 16);
const bundle = join(outDir, 'spendmap.js');
mkdirSync(outDir, { recursive: true });
rmSync(`${bundle}.cache`, { force: true });
writeFileSync(bundle, `// build ${buildId}\n${code}`);
const bin = join(outDir, 'index.js');
copyFileSync(join(root, 'scripts', 'cli-start.cjs'), bin);
chmodSync(bin, 0o755);

// The code cache: allocate on a small project (the demo's council budget), whose
// compiled functions the bin keeps. Without it the CLI works the same, compiling as it goes.
const warm = mkdtempSync(join(tmpdir(), 'spendmap-cli-cache-'));
try {
  const project = join(warm, 'warm.spendmap');
  const steps = [
    ['new', project, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2023-24'],
    ['import-budgets', project, join(root, 'resources', 'demo', 'kingston-council-2023-24.csv')],
    ['allocate', project, '--out', join(warm, 'split.csv')],
  ];
  for (const [i, args] of steps.entries()) {
    const last = i === steps.length - 1;
    const env = { PATH: process.env.PATH, SPENDMAP_DATA: warm, ...(last ? { SPENDMAP_WRITE_CODE_CACHE: buildId } : {}) };
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: warm, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build-cli: the code cache's warm-up run (${args[0]}) failed: ${r.stderr}`);
  }
} finally {
  rmSync(warm, { recursive: true, force: true });
}
