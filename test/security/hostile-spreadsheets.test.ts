// Hostile and odd spreadsheets (issue 13), each a small generated file, imported through
// the handler registry into a real project: none freezes or crashes the backend, none
// imports a value the user cannot see, and each refusal names the file, row and column
// and changes nothing. (Time and memory for each are bench rows: reliability suite.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { createProject } from '../../electron/backend/project/lifecycle';
import { Session } from '../../electron/backend/session';
import { HOSTILE_CASES } from '../fuzz/hostile';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-hostile-sheets-');

describe('hostile spreadsheets', () => {
  const dir = tmp();
  const path = join(dir, 'p.spendmap');
  createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }).close();
  const session = new Session({ host: 'test', dataDir: dir });
  const ctx = { session, progress: () => {}, signal: new AbortController().signal };
  const registry = createRegistry();
  let opened = false;
  const counts = () =>
    JSON.stringify(
      session
        .requireProject()
        .db.prepare('SELECT (SELECT COUNT(*) FROM spend_lines), (SELECT COALESCE(SUM(amount_pence), 0) FROM spend_lines), (SELECT COUNT(*) FROM imports), (SELECT COUNT(*) FROM proxy_values), (SELECT COUNT(*) FROM direct_figures)')
        .raw()
        .get(),
    );

  for (const [name, c] of Object.entries(HOSTILE_CASES)) {
    it(`${c.imported ? 'imports' : 'refuses'} ${c.what}`, async () => {
      if (!opened) opened = (await registry.call('project.open', { path }, ctx)).ok;
      expect(opened).toBe(true);
      const bytes = await c.make();
      if (name !== 'huge-shared-string') expect(bytes.length).toBeLessThan(400 * 1024);
      const file = join(dir, c.fileName);
      writeFileSync(file, bytes);
      const hidden = c.includeHidden ? { includeHidden: true } : {};
      const before = counts();
      const r =
        c.target === 'budgets'
          ? await registry.call('imports.budgets', { file: { path: file }, ...hidden }, ctx)
          : c.target === 'proxy'
            ? await registry.call('proxies.import', { file: { path: file }, name: 'hostile', ...hidden }, ctx)
            : await registry.call('direct.import', { file: { path: file }, ...hidden }, ctx);
      if (c.imported) {
        expect(r.ok, JSON.stringify(r).slice(0, 600)).toBe(true);
        const data = (r as { data: { imported: number; totalPence: number } }).data;
        expect(data.imported).toBe(c.imported.count);
        if (c.imported.totalPence !== undefined) expect(data.totalPence).toBe(c.imported.totalPence);
        return;
      }
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('INPUT');
      expect(r.error.message.startsWith(`${c.fileName}: `), r.error.message).toBe(true);
      expect(r.error.message).not.toMatch(/Error:|\bat .*:\d+:\d+/);
      const problems = r.error.details?.problems ?? [];
      const all = `${r.error.message} ${problems.map((p) => p.message).join(' ')}`;
      expect(all, JSON.stringify(r.error).slice(0, 600)).toMatch(c.refused!.message);
      if (c.refused!.row !== undefined) expect(problems[0], JSON.stringify(problems.slice(0, 2))).toMatchObject({ file: c.fileName, row: c.refused!.row });
      if (c.refused!.column !== undefined) expect(problems[0]?.column).toBe(c.refused!.column);
      expect(counts()).toBe(before);
    }, 60_000);
  }
});
