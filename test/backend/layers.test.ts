// Layer rules (docs/architecture.md, "Layers"): shared/ is pure, only electron main and
// preload touch 'electron', the renderer never reaches into the backend or Node.
// The scanner is proven on synthetic sources, so a wrong import added anywhere fails here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkTree, importsOf } from '../helpers/layers';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-layers-');

describe('the repository', () => {
  it('has no import that crosses a layer the wrong way', () => {
    const { files, violations } = checkTree(repoRoot);
    // The scan must really cover the code: known files of each layer are in it.
    expect(files).toEqual(expect.arrayContaining(['shared/money.ts', 'shared/contract/methods.ts', 'electron/backend/store/database.ts', 'electron/hosts/cli/main.ts']));
    expect(files.filter((f) => f.startsWith('shared/')).length).toBeGreaterThanOrEqual(5);
    expect(violations.map((v) => `${v.file}: "${v.specifier}" — ${v.rule}`)).toEqual([]);
  });
});

describe('the scanner', () => {
  const forbiddenInShared = ['node:fs', 'fs', 'path', 'node:path', 'fs/promises', 'electron', 'react', 'react-dom/client', 'better-sqlite3', 'exceljs', 'papaparse', 'ag-grid-community'];

  it.each(forbiddenInShared)('flags shared/ importing %s', (spec) => {
    expect(checkFile('shared/domain/x.ts', `import thing from '${spec}';\n`)).toHaveLength(spec === 'electron' ? 2 : 1);
  });

  it('sees every form of import', () => {
    const src = [
      "import type { Database } from 'better-sqlite3';",
      "export * from 'node:path';",
      "export { readFileSync } from 'fs';",
      "const x = require('exceljs');",
      "async function f() { return import('papaparse'); }",
      "import os = require('os');",
      "import 'react';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['better-sqlite3', 'node:path', 'fs', 'exceljs', 'papaparse', 'os', 'react']);
    expect(checkFile('shared/x.ts', src)).toHaveLength(7);
  });

  it('does not count imports in comments or strings', () => {
    const src = "// import fs from 'fs';\n/* require('path') */\nconst s = \"import x from 'exceljs'\";\nconst re = /[\",;]/;\nimport { z } from 'zod';\n";
    expect(importsOf(src)).toEqual(['zod']);
    expect(checkFile('shared/x.ts', src)).toEqual([]);
  });

  it('lets shared/ import zod and itself, but not the backend', () => {
    expect(checkFile('shared/domain/x.ts', "import { z } from 'zod';\nimport { parseAmount } from '../money';\nimport { a } from './types';")).toEqual([]);
    expect(checkFile('shared/domain/x.ts', "import { openProjectDb } from '../../electron/backend/store/database';")).toEqual([
      expect.objectContaining({ specifier: '../../electron/backend/store/database' }),
    ]);
  });

  it("lets only electron/main and electron/preload import 'electron'", () => {
    const src = "import { app, ipcRenderer } from 'electron';";
    expect(checkFile('electron/main/index.ts', src)).toEqual([]);
    expect(checkFile('electron/preload/index.ts', src)).toEqual([]);
    for (const f of ['electron/backend/store/database.ts', 'electron/hosts/cli/main.ts', 'electron/hosts/utility/main.ts', 'renderer/src/App.tsx'])
      expect(checkFile(f, src), f).toEqual([expect.objectContaining({ rule: expect.stringMatching(/only electron\/main/) })]);
    expect(checkFile('electron/backend/x.ts', "import { net } from 'electron/main';")).toHaveLength(1);
    // Our own folder named electron/ is not the package.
    expect(checkFile('electron/hosts/cli/main.ts', "import { createRegistry } from '../../backend/handlers';")).toEqual([]);
  });

  it('keeps the renderer away from the backend and from Node', () => {
    expect(checkFile('renderer/src/api.ts', "import { createRegistry } from '../../electron/backend/handlers';")).toHaveLength(1);
    expect(checkFile('renderer/src/grid/Lines.tsx', "import type { Db } from '../../../electron/backend/store/database';")).toHaveLength(1);
    expect(checkFile('renderer/src/x.ts', "import { readFileSync } from 'fs';")).toHaveLength(1);
    expect(checkFile('renderer/src/x.ts', "import { join } from 'node:path';")).toHaveLength(1);
    expect(checkFile('renderer/src/x.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(
      checkFile(
        'renderer/src/App.tsx',
        "import { useState } from 'react';\nimport { AgGridReact } from 'ag-grid-react';\nimport { methods } from '../../shared/contract/methods';\nimport { Grid } from './grid/Grid';",
      ),
    ).toEqual([]);
    expect(checkFile('electron/backend/x.ts', "import { theme } from '../../renderer/src/theme';")).toHaveLength(1);
  });

  it('fails a tree to which a wrong import is added', () => {
    const root = tmp();
    mkdirSync(join(root, 'shared', 'domain'), { recursive: true });
    mkdirSync(join(root, 'renderer', 'src'), { recursive: true });
    writeFileSync(join(root, 'shared', 'domain', 'ok.ts'), "import { z } from 'zod';\n");
    expect(checkTree(root).violations).toEqual([]);
    writeFileSync(join(root, 'shared', 'domain', 'bad.ts'), "import { readFileSync } from 'node:fs';\n");
    writeFileSync(join(root, 'renderer', 'src', 'bad.tsx'), "import { ipcRenderer } from 'electron';\n");
    expect(checkTree(root).violations.map((v) => [v.file, v.specifier])).toEqual([
      ['renderer/src/bad.tsx', 'electron'],
      ['shared/domain/bad.ts', 'node:fs'],
    ]);
  });
});
