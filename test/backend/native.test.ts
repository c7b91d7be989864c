// Which better-sqlite3 binary a process loads (electron/backend/store/native.ts): the
// one named by SPENDMAP_SQLITE_BINDING when set (Electron's build, made by npm start),
// else node_modules' own; a missing binary or one built for another runtime's ABI is
// refused with what to do. Real binaries: node_modules' build copied to its own folder,
// and a real addon compiled here that declares another ABI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BINDING_ENV, chosenBinding, Database, describeLoadFailure, electronBindingPath, loadBinding } from '../../electron/backend/store/native';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-native-');
const nodeBuild = join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const before = process.env[BINDING_ENV];
afterEach(() => {
  if (before === undefined) delete process.env[BINDING_ENV];
  else process.env[BINDING_ENV] = before;
});

/** A real Node addon that registers itself as built for ABI `abi` (Electron 39's is 140). */
function addonForAbi(dir: string, abi: number): string | null {
  const cc = spawnSync('cc', ['--version']);
  if (cc.status !== 0) return null;
  const src = join(dir, 'other_abi.c');
  writeFileSync(
    src,
    `struct node_module { int nm_version; unsigned int nm_flags; void *nm_dso_handle; const char *nm_filename;
  void *nm_register_func; void *nm_context_register_func; const char *nm_modname; void *nm_priv; void *nm_link; };
extern void node_module_register(void *);
static void init(void *exports, void *module, void *priv) {}
static struct node_module m = { ${abi}, 0, 0, "other_abi.c", (void *)init, 0, "better_sqlite3", 0, 0 };
__attribute__((constructor)) static void reg(void) { node_module_register(&m); }
`,
  );
  const out = join(dir, 'better_sqlite3.node');
  const r = spawnSync('cc', ['-shared', '-fPIC', '-o', out, src], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cc failed: ${r.stderr}`);
  return out;
}

describe('choosing the binary', () => {
  it("uses node_modules' own build unless SPENDMAP_SQLITE_BINDING names one (made absolute)", () => {
    expect(chosenBinding({})).toBeNull();
    expect(chosenBinding({ [BINDING_ENV]: '' })).toBeNull();
    expect(chosenBinding({ [BINDING_ENV]: '/opt/x/better_sqlite3.node' })).toBe('/opt/x/better_sqlite3.node');
    expect(chosenBinding({ [BINDING_ENV]: '.native/e/better_sqlite3.node' })).toBe(join(process.cwd(), '.native/e/better_sqlite3.node'));
  });

  it('keeps one folder per Electron version, platform and architecture', () => {
    expect(electronBindingPath('/repo', '39.8.10', 'linux', 'x64')).toBe('/repo/.native/electron-39.8.10-linux-x64/better_sqlite3.node');
    expect(electronBindingPath('/repo', '39.8.10', 'win32', 'arm64')).not.toBe(electronBindingPath('/repo', '39.8.10', 'win32', 'x64'));
  });
});

describe('opening a database through the chosen binary', () => {
  it('opens a real file with a binary in its own folder, named by the environment', () => {
    const dir = tmp();
    const own = join(dir, 'electron-test', 'better_sqlite3.node');
    mkdirSync(join(dir, 'electron-test'));
    copyFileSync(nodeBuild, own);
    process.env[BINDING_ENV] = own;
    const db = new Database(join(dir, 'p.sqlite'));
    try {
      db.exec('CREATE TABLE t (pence INTEGER NOT NULL); INSERT INTO t VALUES (12345), (55);');
      expect(db.prepare('SELECT sum(pence) AS s FROM t').get()).toEqual({ s: 12400 });
    } finally {
      db.close();
    }
  });

  it('refuses a missing binary, naming it and how to make it, and creates no database', () => {
    const dir = tmp();
    const missing = join(dir, 'electron-39.8.10-linux-x64', 'better_sqlite3.node');
    process.env[BINDING_ENV] = missing;
    expect(() => new Database(join(dir, 'p.sqlite'))).toThrow(`The SQLite engine built for Node ${process.versions.node} is missing: ${missing}. Start Spendmap with npm start`);
    expect(() => loadBinding(missing, { node: '22.0.0', modules: '140', electron: '39.8.10' })).toThrow(/built for Electron 39\.8\.10 is missing/);
  });

  it('refuses a real binary built for another ABI, saying which ABI each side has and what to run', (ctx) => {
    const dir = tmp();
    const other = addonForAbi(dir, 140);
    if (!other) ctx.skip('no C compiler (cc) here to build an addon for another ABI');
    process.env[BINDING_ENV] = other!;
    expect(() => new Database(join(dir, 'p.sqlite'))).toThrow(
      `The SQLite engine ${other} was built for another runtime (ABI 140); Node ${process.versions.node} needs ABI ${process.versions.modules}. Run npm rebuild better-sqlite3`,
    );
    // Under Electron the advice is npm start, which builds into the binary's own folder.
    let error: Error | null = null;
    try {
      process.dlopen({ exports: {} }, other!);
    } catch (e) {
      error = e as Error;
    }
    expect(error).not.toBeNull();
    expect(describeLoadFailure(other, error!, { node: '22.20.0', modules: '140', electron: '39.8.10' })).toBe(
      `The SQLite engine ${other} was built for another runtime (ABI 140); Electron 39.8.10 needs ABI ${process.versions.modules}. Start Spendmap with npm start, which builds one for Electron into ${dir} (delete that folder to rebuild it).`,
    );
  });

  it('refuses a file that is not a binary at all, with the loader’s reason', () => {
    const dir = tmp();
    const junk = join(dir, 'better_sqlite3.node');
    writeFileSync(junk, 'not an ELF file');
    process.env[BINDING_ENV] = junk;
    expect(() => new Database(join(dir, 'p.sqlite'))).toThrow(new RegExp(`^The SQLite engine ${junk} could not be loaded under Node ${process.versions.node}: .+`));
  });
});
