// Opening files a user should not be able to hurt themselves with, through the web
// host in a process of its own (as the app runs): not a Spendmap project, empty,
// truncated, corrupt, read-only, from a newer version, a folder, missing, or already
// open in another Spendmap window. Each is refused with a clear message naming the
// file, is left byte for byte as it was with nothing added beside it, and the window
// goes on working with the project it had open.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, openSync, readdirSync, readFileSync, utimesSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/backend/store/database';
import { foreignSqliteFile, newerProjectFile, randomBytesFile, realProjectFile, textFile, truncatedProjectFile } from '../fixtures/projects';
import { sha256File } from '../helpers/hash';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';
import { api, json } from './http';

const tmp = useTmpDirs('spendmap-hostile-');
const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');

interface Child {
  port: number;
  token: string;
  pid: number;
  opened: unknown;
  proc: ChildProcess;
}

const children: ChildProcess[] = [];
/** The web hosts' own pids (tsx runs them in a child of the process we spawn). */
const pids: number[] = [];

function killHard(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

function startChild(dataDir: string, rendererDir: string, open?: string, asNobody = false): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(TSX, ['test/security/webhost-child.ts', dataDir, rendererDir, ...(open ? [open] : [])], {
      cwd: repoRoot,
      env: { ...process.env, HOME: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    children.push(proc);
    let out = '';
    let err = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const info = JSON.parse(out.slice(0, nl)) as Omit<Child, 'proc'>;
        pids.push(info.pid);
        resolve({ ...info, proc });
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`web host child exited (${code}): ${err.slice(-500)}`)));
  });
}

afterAll(async () => {
  for (const pid of pids) await killHard(pid);
  for (const c of children) c.kill('SIGKILL');
});

let root: string;
let renderer: string;
let window: Child;
let asNobody = false;
let good: string;

const call = async (method: string, input: unknown) => json(await api(window.port, window.token, method, input));

/** A folder of its own for each hostile file, so "nothing added beside it" can be seen. */
function folder(name: string): string {
  const d = join(root, name);
  mkdirSync(d);
  chmodSync(d, 0o777);
  return d;
}

beforeAll(async () => {
  root = tmp();
  chmodSync(root, 0o777);
  renderer = folder('renderer');
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Spendmap</title>');
  const data = folder('data');
  const g = folder('good');
  good = realProjectFile(g, 'good.spendmap');
  chmodSync(good, 0o666);
  // As root, access() calls every file writable: run the window as nobody, so a
  // read-only file is read-only to it, as it is to a user.
  if (process.getuid?.() === 0) {
    try {
      window = await startChild(data, renderer, undefined, true);
      asNobody = true;
    } catch {
      window = await startChild(data, renderer);
    }
  } else window = await startChild(data, renderer);
  const opened = await call('project.open', { path: good });
  expect(opened).toMatchObject({ ok: true });
}, 60_000);

function corruptProjectFile(dir: string): string {
  const p = realProjectFile(dir, 'corrupt.spendmap');
  const fd = openSync(p, 'r+');
  // Garble the middle of the file (table pages), keeping the header intact.
  writeSync(fd, Buffer.alloc(6000, 0xa5), 0, 6000, 4096 * 3 + 100);
  closeSync(fd);
  return p;
}

interface Case {
  what: string;
  make: (dir: string) => string | Promise<string>;
  message: RegExp;
  nobodyOnly?: boolean;
}

const cases: Case[] = [
  { what: 'random bytes', make: randomBytesFile, message: /not a Spendmap project/ },
  { what: 'a text file', make: textFile, message: /not a Spendmap project/ },
  {
    what: 'an empty file',
    make: (d) => {
      const p = join(d, 'empty.spendmap');
      writeFileSync(p, '');
      return p;
    },
    message: /not a Spendmap project.*truncated/,
  },
  { what: 'a SQLite database of another program', make: foreignSqliteFile, message: /not a Spendmap project.*another program/ },
  { what: 'a truncated project', make: truncatedProjectFile, message: /damaged/ },
  { what: 'a corrupt project', make: corruptProjectFile, message: /damaged/ },
  { what: 'a project from a newer Spendmap', make: (d) => newerProjectFile(d, SCHEMA_VERSION), message: /newer version of Spendmap.*Update Spendmap/ },
  {
    what: 'a read-only project',
    make: (d) => {
      const p = realProjectFile(d, 'read-only.spendmap');
      chmodSync(p, 0o444);
      return p;
    },
    message: /read-only/,
    nobodyOnly: true,
  },
  {
    what: 'a folder',
    make: (d) => {
      const p = join(d, 'folder.spendmap');
      mkdirSync(p);
      return p;
    },
    message: /folder/,
  },
  { what: 'a file that is not there', make: (d) => join(d, 'missing.spendmap'), message: /no such file/ },
  {
    what: 'a project open in a window on another computer (shared drive)',
    make: (d) => {
      const p = realProjectFile(d, 'shared.spendmap');
      chmodSync(p, 0o666);
      writeFileSync(`${p}.lock`, JSON.stringify({ app: 'Spendmap', id: 'x', pid: 4242, host: 'FINANCE-PC-07', user: 'jsmith', kind: 'electron', at: new Date().toISOString() }));
      return p;
    },
    message: /already open in another Spendmap window on the computer "FINANCE-PC-07" \(user jsmith\)/,
  },
];

