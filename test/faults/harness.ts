// The fault harness's run: its options (seed, scale, scenarios), its scratch folder and
// environment, and the real processes it starts, watches and SIGKILLs.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rng } from '../../scripts/lib/rng';
import { repoRoot, resourcesDir } from '../helpers/paths';
import { bundle, type Bundles } from './bundle';
import { CheckFailed } from './checks';

export const { values: args } = parseArgs({
  options: { seed: { type: 'string' }, scale: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean' } },
});
export const SEED = Number(args.seed ?? process.env.FAULT_SEED ?? 20_240_917);
export const SCALE = Number(args.scale ?? 1);
export const ONLY = args.only ? new Set(args.only.split(',')) : null;
export const random = rng(SEED);

export const root = mkdtempSync(join(tmpdir(), 'spendmap-faults-'));
export const env = { ...process.env, SPENDMAP_DATA: join(root, 'data'), SPENDMAP_RESOURCES: resourcesDir, NO_COLOR: '1' };
mkdirSync(env.SPENDMAP_DATA, { recursive: true });
export let bundles: Bundles;

/** Builds the CLI and driver bundles the scenarios start (once per run). */
export function loadBundles(): void {
  bundles = bundle();
}

// ---------------------------------------------------------------------------------
// Processes

export interface Proc {
  child: ChildProcess;
  lines: string[];
  stderr: string;
  /** Resolves with the first stdout line starting with `prefix`. */
  waitFor(prefix: string, timeoutMs: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  started: number;
}

export function start(script: string, argv: string[]): Proc {
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...argv], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  const proc: Proc = {
    child,
    lines,
    stderr: '',
    started,
    waitFor(prefix, timeoutMs) {
      const hit = lines.find((l) => l.startsWith(prefix));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr: ${proc.stderr.slice(-500)}`)), timeoutMs);
        waiters.push({
          prefix,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void proc.exited.then(() => {
          clearTimeout(timer);
          const late = lines.find((l) => l.startsWith(prefix));
          if (late) resolve(late);
          else reject(new Error(`exited before "${prefix}"; stderr: ${proc.stderr.slice(-500)}`));
        });
      });
    },
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started }))),
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    partial += d;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (line.startsWith(w.prefix)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (proc.stderr += d));
  return proc;
}

/** Kills after `delayMs`; true when the kill found the process still running. */
export async function killAfter(proc: Proc, delayMs: number): Promise<boolean> {
  const done = await Promise.race([proc.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), delayMs))]);
  if (done) return false;
  const hit = proc.child.kill('SIGKILL');
  const exit = await Promise.race([proc.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  if (!exit) throw new CheckFailed('the process did not die within 10 s of SIGKILL');
  return hit && exit.signal === 'SIGKILL';
}

export const cli = (...argv: string[]) => start(bundles.cli, argv);

export function removeProject(path: string): void {
  for (const s of ['', '-wal', '-shm', '-journal', '.lock']) rmSync(path + s, { force: true });
}

export function copyProject(from: string, to: string): void {
  removeProject(to);
  copyFileSync(from, to);
}
