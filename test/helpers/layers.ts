// The layer rules of docs/architecture.md ("Layers"), checked on import specifiers.
// Imports are read with TypeScript's own pre-processor (import, import type, export
// from, require, import(), import = require), so comments and strings never count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'release', '.git', '.cache']);
/** Folders whose code the rules govern (the layer table; scripts/ and test/ are tooling). */
export const LAYER_ROOTS = ['shared', 'electron', 'renderer'];

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (s: string) => s.startsWith('node:') || BUILTINS.has(s) || BUILTINS.has(s.split('/')[0]!);
const packageName = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);

/** What shared/ may import besides itself: pure libraries only. */
const SHARED_ALLOWED_PACKAGES = new Set(['zod']);
/** Packages that must never reach the renderer (Node-only or native). */
const RENDERER_FORBIDDEN_PACKAGES = new Set(['better-sqlite3']); // and 'electron', by the rule for every file

export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Violations in one file, given its repo-relative path (with "/"). */
export function checkFile(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  const top = file.split('/')[0]!;
  const inMainOrPreload = /^electron\/(main|preload)\//.test(file);
  for (const spec of importsOf(source)) {
    const relativeSpec = spec.startsWith('.');
    const target = relativeSpec ? posix.normalize(posix.join(posix.dirname(file), spec)) : null;
    const targetTop = target?.split('/')[0];
    const add = (rule: string) => out.push({ file, specifier: spec, rule });

    if (!relativeSpec && packageName(spec) === 'electron' && !inMainOrPreload)
      add("only electron/main/** and electron/preload/** may import 'electron'");

    if (top === 'shared') {
      if (relativeSpec) {
        if (targetTop !== 'shared') add('shared/ may import only shared/ and pure libraries (zod)');
      } else if (isBuiltin(spec)) add('shared/ must not import Node built-ins');
      else if (!SHARED_ALLOWED_PACKAGES.has(packageName(spec))) add(`shared/ may import only pure libraries (zod), not "${packageName(spec)}"`);
    }

    if (top === 'renderer') {
      if (relativeSpec && targetTop && targetTop !== 'renderer' && targetTop !== 'shared')
        add(`renderer/ may import only renderer/ and shared/, not ${targetTop}/`);
      if (!relativeSpec && isBuiltin(spec)) add('renderer/ must not import Node built-ins');
      if (!relativeSpec && RENDERER_FORBIDDEN_PACKAGES.has(packageName(spec))) add(`renderer/ must not import "${packageName(spec)}"`);
    }

    if (top !== 'renderer' && relativeSpec && targetTop === 'renderer') add(`${top}/ must not import from renderer/`);
  }
  return out;
}

export function sourceFiles(root: string, dirs = LAYER_ROOTS): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // a layer folder that does not exist yet
    }
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (SOURCE_EXT.test(name) && !name.endsWith('.d.ts')) files.push(relative(root, p).split(sep).join('/'));
    }
  };
  for (const d of dirs) walk(join(root, d));
  return files.sort();
}

export function checkTree(root: string): { files: string[]; violations: Violation[] } {
  const files = sourceFiles(root);
  return { files, violations: files.flatMap((f) => checkFile(f, readFileSync(join(root, f), 'utf8'))) };
}
