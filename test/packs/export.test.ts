// Export writes every pack or none: progress for each pack, a cancel or a failure
// leaves the folder as it was (older packs of the same names included), and the plan
// names the files before anything is written.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPacks, placeAll, planPacks } from '../../electron/backend/packs/export';
import type { Project } from '../../electron/backend/project/project';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { refusedWith } from '../helpers/project';
import { removeDir } from '../helpers/tmp';
import { importBudgets } from '../../electron/backend/budgets/import';
import { allocateAll } from '../../electron/backend/mapping/allocate';
import { createProject } from '../../electron/backend/project/lifecycle';
import { budgetCsv, budgetRow } from '../helpers/budget';
import { at, demoProject, packInfo, pence, readWorkbook, recalculateAll, tmpDir } from './fixtures';

const dir = tmpDir('spendmap-export-');
let project: Project;

beforeAll(async () => {
  project = await demoProject(dir);
}, 60_000);

afterAll(() => {
  project.close();
  removeDir(dir);
});

describe('exporting packs', () => {
  it('plans one pack per partner and one per neighbourhood, in the project’s folder by default', () => {
    const plan = planPacks(project);
    expect(plan.folder).toBe(join(dir, 'packs'));
    expect(plan.packs.filter((p) => p.kind === 'partner')).toHaveLength(7);
    expect(plan.packs.filter((p) => p.kind === 'neighbourhood').map((p) => p.subject)).toEqual(['Norbiton']);
    expect(plan.packs.reduce((s, p) => s + (p.kind === 'partner' ? p.lines : 0), 0)).toBe(29);
  });

  it('reports progress pack by pack and returns the files written', async () => {
    const seen: { done: number; total: number; message: string }[] = [];
    const folder = join(dir, 'out');
    const r = await exportPacks(project, folder, { progress: (p) => seen.push(p) });
    expect(r.files.map((f) => f.name).sort()).toEqual(readdirSync(folder).sort());
    expect(seen.map((s) => s.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.every((s) => s.total === 8)).toBe(true);
    expect(seen[0]!.message).toMatch(/^Writing pack 1 of 8: /);
    expect(seen.at(-1)!.message).toMatch(/^Saving 8 packs in /);
    for (const f of r.files) expect(readFileSync(f.path).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes nothing when cancelled part way, and keeps the older packs of the same names', async () => {
    const folder = join(dir, 'cancelled');
    mkdirSync(folder);
    const names = planPacks(project).packs.map((p) => p.name);
    writeFileSync(join(folder, names[0]!), 'the older pack');
    const controller = new AbortController();
    const e = await refusedWith(
      exportPacks(project, folder, {
        signal: controller.signal,
        progress: (p) => {
          if (p.done === 4) controller.abort();
        },
      }),
    );
    expect(e.code).toBe('CANCELLED');
    expect(e.message).toMatch(/no packs were written/);
    expect(readdirSync(folder)).toEqual([names[0]]);
    expect(readFileSync(join(folder, names[0]!), 'utf8')).toBe('the older pack');
  });

  it('writes nothing when the folder cannot take them, and says so', async () => {
    if (process.getuid?.() === 0) return; // root may write anywhere
    const folder = join(dir, 'read-only');
    mkdirSync(folder);
    chmodSync(folder, 0o500);
    const e = await refusedWith(exportPacks(project, folder));
    expect(e.message).toMatch(/no packs were written|Cannot write/);
    expect(readdirSync(folder)).toEqual([]);
    chmodSync(folder, 0o700);
  });

  it('writes nothing when a folder is in the way of a pack', async () => {
    const folder = join(dir, 'blocked');
    mkdirSync(folder);
    const names = planPacks(project).packs.map((p) => p.name);
    mkdirSync(join(folder, names[3]!));
    const e = await refusedWith(exportPacks(project, folder));
    expect(e.message).toMatch(/is in the way of a pack: no packs were written/);
    expect(readdirSync(folder)).toEqual([names[3]]);
  });

  it('puts the older files back if a rename fails part way', () => {
    const folder = join(dir, 'rollback');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.xlsx'), 'old a');
    writeFileSync(join(folder, '.a.partial'), 'new a');
    writeFileSync(join(folder, 'b.xlsx'), 'old b');
    // The second pack's temporary file has vanished: its rename fails after the first was placed.
    expect(() =>
      placeAll([
        { temp: join(folder, '.a.partial'), final: join(folder, 'a.xlsx') },
        { temp: join(folder, '.b.partial'), final: join(folder, 'b.xlsx') },
      ]),
    ).toThrow();
    expect(readdirSync(folder).sort()).toEqual(['a.xlsx', 'b.xlsx']);
    expect(readFileSync(join(folder, 'a.xlsx'), 'utf8')).toBe('old a');
    expect(readFileSync(join(folder, 'b.xlsx'), 'utf8')).toBe('old b');
  });

  it('exports a project with no neighbourhood: partner packs only, their formulas still the engine’s pence', async () => {
    const p = createProject({ path: join(dir, 'plain.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
    try {
      const csv = join(dir, 'plain.csv');
      writeFileSync(csv, budgetCsv([budgetRow({ ref: 'A-1', amount_gbp: '1000000.01' }), budgetRow({ ref: 'A-2', basis: 'even', deprivation_weight: '0.5', amount_gbp: '333.33' })]));
      await importBudgets(p, { file: { path: csv } });
      const empty = createProject({ path: join(dir, 'empty.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
      const e = await refusedWith(exportPacks(empty, join(dir, 'none')));
      empty.close();
      expect(e.message).toMatch(/nothing to export yet/);
      const { files } = await exportPacks(p, join(dir, 'plain-packs'));
      expect(files.map((f) => f.kind)).toEqual(['partner']);
      const wb = await readWorkbook(files[0]!.path);
      const info = packInfo(wb);
      expect(JSON.parse(info.get('neighbourhoods')!)).toEqual([]);
      expect(String(wb.getWorksheet('Neighbourhood')!.getCell(5, 1).value)).toMatch(/no neighbourhood yet/);
      const rows = recalculateAll([files[0]!.path]).get(files[0]!.path)!.get('Allocation')!;
      const split = allocateAll(p);
      const header = Number(info.get('allocationHeaderRow'));
      const money = Number(info.get('moneyColumn'));
      for (const [i, line] of split.lines.entries())
        expect(split.wards.map((_, k) => pence(at(rows, header + 1 + i, money + k)))).toEqual(line.amounts);
    } finally {
      p.close();
    }
  });

  it('refuses a relative folder, naming the default', async () => {
    const e = await refusedWith(exportPacks(project, 'packs'));
    expect(e.message).toMatch(/is not a full folder path. Give the whole path, e.g. .*packs/);
  });

  it('answers NO_PROJECT through the registry before a project is open, and writes nothing', async () => {
    const session = new Session({ host: 'test', dataDir: join(dir, 'data') });
    const r = createRegistry();
    const ctx = { session, progress: () => {}, signal: new AbortController().signal };
    const folder = join(dir, 'never');
    expect(await r.call('packs.plan', {}, ctx)).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    expect(await r.call('packs.export', { folder }, ctx)).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    expect(existsSync(folder)).toBe(false);
    session.close();
  });
});
