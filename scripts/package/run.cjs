// npm run package: builds the app (type-check + bundles), packs the installers for
// this platform with electron-builder (electron-builder.yml), then rebuilds
// better-sqlite3 for Node again, since beforePack left the Electron build in
// node_modules. Extra arguments go to electron-builder (e.g. --linux deb, --win).
const { spawnSync } = require('node:child_process');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

let status = run(npm, ['run', '-s', 'build']);
if (status === 0) status = run(npx, ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)]);
const restored = run(npm, ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('npm rebuild better-sqlite3 failed: run it before the tests or the CLI.');
process.exit(status || restored);
