// electron-builder beforePack hook (electron-builder.yml): rebuilds better-sqlite3 for
// the Electron being packaged, for the target's platform and architecture (from a
// prebuilt binary where one exists: a native module cannot be cross-compiled).
// npmRebuild is false, so nothing else touches node_modules; scripts/package/run.cjs
// puts the Node build back afterwards for the tests, the CLI and the web host.
const { Arch } = require('builder-util');

/** @param {import('app-builder-lib').BeforePackContext} context */
exports.default = async function beforePack(context) {
  const { rebuild } = await import('@electron/rebuild');
  const electronVersion = context.packager.info.framework.version;
  const arch = Arch[context.arch];
  const platform = context.electronPlatformName;
  const buildPath = context.packager.info.appDir;
  console.log(`  • rebuilding better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}) in ${buildPath}`);
  await rebuild({ buildPath, electronVersion, arch, platform, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
};
