// The built CLI (out/cli/index.js running out/cli/spendmap.js, made by scripts/build-cli.mjs
// within npm run build) is what `npm run cli` and the `spendmap` bin run with plain node:
// it must behave as the TypeScript sources do (test/helpers/cli.ts runs those through
// tsx), find the reference packs and the renderer from out/cli/, and load better-sqlite3
// from node_modules.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-cli-bundle-');
const BUNDLE = join(repoRoot, 'out', 'cli', 'index.js');
const CODE = join(repoRoot, 'out', 'cli', 'spendmap.js');
let data: string;

/** The bundle as the bin runs it: node, a fresh environment but for the data folder, cwd elsewhere. */
function bundled(...args: string[]) {
  return spawnSync(process.execPath, [BUNDLE, ...args], { cwd: tmp(), encoding: 'utf8', env: { PATH: process.env.PATH, SPENDMAP_DATA: data } });
}

beforeAll(() => {
  data = tmp();
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-cli.mjs')], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

describe('the bundled CLI', () => {
  it('is a node script with no TypeScript left to compile, and no tsx', () => {
    expect(readFileSync(BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const src = readFileSync(CODE, 'utf8');
    expect(src).not.toMatch(/require\("tsx/);
    expect(src).not.toMatch(/require\("zod"\)/); // bundled in: see scripts/build-cli.mjs
    expect(src).toMatch(/require\("better-sqlite3"\)/);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.spendmap).toBe('out/cli/index.js');
    expect(pkg.scripts.cli).toBe('node scripts/cli.mjs');
  });

  it('is what npm run cli runs, rebundled first when older than the sources', () => {
    utimesSync(BUNDLE, new Date(0), new Date(0));
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'cli.mjs'), 'reference-packs'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id,title,wards');
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(Date.now() - 10 * 60_000);
    const usage = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'cli.mjs'), 'no-such-command'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('prints what the sources print, from any working folder', async () => {
    for (const args of [['reference-packs'], ['authorities', '--pack', 'wards2024']]) {
      const ours = bundled(...args);
      const dev = await runCli(args, { env: { SPENDMAP_DATA: data } });
      expect(ours.status, ours.stderr).toBe(0);
      expect(ours.stdout).toBe(dev.stdout);
      expect(ours.stdout.split('\n').length).toBeGreaterThan(3);
    }
  });

  it('comes with a code cache naming its build, and runs the same without one or with a stale one', () => {
    const build = /^\/\/ build ([0-9a-f]+)\n/.exec(readFileSync(CODE, 'utf8'))?.[1];
    expect(build).toMatch(/^[0-9a-f]{16}$/);
    const cache = readFileSync(`${CODE}.cache`);
    expect(cache.subarray(0, build!.length + 10).toString('latin1')).toBe(`spendmap ${build}\n`);
    const expected = bundled('reference-packs');
    expect(expected.status, expected.stderr).toBe(0);
    try {
      // A cache left by another build is not used, whatever it holds.
      writeFileSync(`${CODE}.cache`, Buffer.concat([Buffer.from('spendmap 0000000000000000\n'), cache.subarray(build!.length + 10)]));
      expect(bundled('reference-packs')).toMatchObject({ status: 0, stdout: expected.stdout });
      writeFileSync(`${CODE}.cache`, Buffer.from(`spendmap ${build}\nnot a code cache`));
      expect(bundled('reference-packs')).toMatchObject({ status: 0, stdout: expected.stdout });
    } finally {
      writeFileSync(`${CODE}.cache`, cache);
    }
  });

  it('creates a project on a real SQLite file and keeps the exit statuses', () => {
    const file = join(tmp(), 'kingston.spendmap');
    const made = bundled('new', file, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25');
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/^created kingston\.spendmap: Kingston upon Thames \(E09000021\), 2024-25, \d+ wards from wards2024/);
    expect(bundled('allocate', file, '--out', join(tmp(), 'split.csv')).status).toBe(0);
    expect(bundled('no-such-command').status).toBe(2);
    const refused = bundled('new', file, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/kingston\.spendmap/);
  });
});
