// Packaging, checked offline. electron-builder.yml is loaded and validated by
// electron-builder's own configuration loader and JSON schema, then held to what the
// app needs; and the app bundle that `npm run build` makes (out/) is checked to hold
// everything the packaged app loads: the four bundles, every file they require, and
// every package they require, present in node_modules and declared in package.json
// "dependencies" (electron-builder packs only those), plus the resources the
// backend reads from process.resourcesPath/resources.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../electron/backend/project/demo';
import { repoRoot } from '../helpers/paths';

interface Config {
  appId?: string;
  productName?: string;
  npmRebuild?: boolean;
  beforePack?: string;
  asar?: boolean;
  asarUnpack?: string[];
  files?: string[];
  extraResources?: { from: string; to: string }[];
  fileAssociations?: { ext: string; name: string; role?: string }[];
  linux?: { target: (string | { target: string })[] };
  win?: { target: (string | { target: string })[] };
  mac?: { target: (string | { target: string })[] };
  [k: string]: unknown;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

async function loadConfig(): Promise<Config> {
  // electron-builder's own loader (reads electron-builder.yml, merges defaults, extends).
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig: (projectDir: string, configPath: string | null, configFromOptions: unknown) => Promise<Config>;
    validateConfiguration: (config: Config, debugLogger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

const targetsOf = (t: (string | { target: string })[] | undefined) => (t ?? []).map((x) => (typeof x === 'string' ? x : x.target).toLowerCase());

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(loadConfig()).resolves.toBeTruthy();
  });

  it('fails validation when broken (the validator is really run)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig: (d: string, p: string, o: unknown) => Promise<Config> };
    for (const broken of [{ npmRebuild: 'no' }, { notAnOption: 1 }, { fileAssociations: 'spendmap' }]) {
      const c = await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
      await expect(validateConfiguration({ ...c, ...broken }, new DebugLogger(false)), JSON.stringify(broken)).rejects.toThrow(/does not match the API schema/);
    }
  });

  it('names the app and builds AppImage + deb, NSIS and dmg', async () => {
    const c = await loadConfig();
    expect(c.appId).toMatch(/^[a-z][\w-]*(\.[a-z][\w-]*)+$/i);
    expect(c.productName).toBe('Spendmap');
    expect(targetsOf(c.linux?.target).sort()).toEqual(['appimage', 'deb']);
    expect(targetsOf(c.win?.target)).toEqual(['nsis']);
    expect(targetsOf(c.mac?.target)).toEqual(['dmg']);
  });

  it('keeps node_modules for Node and rebuilds better-sqlite3 for Electron in beforePack, with @electron/rebuild', async () => {
    const c = await loadConfig();
    expect(c.npmRebuild).toBe(false);
    expect(c.beforePack).toBeTruthy();
    const hook = join(repoRoot, c.beforePack!);
    expect(existsSync(hook)).toBe(true);
    const source = readFileSync(hook, 'utf8');
    expect(source).toMatch(/@electron\/rebuild/);
    expect(source).toMatch(/onlyModules:\s*\['better-sqlite3'\]/);
    expect(typeof (require(hook) as { default: unknown }).default).toBe('function');
    expect(pkg.devDependencies['@electron/rebuild']).toBeTruthy();
    expect(require.resolve('@electron/rebuild', { paths: [repoRoot] })).toBeTruthy();
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/install-app-deps/);
    // better-sqlite3's native code stays outside the asar, where it can be loaded.
    expect(c.asarUnpack?.some((p) => p.includes('better-sqlite3'))).toBe(true);
  });

  it('ships the reference packs and the demo as resources/, where the main process looks', async () => {
    const c = await loadConfig();
    const main = readFileSync(join(repoRoot, 'electron', 'main', 'backend.ts'), 'utf8');
    expect(main).toMatch(/join\(process\.resourcesPath, 'resources'\)/);
    const shipped = new Map((c.extraResources ?? []).map((r) => [r.to.replace(/\/$/, ''), r.from.replace(/\/$/, '')]));
    expect(shipped.get('resources/reference')).toBe('resources/reference');
    expect(shipped.get('resources/demo')).toBe('resources/demo');
    // What the backend reads from there.
    const index = JSON.parse(readFileSync(join(repoRoot, 'resources', 'reference', 'index.json'), 'utf8')) as { packs?: { id: string }[] } | { id: string }[];
    const packs = Array.isArray(index) ? index : (index.packs ?? []);
    expect(packs.length).toBeGreaterThan(0);
    for (const p of packs) expect(existsSync(join(repoRoot, 'resources', 'reference', `${p.id}.json`)), p.id).toBe(true);
    for (const f of DEMO_FILES) expect(existsSync(join(repoRoot, 'resources', 'demo', f)), f).toBe(true);
  });

  it('opens .spendmap files with Spendmap', async () => {
    const c = await loadConfig();
    expect(c.fileAssociations).toEqual([expect.objectContaining({ ext: 'spendmap', name: expect.stringMatching(/Spendmap/) })]);
  });

  it('packs the bundles and package.json, not the sources', async () => {
    const c = await loadConfig();
    // electron-builder normalises the list into file sets.
    const files = (c.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : ((f as { filter?: string[] }).filter ?? [])));
    expect(files).toContain('out/**/*');
    expect(files).toContain('package.json');
    expect(files.some((f) => /^(electron|shared|renderer|test)\//.test(f))).toBe(false);
    expect(pkg.main).toBe('out/main/index.js');
  });
});

