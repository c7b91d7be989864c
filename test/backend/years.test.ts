// The year rule on a real project file through the dispatcher: a line of another year
// is refused in the grid and at import, an edit confirms a carried-forward line, and a
// file from before the rule keeps its other-year line out of every total, listed as
// unallocated (visible, not silent), and not carried by roll forward.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../electron/backend/dispatch';
import { Session } from '../../electron/backend/session';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-years-');

async function project() {
  const dir = tmp();
  const dispatcher = new Dispatcher();
  const session = new Session({ host: 'test', dataDir: dir });
  const raw = (m: MethodName, input: unknown) => dispatcher.call(m, input, { session });
  const call = async <M extends MethodName>(m: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await dispatcher.invoke(m, input, { session });
    if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`);
    return r.data;
  };
  const path = `${dir}/p.spendmap`;
  await call('project.create', { path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
  await call('neighbourhoods.save', { name: 'Norbiton', wards: ['E05013941'] });
  return { dir, path, call, raw, session };
}

const line = (ref: string, amount: string, year = '') => ({ values: { ref, partner: 'Kingston Police', partnerType: 'police', amount, basis: 'population', year } });

describe('the year rule', () => {
  it('refuses another year in a grid cell, naming the project year; a blank year is the project’s', async () => {
    const { call, raw } = await project();
    const r = await raw('budgets.write', { writes: [line('A-1', '100', '2023-24')] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toMatch(/2023-24.{0,2} is not this project's year 2024-25/);
    const ok = await call('budgets.write', { writes: [line('A-1', '100')] });
    expect(ok.lines[0]!.year).toBe('2024-25');
  });

  it('keeps an old file’s other-year line out of every total, listed as unallocated; roll forward leaves it out', async () => {
    const { call, path, dir, session } = await project();
    await call('budgets.write', { writes: [line('A-1', '1000'), line('B-1', '500')] });
    const before = await call('summary.neighbourhood', { name: 'Norbiton' });
    // A file from before the rule: B-1 was stored as last year's.
    session.close();
    const db = new Database(path);
    db.prepare("UPDATE spend_lines SET year = '2023-24' WHERE ref = 'B-1'").run();
    db.close();
    await call('project.open', { path });
    const after = (await call('summary.neighbourhood', { name: 'Norbiton' })).summary;
    expect(after.borough_total_pence).toBe(100_000);
    expect(after.total_pence).toBeLessThan(before.summary.total_pence);
    expect(after.unallocated).toEqual([{ ref: 'B-1', reason: expect.stringMatching(/year 2023-24 is not the project's year 2024-25/) }]);
    expect((await call('budgets.page', { offset: 0, limit: 10 })).totalPence).toBe(100_000);
    expect((await call('project.current', {}))!.totalPence).toBe(100_000);

    const r = await call('years.rollForward', { year: '2025-26', out: `${dir}/next.spendmap` });
    expect(r.leftOut).toEqual(['B-1']);
    expect(r.lines).toBe(1);
  });

  it('an edit confirms a carried-forward line; the grid filters those still to confirm', async () => {
    const { call, dir } = await project();
    await call('budgets.write', { writes: [line('A-1', '1000'), line('B-1', '500')] });
    const next = `${dir}/next.spendmap`;
    await call('years.rollForward', { year: '2025-26', out: next });
    await call('project.open', { path: next });
    const page = await call('budgets.page', { offset: 0, limit: 10, toConfirm: true });
    expect(page.rows.map((l) => [l.ref, l.toConfirm])).toEqual([
      ['A-1', 'carried forward from 2024-25 — to confirm'],
      ['B-1', 'carried forward from 2024-25 — to confirm'],
    ]);
    await call('budgets.write', { writes: [{ id: page.rows[0]!.id, values: { amount: '1100' } }] });
    const left = await call('budgets.page', { offset: 0, limit: 10, toConfirm: true });
    expect(left.rows.map((l) => l.ref)).toEqual(['B-1']);
    expect(left.totalPence).toBe(50_000);
  });
});
