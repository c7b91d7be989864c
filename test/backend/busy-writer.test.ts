// Two programs writing one project file: the CLI's contract and the lock notes in
// electron/backend/store/lock.ts say the CLI keeps reading and writing a project while a
// window has it open, with SQLite's locking keeping the file consistent, and every
// connection sets busy_timeout = 5000 so a write waits for another writer to finish.
// A write that arrives while another program holds the write lock for a moment must
// therefore wait and succeed, not be refused as "busy".
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-busy-');
const registry = createRegistry();

/** Another program: opens the file, takes the write lock (BEGIN IMMEDIATE), holds it for ms, commits. */
function holdWriteLock(path: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();
  `;
  const child = spawn(process.execPath, ['-e', script, path, String(ms)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}) before locking: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', () => resolve())));

describe('a write while another program briefly holds the write lock', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await exited(c);
  });

  async function openSession() {
    const session = new Session({ host: 'test', dataDir: tmp() });
    const ctx = { session, progress: () => {}, signal: new AbortController().signal };
    const path = join(tmp(), 'busy.spendmap');
    const created = await registry.call('project.create', { path, pack: 'wards2024', lad: 'E09000021', year: '2023-24' }, ctx);
    expect(created.ok).toBe(true);
    return { ctx, path };
  }

  it('a plain write on the project\'s connection waits for the lock (busy_timeout is set)', async () => {
    const { ctx, path } = await openSession();
    children.push(await holdWriteLock(path, 700));
    const started = performance.now();
    // The app's own connection, one write statement on its own (no read snapshot held first).
    ctx.session.requireProject().db.prepare('UPDATE project SET next_ref = next_ref WHERE id = 1').run();
    expect(performance.now() - started).toBeGreaterThan(300);
    ctx.session.close();
  });

  // Project.tx takes the write lock at BEGIN (an IMMEDIATE transaction), where
  // busy_timeout applies. A DEFERRED transaction that reads before writing would hold a
  // read snapshot when it asks for the lock, and SQLite would answer SQLITE_BUSY at once
  // (CONFLICT, "busy in another program") although the other writer finishes well
  // within the 5 s busy_timeout.
  it('neighbourhoods.save waits for the lock instead of answering CONFLICT', async () => {
    const { ctx, path } = await openSession();
    children.push(await holdWriteLock(path, 700));
    const r = await registry.call('neighbourhoods.save', { name: 'Norbiton', wards: ['E05013941'] }, ctx);
    ctx.session.close();
    expect(r).toMatchObject({ ok: true, data: { name: 'Norbiton', wards: ['E05013941'] } });
  });
});
