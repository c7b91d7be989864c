// The engine is pure TypeScript (docs/architecture.md, layers): it may import only other
// shared/ files — no Node, Electron, React or I/O — so it runs in any host and in the renderer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(__dirname, '../../shared/engine');

describe('engine purity', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s imports only shared/ modules', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]!);
    for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^\.\/[\w-]+$|^\.\.\/(decimal|money|domain\/[\w-]+)$/);
    expect(text).not.toMatch(/\brequire\s*\(|\bprocess\.|\bglobalThis\b|\bperformance\b/);
  });
});
