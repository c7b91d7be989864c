// Temporary folders under os.tmpdir(), removed after the suite (or test) that made them.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Makes everything under dir writable again, so a test that made files read-only can still be cleaned up. */
function unlock(dir: string): void {
  try {
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = lstatSync(p);
      if (st.isDirectory()) unlock(p);
      else if (!st.isSymbolicLink()) chmodSync(p, 0o600);
    }
  } catch {
    /* best effort */
  }
}

export function removeDir(dir: string): void {
  unlock(dir);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Call at the top of a test file: returns a function that makes a fresh temp folder;
 * every folder it made is removed after the file's tests have run.
 */
export function useTmpDirs(prefix = 'spendmap-test-'): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made.splice(0)) removeDir(d);
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
}