/** The newest change under the folders the bundles are made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['electron', 'shared', 'renderer']) walk(join(repoRoot, d));
  return newest;
}

/** Bare package names a bundle requires or imports (string literals). */
function requiredPackages(code: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  // The bundles are CommonJS: require("x"), and import("x") for what loads on demand.
  for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"'$`]+)["']\s*\)/g)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) files.add(spec);
    else if (!spec.startsWith('node:') && !builtinModules.includes(spec.split('/')[0]!)) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return { packages, files };
}

describe('the app bundle (out/, from npm run build)', () => {
  const out = join(repoRoot, 'out');
  const fresh = existsSync(join(out, 'main', 'index.js')) && statSync(join(out, 'main', 'index.js')).mtimeMs >= newestSource() - 1000;

  it('holds every bundle the packaged app loads, every file they require, and every package in dependencies', (ctx) => {
    if (!fresh) ctx.skip('out/ is missing or older than the sources: run npm run build (scripts/test-all.sh builds before testing)');
    // main (package.json "main"), the backend it forks, the preload every window gets, the renderer.
    const required = ['main/index.js', 'main/utility.js', 'preload/index.js', 'renderer/index.html'];
    for (const f of required) expect(existsSync(join(out, f)), f).toBe(true);
    const mainSrc = readFileSync(join(out, 'main', 'index.js'), 'utf8');
    expect(mainSrc).toMatch(/utility\.js/);
    expect(mainSrc).toMatch(/preload/);

    const seen = new Set<string>();
    const packages = new Map<string, string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      expect(existsSync(file), relative(repoRoot, file)).toBe(true);
      const r = requiredPackages(readFileSync(file, 'utf8'));
      for (const p of r.packages) packages.set(p, relative(repoRoot, file));
      for (const f of r.files) visit(resolve(dirname(file), f.endsWith('.js') || f.endsWith('.mjs') || f.endsWith('.cjs') ? f : `${f}.js`));
    };
    for (const f of ['main/index.js', 'main/utility.js', 'preload/index.js']) visit(join(out, f));
    packages.delete('electron'); // the runtime itself
    expect(packages.size).toBeGreaterThan(0);
    for (const [p, from] of packages) {
      expect(pkg.dependencies[p], `${p} (required by ${from}) must be in package.json "dependencies"`).toBeTruthy();
      expect(existsSync(join(repoRoot, 'node_modules', p, 'package.json')), `${p} is not installed`).toBe(true);
    }
    // better-sqlite3 is native: its compiled module must be there for beforePack to rebuild.
    expect(packages.has('better-sqlite3')).toBe(true);

    // The renderer: every script and stylesheet index.html names.
    const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((a) => !/^(https?:|data:)/.test(a));
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(existsSync(join(out, 'renderer', a.replace(/^\.?\//, ''))), a).toBe(true);
    // The bundles load nothing from the network.
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
