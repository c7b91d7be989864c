// The Electron runtime and a better-sqlite3 built for it, for npm start
// (scripts/start.mjs) and the Electron smoke test (test/e2e/electron-smoke.test.ts).
// npm install does not run Electron's download script (package.json "allowScripts"),
// so it works without GitHub; the runtime is fetched here on first use instead.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const nativeDir = join(root, '.native');

/** The Electron executable, when its runtime has been downloaded. */
export function findElectron() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The Electron runtime: already here, or downloaded now by Electron's own install script. */
export function electronRuntime() {
  const found = findElectron();
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found;
  // Where the download failed, try again only a day later: an unreachable host can take minutes to time out.
  const failed = join(nativeDir, 'electron-download-failed');
  if (existsSync(failed) && Date.now() - statSync(failed).mtimeMs < 24 * 3600_000) return null;
  console.log('Fetching the Electron runtime (first start only; Ctrl+C to skip)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 10 * 60_000 });
  const path = r.status === 0 ? findElectron() : null;
  mkdirSync(nativeDir, { recursive: true });
  if (path) rmSync(failed, { force: true });
  else writeFileSync(failed, `${new Date().toISOString()}\n`);
  return path;
}

/**
 * better-sqlite3 built for this Electron, in its own folder (electronBindingPath in
 * electron/backend/store/native.ts names the same place) (node_modules keeps the Node
 * build the CLI, web host and tests use): electron/backend/store/native.ts loads it when
 * SPENDMAP_SQLITE_BINDING names it. Made once, with @electron/rebuild, on a copy.
 */
export async function electronSqlite() {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const dir = join(nativeDir, `electron-${version}-${process.platform}-${process.arch}`);
  const binding = join(dir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building the SQLite engine for Electron ${version} (first start only)…`);
  const work = join(nativeDir, `build-${version}`);
  rmSync(work, { recursive: true, force: true });
  const source = join(root, 'node_modules', 'better-sqlite3');
  const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  cpSync(source, join(work, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'spendmap-native', private: true, dependencies: { 'better-sqlite3': pkg.version } }));
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: work, electronVersion: version, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
    return binding;
  } catch (e) {
    console.log(
      `Spendmap could not build its SQLite engine (better-sqlite3) for Electron ${version}: ${String(e?.message ?? e).split('\n')[0]}\n` +
        'That needs, once, either a prebuilt binary from GitHub or Electron\'s headers and a C++ compiler.',
    );
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
