// Runs the real CLI as a separate process, exactly as a user or a script would.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');
const MAIN = 'electron/hosts/cli/main.ts';

/**
 * `tsx electron/hosts/cli/main.ts ...args` with cwd = the repo and the given env on top
 * of this process's. SPENDMAP_DATA must be given (a temp folder), so a test never
 * touches the user's real data folder.
 */
export function runCli(args: string[], opts: { env: Record<string, string>; timeoutMs?: number }): Promise<CliResult> {
  if (!opts.env.SPENDMAP_DATA) throw new Error('runCli: pass env.SPENDMAP_DATA (a temp folder)');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(TSX, [MAIN, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...opts.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out: ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
