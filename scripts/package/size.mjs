// npm run package:size: what electron-builder packs into the app, in MB, without
// running it (it needs the Electron binary, which offline machines lack): the built
// out/ folder plus every package reachable from package.json "dependencies" (optional
// ones included), each counted once, less what electron-builder.yml's "files" excludes
// ("!" patterns). The Electron runtime itself comes on top.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const { load } = require('js-yaml');
const minimatchModule = require('minimatch');
const minimatch = minimatchModule.minimatch ?? minimatchModule; // v3 exports the function, v5+ names it
const excluded = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))
  .files.filter((f) => typeof f === 'string' && f.startsWith('!'))
  .map((f) => f.slice(1));
/** Whether electron-builder leaves this file out, by its path inside the app (e.g. node_modules/x/y). */
const left = (appPath) => excluded.some((p) => minimatch(appPath, p, { dot: true }));

/** Bytes under dir, whose path inside the app is appDir (files excluded by electron-builder.yml left out). */
function bytes(dir, appDir, skipNodeModules) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skipNodeModules && e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    const inApp = `${appDir}/${e.name}`;
    if (e.isDirectory()) n += bytes(p, inApp, skipNodeModules);
    else if (!left(inApp)) n += lstatSync(p).size;
  }
  return n;
}

/** The folder of package `name` as Node would find it from `from` (walking up node_modules). */
function locate(name, from) {
  for (let d = from; ; d = dirname(d)) {
    const p = join(d, 'node_modules', name);
    if (existsSync(join(p, 'package.json'))) return realpathSync(p);
    if (dirname(d) === d) return null;
  }
}

const seen = new Map();
function visit(dir) {
  if (seen.has(dir)) return;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  seen.set(dir, bytes(dir, `node_modules/${pkg.name}`, true));
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
    const found = locate(name, dir);
    if (found) visit(found);
  }
}

const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const name of Object.keys(app.dependencies ?? {})) {
  const found = locate(name, root);
  if (!found) throw new Error(`dependency ${name} is not installed: run npm install`);
  visit(found);
}
const mb = (n) => (n / 1024 / 1024).toFixed(1);
const modules = [...seen.values()].reduce((a, b) => a + b, 0);
const out = existsSync(join(root, 'out')) ? bytes(join(root, 'out'), 'out', false) : 0;
const top = [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
console.log(`app content: ${mb(out + modules)} MB = out/ ${mb(out)} MB + node_modules ${mb(modules)} MB (${seen.size} packages)`);
for (const [dir, n] of top) console.log(`  ${mb(n).padStart(6)} MB  ${dir.replace(/.*node_modules\//, '')}`);
