// Two hosts, one project: a web host (a window, in a process of its own) has a project
// open; the real CLI replaces the file with `new --force`. The window's next edit would
// go to the old, unlinked file and be lost: it must be refused, naming the file, and so
// must every edit after it, while the new file is left as the CLI made it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { realProjectFile } from '../fixtures/projects';
import { runCli } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';
import { api, json } from './http';

const tmp = useTmpDirs('spendmap-replaced-');
const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];
const pids: number[] = [];

afterAll(() => {
  for (const pid of pids)
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  for (const c of children) c.kill('SIGKILL');
});

function startWindow(dataDir: string, rendererDir: string, open: string): Promise<{ port: number; token: string; opened: unknown }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(TSX, ['test/security/webhost-child.ts', dataDir, rendererDir, open], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    let out = '';
    let err = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const info = JSON.parse(out.slice(0, nl)) as { port: number; token: string; pid: number; opened: unknown };
        pids.push(info.pid);
        resolve(info);
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    proc.on('exit', (code) => reject(new Error(`web host exited (${code}): ${err.slice(-500)}`)));
  });
}

it('a window whose file the CLI replaced refuses every edit after, naming the file; nothing reaches either file', async () => {
  const root = tmp();
  const data = join(root, 'data');
  const renderer = join(root, 'renderer');
  mkdirSync(data);
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Spendmap</title>');
  const path = realProjectFile(root, 'shared.spendmap');
  const win = await startWindow(data, renderer, path);
  expect(win.opened).toBe(true);
  const call = async (method: string, input: unknown) => json(await api(win.port, win.token, method, input));
  const line = (ref: string) => ({ writes: [{ values: { ref, partner: 'Kingston Hospital', partnerType: 'health', amount: '100', basis: 'population' } }] });

  // Before: edits land in the file.
  expect(await call('budgets.write', line('BEFORE'))).toMatchObject({ ok: true });

  const r = await runCli(['new', path, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25', '--force'], { env: { SPENDMAP_DATA: data } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);

  for (const ref of ['AFTER', 'AGAIN']) {
    const res = await call('budgets.write', line(ref));
    expect(res.ok).toBe(false);
    expect(res.error!.code).toBe('PROJECT_FILE');
    expect(res.error!.message).toMatch(/shared\.spendmap has been replaced by another file since it was opened here/);
    expect(res.error!.message).toMatch(/not saved/);
  }
  // Other kinds of write are refused the same way.
  const n = await call('neighbourhoods.save', { name: 'Norbiton', wards: ['E05013941'] });
  expect(n.error?.code).toBe('PROJECT_FILE');

  // The file at the path is the CLI's new project, untouched by the window.
  const db = new Database(path, { readonly: true });
  try {
    expect(db.prepare('SELECT year FROM project').pluck().get()).toBe('2024-25');
    expect(db.prepare('SELECT COUNT(*) FROM spend_lines').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM neighbourhoods').pluck().get()).toBe(0);
  } finally {
    db.close();
  }

  // Opening the project again in the window works and writes to the new file.
  expect(await call('project.open', { path })).toMatchObject({ ok: true });
  expect(await call('budgets.write', line('REOPENED'))).toMatchObject({ ok: true });
  const after = new Database(path, { readonly: true });
  try {
    expect(after.prepare('SELECT ref FROM spend_lines').pluck().all()).toEqual(['REOPENED']);
  } finally {
    after.close();
  }
}, 90_000);