describe('opening a hostile file through a window: refused, untouched, and the window keeps working', () => {
  for (const c of cases) {
    it(`refuses ${c.what}`, async (ctx) => {
      if (c.nobodyOnly && process.getuid?.() === 0 && !asNobody) ctx.skip('tests run as root and the window could not be started as nobody: a read-only file cannot be seen as such');
      const dir = folder(c.what.replace(/\W+/g, '-'));
      const path = await c.make(dir);
      // Files a user could write, unless the case is about one they cannot.
      if (!c.nobodyOnly) for (const f of readdirSync(dir)) chmodSync(join(dir, f), statSync(join(dir, f)).isDirectory() ? 0o777 : 0o666);
      const isFile = (() => {
        try {
          return readFileSync(path) !== null;
        } catch {
          return false;
        }
      })();
      const before = isFile ? sha256File(path) : null;
      const listing = readdirSync(dir).sort();
      const goodBefore = (await call('budgets.page', { offset: 0, limit: 10 })).data as { count: number };

      const r = await call('project.open', { path });
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('PROJECT_FILE');
      expect(r.error?.message.startsWith(`${path.split('/').pop()}: `), r.error?.message).toBe(true);
      expect(r.error?.message).toMatch(c.message);
      expect(r.error?.message).not.toMatch(/SqliteError|SQLITE_|Error:|\bat .*:\d+:\d+/);

      if (before !== null) expect(sha256File(path)).toBe(before);
      expect(readdirSync(dir).sort()).toEqual(listing);
      // The window still has its project, and can still change it.
      expect((await call('project.current', {})).data).toMatchObject({ path: good });
      const wrote = await call('budgets.write', { writes: [{ values: { partner: 'NHS', partnerType: 'health', amount: '10', basis: 'even' } }] });
      expect(wrote.ok).toBe(true);
      expect(((await call('budgets.page', { offset: 0, limit: 10 })).data as { count: number }).count).toBe(goodBefore.count + 1);
    });
  }
});

describe('a project already open in another Spendmap window', () => {
  it('is refused by a second window in the same process (Electron: one backend, a session per window), until the first closes it', async () => {
    const { createRegistry } = await import('../../electron/backend/handlers');
    const { Session } = await import('../../electron/backend/session');
    const dir = folder('two-windows');
    const p = realProjectFile(dir, 'shared.spendmap');
    const registry = createRegistry();
    const ctxOf = (s: InstanceType<typeof Session>) => ({ session: s, progress: () => {}, signal: new AbortController().signal });
    const one = new Session({ host: 'electron', dataDir: dir });
    const two = new Session({ host: 'electron', dataDir: dir });
    expect((await registry.call('project.open', { path: p }, ctxOf(one))).ok).toBe(true);
    const before = sha256File(p);
    const refused = await registry.call('project.open', { path: p }, ctxOf(two));
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROJECT_FILE', message: expect.stringMatching(/^shared\.spendmap: already open in another Spendmap window since \d\d:\d\d on .*Switch to that window/) } });
    // Replacing it from the second window (new --force) is refused the same way.
    const replace = await registry.call('project.create', { path: p, pack: 'wards2024', lad: 'E09000021', year: '2024-25', force: true }, ctxOf(two));
    expect(replace).toMatchObject({ ok: false, error: { code: 'PROJECT_FILE' } });
    expect(two.project).toBeNull();
    // The same window opening it again is fine.
    expect((await registry.call('project.open', { path: p }, ctxOf(one))).ok).toBe(true);
    // The CLI (no window) still reads and writes it, with SQLite's own locking.
    const cli = new Session({ host: 'cli', dataDir: dir });
    expect((await registry.call('project.open', { path: p }, ctxOf(cli))).ok).toBe(true);
    expect((await registry.call('budgets.write', { writes: [{ values: { partner: 'NHS', partnerType: 'health', amount: '5', basis: 'even' } }] }, ctxOf(cli))).ok).toBe(true);
    cli.close();
    one.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
    expect((await registry.call('project.open', { path: p }, ctxOf(two))).ok).toBe(true);
    two.close();
    expect(before).not.toBe(sha256File(p)); // the CLI's write landed
  });

  it('is refused by a window in another process, and taken over once that process is gone (a crash leaves a stale lock)', async () => {
    const dir = folder('two-processes');
    const p = realProjectFile(dir, 'shared.spendmap');
    chmodSync(p, 0o666);
    const other = await startChild(folder('other-data'), renderer, p);
    expect(other.opened).toBe(true);
    const lock = JSON.parse(readFileSync(`${p}.lock`, 'utf8')) as { pid: number; kind: string };
    expect(lock).toMatchObject({ pid: other.pid, kind: 'web' });
    const before = sha256File(p);
    const refused = await call('project.open', { path: p });
    expect(refused.error?.message).toMatch(/^shared\.spendmap: already open in another Spendmap window since/);
    expect(sha256File(p)).toBe(before);
    expect((await call('project.current', {})).data).toMatchObject({ path: good });

    await killHard(other.pid);
    const opened = await call('project.open', { path: p });
    expect(opened, JSON.stringify(opened.error)).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(`${p}.lock`, 'utf8')).pid).toBe(window.pid);
    expect((await call('project.open', { path: good })).ok).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('takes over a lock from another computer that has not been refreshed for five minutes', async () => {
    const dir = folder('old-lock');
    const p = realProjectFile(dir, 'old.spendmap');
    chmodSync(p, 0o666);
    const lock = `${p}.lock`;
    writeFileSync(lock, JSON.stringify({ app: 'Spendmap', id: 'y', pid: 1, host: 'LAPTOP-OFF', user: 'a', kind: 'electron', at: new Date(Date.now() - 3600_000).toISOString() }));
    chmodSync(lock, 0o666);
    const old = new Date(Date.now() - 6 * 60_000);
    utimesSync(lock, old, old);
    expect((await call('project.open', { path: p })).ok).toBe(true);
    expect((await call('project.open', { path: good })).ok).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});
