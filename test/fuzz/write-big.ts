// Writes one of the huge files (big.ts) in a process of its own, so the process that
// imports it measures only the import's peak memory, not the making of the file.
//   tsx test/fuzz/write-big.ts <case> <path> [sheet]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths';
import { BIG_CASES } from './big';

/** Runs this script in a child process; throws when it fails. */
export function writeBigFile(name: string, path: string, sheet?: string): void {
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [join(repoRoot, 'test', 'fuzz', 'write-big.ts'), name, path, ...(sheet ? [sheet] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`writing ${name} failed (${r.status ?? r.signal}): ${(r.stderr ?? '').slice(-400)}`);
}

if (require.main === module) {
  const [name, path, sheet] = process.argv.slice(2);
  const c = BIG_CASES[name ?? ''];
  if (!c || !path) throw new Error('usage: write-big.ts <case> <path> [sheet]');
  void c.write(path, sheet);
}
