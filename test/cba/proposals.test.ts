// Proposals in the project (issue 17) through the registry every host calls: save,
// list, get, rename, delete, import and export proposal.json, audit, and undo/redo that
// survive reopening the file and refuse to overwrite later work.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { createProject } from '../../electron/backend/project/lifecycle';
import { withDb } from '../helpers/db';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-proposals-');
const registry = createRegistry();
let session: Session;
let path: string;
let dir: string;

async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
  return r.data as T;
}
const refused = async (method: string, input: unknown) => {
  try {
    await call(method, input);
  } catch (e) {
    return e as Error & { code: string; details?: { problems?: { column?: string; message: string }[] } };
  }
  throw new Error(`${method} was not refused`);
};

let wards: string[];
const plan = (over: Record<string, unknown> = {}) => ({
  name: 'Plan A',
  neighbourhood: 'north',
  start_year: '2024-25',
  years: 2,
  costs: [{ partner: 'Council', kind: 'revenue', gbp_by_year: [100, 100] }],
  outcomes: [{ unit_cost_code: 'cr1.0', cohort_by_year: [1, 2], success_rate_pct: 50, value_type: 'fiscal', benefit_to: [{ partner: 'Police', share_pct: 100 }] }],
  ...over,
});
type Summary = { id: number; name: string; neighbourhood: string; years: number };

beforeEach(async () => {
  dir = tmp();
  path = join(dir, 'p.spendmap');
  createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }).close();
  session = new Session({ host: 'test', dataDir: tmp() });
  await call('project.open', { path });
  wards = (await call<{ code: string }[]>('wards.list')).slice(0, 2).map((w) => w.code);
  await call('neighbourhoods.save', { name: 'North', wards });
});
afterEach(() => session.close());

describe('proposals', () => {
  it('saves, lists, gets with defaults filled, renames and deletes, each audited', async () => {
    const saved = await call<{ summary: Summary; evaluation: { figures: { pv_costs_pence: number } } }>('cba.save', { proposal: plan() });
    expect(saved.summary).toMatchObject({ name: 'Plan A', neighbourhood: 'North', years: 2 });
    // 100 + 100 / 1.035 = 196.6184 pounds → 19,662 pence.
    expect(saved.evaluation.figures.pv_costs_pence).toBe(19_662);
    const got = await call<Record<string, unknown>>('cba.get', { name: 'plan a' });
    expect(got).toMatchObject({ name: 'Plan A', neighbourhood: 'North', discount_rate: 0.035, draws_on: [] });
    await call('cba.save', { proposal: plan({ name: 'Plan B', years: 1, costs: [], outcomes: [] }), previousName: 'Plan A' });
    expect((await call<Summary[]>('cba.list')).map((s) => s.name)).toEqual(['Plan B']);
    expect(await call('cba.delete', { name: 'PLAN B' })).toEqual({ deleted: true });
    expect(await call('cba.list')).toEqual([]);
    const audit = await call<{ action: string; ref: string }[]>('audit.list', { limit: 10, entity: 'proposal' });
    expect(audit.map((a) => `${a.action} ${a.ref}`)).toEqual(['delete Plan B', 'update Plan B', 'create Plan A']);
  });

  it('refuses a bad proposal naming the field, and saves nothing', async () => {
    const e = await refused('cba.save', { proposal: plan({ outcomes: [{ ...plan().outcomes[0], benefit_to: [{ partner: 'Police', share_pct: 90 }] }] }) });
    expect(e.code).toBe('INPUT');
    expect(e.details?.problems).toEqual([{ column: 'outcomes[0].benefit_to', message: 'shares add to 90, not 100' }]);
    const n = await refused('cba.save', { proposal: plan({ neighbourhood: 'Nowhere' }) });
    expect(n.details?.problems?.[0]?.column).toBe('neighbourhood');
    const code = await refused('cba.save', { proposal: plan({ outcomes: [{ ...plan().outcomes[0], unit_cost_code: 'XX9.9' }] }) });
    expect(code.details?.problems?.[0]?.column).toBe('outcomes[0].unit_cost_code');
    await call('cba.save', { proposal: plan() });
    const clash = await refused('cba.save', { proposal: plan({ name: 'plan a' }), previousName: 'Other' });
    expect(clash.message).toMatch(/already a proposal called "Plan A"/);
    expect((await call<Summary[]>('cba.list')).length).toBe(1);
  });

  it('undoes and redoes saves and deletes, also after reopening, and refuses when the proposal changed since', async () => {
    await call('cba.save', { proposal: plan() });
    await call('cba.save', { proposal: plan({ years: 1, costs: [], outcomes: [] }) });
    expect(await call('history.state')).toMatchObject({ undo: 'edit proposal Plan A' });
    await call('history.undo');
    expect((await call<{ years: number }>('cba.get', { name: 'Plan A' })).years).toBe(2);
    await call('cba.delete', { name: 'Plan A' });
    session.close();
    session = new Session({ host: 'test', dataDir: tmp() });
    await call('project.open', { path });
    await call('history.undo'); // the delete
    expect((await call<Summary[]>('cba.list')).map((s) => s.name)).toEqual(['Plan A']);
    await call('history.redo');
    expect(await call('cba.list')).toEqual([]);
    await call('history.undo');
    // Changed outside the recorded history: undoing "add proposal Plan A" must not delete that work.
    withDb(path, (db) => db.prepare("UPDATE proposals SET updated_at = 'elsewhere'").run());
    const e = await refused('history.undo', {});
    expect(e.message).toMatch(/^Cannot undo "add proposal Plan A": the proposal Plan A has changed since/);
    expect(e.code).toBe('CONFLICT');
    expect((await call<Summary[]>('cba.list')).length).toBe(1);
  });

  it('exports proposal.json and imports it back into another name', async () => {
    await call('cba.save', { proposal: plan() });
    const out = await call<{ fileName: string; json: string }>('cba.export', { name: 'Plan A' });
    expect(out.fileName).toBe('Plan A.json');
    const copy = { ...JSON.parse(out.json), name: 'Plan A copy' };
    const file = join(dir, 'copy.json');
    writeFileSync(file, JSON.stringify(copy));
    const r = await call<{ summary: Summary; fileName: string }>('cba.import', { file: { path: file } });
    expect(r).toMatchObject({ fileName: 'copy.json', summary: { name: 'Plan A copy' } });
    const a = await call('cba.evaluate', { name: 'Plan A' });
    expect(await call('cba.evaluate', { name: 'Plan A copy' })).toEqual(a);
    expect(await call('cba.evaluate', { file: { name: 'x.json', base64: Buffer.from(out.json).toString('base64') } })).toEqual(a);
  });
});
