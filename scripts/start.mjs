// npm start: build the app if needed, then open it on the demo project in Electron,
// or, where the Electron runtime cannot be had, through the web host in a browser.
// The Electron runtime, and a better-sqlite3 built for Electron's ABI, are fetched and
// made on the first start (scripts/lib/electron-runtime.mjs), not at npm install.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { electronRuntime, electronSqlite } from './lib/electron-runtime.mjs';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function build() {
  const built = join(root, 'out', 'renderer', 'index.html');
  const sources = Math.max(...['electron', 'renderer', 'shared'].map((d) => newest(join(root, d))));
  if (existsSync(built) && existsSync(join(root, 'out', 'cli', 'index.js')) && sources <= statSync(built).mtimeMs) return;
  console.log('Building Spendmap…');
  const steps = [[join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], [join(root, 'scripts', 'build-cli.mjs')]];
  for (const args of steps) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
}

build();
const electronPath = electronRuntime();
const binding = electronPath ? await electronSqlite() : null;
if (electronPath && binding) {
  run(electronPath, ['.', '--demo'], { ...process.env, SPENDMAP_SQLITE_BINDING: binding });
} else {
  console.log(
    (electronPath ? '' : 'The Electron runtime is not available here (no access to its download).\n') +
      'Spendmap is served through its web host instead: the same app, in your browser.',
  );
  run(process.execPath, [require.resolve('tsx/cli'), join(root, 'electron/hosts/web/main.ts'), '--demo', '--open', ...process.argv.slice(2)]);
}
