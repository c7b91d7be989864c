// Which compiled better-sqlite3 this process loads. The build in node_modules is for
// Node (CLI, web host, tests); Electron's utility process needs one for Electron's ABI,
// which `npm start` makes once into .native/ (scripts/start.mjs) and names in
// SPENDMAP_SQLITE_BINDING. Packaged apps need neither: electron-builder's beforePack
// rebuilds node_modules' copy for Electron. A binary that is missing or built for
// another runtime is refused with what to do, not Node's dlopen message alone.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const BINDING_ENV = 'SPENDMAP_SQLITE_BINDING';

/** The runtime asking: Node's or Electron's versions (process.versions). */
export interface Runtime {
  modules: string;
  node: string;
  electron?: string;
}

/** Where npm start keeps better-sqlite3 built for one Electron (scripts/start.mjs uses the same layout). */
export function electronBindingPath(root: string, electronVersion: string, platform: string = process.platform, arch: string = process.arch): string {
  return join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

/** The binary named by the environment (absolute), or null for better-sqlite3's own build in node_modules. */
export function chosenBinding(env: Record<string, string | undefined>): string | null {
  const named = env[BINDING_ENV];
  return named ? resolve(named) : null;
}

const runtimeName = (r: Runtime) => (r.electron ? `Electron ${r.electron}` : `Node ${r.node}`);

/** What to tell the user when a binary cannot be loaded: which file, why, and how to fix it. */
export function describeLoadFailure(path: string | null, error: Error, runtime: Runtime): string {
  const file = path ?? "node_modules' better-sqlite3";
  const built = /NODE_MODULE_VERSION (\d+)\. This version of \S+ requires\s+NODE_MODULE_VERSION (\d+)/.exec(error.message.replace(/\s+/g, ' '));
  if (built) {
    const fix = runtime.electron
      ? `Start Spendmap with npm start, which builds one for Electron into ${path ? dirname(path) : '.native/'} (delete that folder to rebuild it).`
      : 'Run npm rebuild better-sqlite3 to build it for Node again.';
    return `The SQLite engine ${file} was built for another runtime (ABI ${built[1]}); ${runtimeName(runtime)} needs ABI ${built[2]}. ${fix}`;
  }
  return `The SQLite engine ${file} could not be loaded under ${runtimeName(runtime)}: ${error.message.split('\n')[0]}`;
}

const loaded = new Map<string, object>();

/** Loads the binary at `path` for better-sqlite3's nativeBinding option, or throws the reason in plain words. */
export function loadBinding(path: string, runtime: Runtime = process.versions): object {
  const known = loaded.get(path);
  if (known) return known;
  if (!existsSync(path))
    throw new Error(`The SQLite engine built for ${runtimeName(runtime)} is missing: ${path}. Start Spendmap with npm start to build it (this needs the network once), or unset ${BINDING_ENV}.`);
  const addon = { exports: {} as object };
  try {
    process.dlopen(addon, path);
  } catch (e) {
    throw new Error(describeLoadFailure(path, e as Error, runtime), { cause: e });
  }
  loaded.set(path, addon.exports);
  return addon.exports;
}

/**
 * Under Node, node_modules' own build, by the path better-sqlite3's `bindings` helper
 * would load (its first three candidates, in its order), or null to let it search: it
 * finds its caller through a stack trace and tries each place by a failed require, a
 * few milliseconds of every CLI command. Passed as a path, it loads through require's
 * cache, as bindings loads it. Electron (asar, its own build) keeps the search.
 */
let nodeModulesBuild: string | null | undefined;
function nodeModulesBinding(): string | null {
  if (nodeModulesBuild !== undefined) return nodeModulesBuild;
  nodeModulesBuild = null;
  if (process.versions.electron) return null;
  try {
    const build = join(dirname(require.resolve('better-sqlite3/package.json')), 'build');
    nodeModulesBuild = ['', 'Debug', 'Release'].map((d) => join(build, d, 'better_sqlite3.node')).find((f) => existsSync(f)) ?? null;
  } catch {
    // Not resolvable from here: bindings searches.
  }
  return nodeModulesBuild;
}

/** better-sqlite3's options; nativeBinding also takes a loaded addon (lib/database.js), which its types omit. */
export type Options = Omit<BetterSqlite3.Options, 'nativeBinding'> & { nativeBinding?: string | object };

/** better-sqlite3's Database, loading the binary chosen above (database.ts opens every file with it). */
export class Database extends BetterSqlite3 {
  constructor(filename?: string | Buffer, options: Options = {}) {
    // Loaded once with process.dlopen and passed as an object: a second dlopen of the
    // same addon by better-sqlite3's require would fail ("did not self-register").
    const path = options.nativeBinding === undefined ? chosenBinding(process.env) : null;
    const nativeBinding = path ? loadBinding(path) : (options.nativeBinding ?? nodeModulesBinding() ?? undefined);
    try {
      super(filename, (nativeBinding === undefined ? options : { ...options, nativeBinding }) as BetterSqlite3.Options);
    } catch (e) {
      if (/NODE_MODULE_VERSION/.test((e as Error).message)) throw new Error(describeLoadFailure(path, e as Error, process.versions), { cause: e });
      throw e;
    }
  }
}
