// A few hundred of the fuzz suite's inputs on every test run (the full 10,000+ and the
// huge files run in `npm run test:fuzz`): each ends in a clean import or an error
// naming file, row and column, and a refused one changes nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { createProject } from '../../electron/backend/project/lifecycle';
import { Session } from '../../electron/backend/session';
import { useTmpDirs } from '../helpers/tmp';
import { generate } from './generators';
import { judge } from './judge';

const tmp = useTmpDirs('spendmap-fuzz-smoke-');

describe('fuzz smoke', () => {
  it('400 generated budget and proxy files: clean import or located refusal, never a crash or partial import', async () => {
    const dir = tmp();
    const path = join(dir, 'p.spendmap');
    createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }).close();
    const session = new Session({ host: 'test', dataDir: dir });
    const ctx = { session, progress: () => {}, signal: new AbortController().signal };
    const registry = createRegistry();
    expect((await registry.call('project.open', { path }, ctx)).ok).toBe(true);
    const wards = session.requireProject().wards().map((w) => w.code);
    const counts = () =>
      JSON.stringify(
        session
          .requireProject()
          .db.prepare('SELECT (SELECT COUNT(*) FROM spend_lines), (SELECT COUNT(*) FROM imports), (SELECT COUNT(*) FROM audit_log), (SELECT COALESCE(SUM(value), 0) FROM proxy_values)')
          .raw()
          .get(),
      );
    const outcomes: Record<string, number> = {};
    const failures: string[] = [];
    for (let i = 0; i < 400; i++) {
      const input = generate(99_991, i, { wards, year: '2024-25' });
      const file = join(dir, input.name);
      writeFileSync(file, input.bytes);
      const before = counts();
      const r =
        input.target === 'budgets'
          ? await registry.call('imports.budgets', { file: { path: file }, ...(input.units ? { units: input.units } : {}) }, ctx)
          : await registry.call('proxies.import', { file: { path: file }, name: 'fuzz_proxy' }, ctx);
      const v = judge(input, r as never, before, counts());
      outcomes[v.outcome] = (outcomes[v.outcome] ?? 0) + 1;
      if (v.outcome === 'FAIL') failures.push(`#${i} ${input.kind}: ${v.detail}`);
    }
    session.close();
    expect(failures).toEqual([]);
    expect(outcomes.imported).toBeGreaterThan(50);
    expect(outcomes['refused-located']).toBeGreaterThan(100);
  });
});
