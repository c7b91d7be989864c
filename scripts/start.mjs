// npm start: build the app if needed, then open it on the demo project in Electron,
// or, where the Electron binary is missing, through the web host in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

const built = join(root, 'out', 'renderer', 'index.html');
const stale = !existsSync(built) || ['electron', 'renderer', 'shared'].some((d) => newest(join(root, d)) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building Spendmap…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function findElectron() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

// The Electron runtime is fetched on first start, not at install (npm install then works
// offline too). Where it cannot be fetched, the same app runs in the browser instead.
let electronPath = findElectron();
if (!electronPath && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Fetching the Electron runtime (first start only)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 10 * 60_000 });
  if (r.status === 0) electronPath = findElectron();
}

if (electronPath) {
  const child = spawn(electronPath, ['.', '--demo'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'The Electron runtime is not available here (offline, or ELECTRON_SKIP_BINARY_DOWNLOAD=1),\n' +
      'so Spendmap is served through its web host instead: the same app, in your browser.',
  );
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(root, 'electron/hosts/web/main.ts'), '--demo', '--open', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
