// The engine cache (electron/backend/mapping/allocation.ts) keeps one Allocation per
// open project and updates it line by line on edits. Whatever a user does through the
// handler registry, what the open session reports must equal what a fresh open of the
// same file reports: the ward split of every line, the neighbourhood figures, the
// mapping page. Checked after every kind of edit, with the cache (and neighbourhood
// trackers) warm before each edit so the incremental paths are the ones exercised.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { allocationOf } from '../../electron/backend/mapping/allocation';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { toCsvText } from '../helpers/csv';
import { resourcesDir } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-cache-');
const registry = createRegistry();
const NORBITON = 'E05013941';
const NEW_MALDEN = 'E05013940';
const TOLWORTH = 'E05013945';
const KINGSTON_TOWN = 'E05013938';

type Ctx = { session: Session; progress: () => void; signal: AbortSignal };
const context = (): Ctx => {
  const session = new Session({ host: 'test', dataDir: tmp() });
  return { session, progress: () => {}, signal: new AbortController().signal };
};

async function call<M extends MethodName>(ctx: Ctx, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await registry.call(method, input, ctx);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.data as MethodOutput<M>;
}

const NEIGHBOURHOODS = ['Norbiton', 'Norbiton and New Malden'];

/** Everything the engine cache feeds, as one session sees it. */
async function view(ctx: Ctx) {
  const allocation = await call(ctx, 'mapping.allocate', {});
  const summaries = [];
  for (const name of NEIGHBOURHOODS) summaries.push(await call(ctx, 'summary.neighbourhood', { name }));
  const page = await call(ctx, 'mapping.page', { offset: 0, limit: 2000, neighbourhood: 'Norbiton' });
  return { allocation, summaries, page };
}

describe('the engine cache stays in step with the project file', () => {
  const live = context();
  let path = '';
  let dir = '';
  const ids = new Map<string, number>();

  async function refreshIds() {
    const page = await call(live, 'budgets.page', { offset: 0, limit: 5000 });
    ids.clear();
    for (const l of page.rows) ids.set(l.ref, l.id);
  }
  const id = (ref: string) => {
    const v = ids.get(ref);
    if (v === undefined) throw new Error(`no line ${ref}`);
    return v;
  };

  /** Live view == a fresh open's view; returns the live view. */
  async function inStep(label: string) {
    const now = await view(live);
    const fresh = context();
    try {
      await call(fresh, 'project.open', { path });
      expect(now, label).toEqual(await view(fresh));
    } finally {
      fresh.session.close();
    }
    return now;
  }

  const amountsOf = (v: Awaited<ReturnType<typeof view>>, ref: string) => v.allocation.lines.find((l) => l.ref === ref)?.amounts ?? null;

  function writeCsv(name: string, rows: string[][]): string {
    const p = join(dir, name);
    writeFileSync(p, toCsvText(rows));
    return p;
  }

  beforeAll(async () => {
    dir = tmp();
    path = join(dir, 'cache.spendmap');
    await call(live, 'project.create', { path, pack: 'wards2024', lad: 'E09000021', year: '2023-24' });
    const wards = (await call(live, 'wards.list', {})).map((w) => w.code);
    await call(live, 'proxies.import', {
      file: { path: writeCsv('claimants.csv', [['ward_code', 'value'], ...wards.map((w, i) => [w, String(30 + ((i * 37) % 101))])]) },
      name: 'claimants',
    });
    for (const f of ['kingston-council-2023-24.csv', 'kingston-partners-illustrative.csv'])
      await call(live, 'imports.budgets', { file: { path: join(resourcesDir, 'demo', f) } });
    const extra = writeBudgetCsv(dir, 'extra.csv', [
      budgetRow({ ref: 'D-1', partner: 'Kingston Hospital', amount_gbp: '250000', basis: 'direct', discretionary_pct: '20' }),
      budgetRow({ ref: 'D-2', partner: 'Kingston Hospital', amount_gbp: '80000.55', basis: 'direct' }),
      budgetRow({ ref: 'X-CLM', partner: 'DWP / Jobcentre Plus (Kingston) [illustrative]', partner_type: 'dwp', amount_gbp: '1234567.89', basis: 'claimants', deprivation_weight: '0.3', discretionary_pct: '12.5' }),
      budgetRow({ ref: 'P-MOVE', partner: 'Kingston Hospital', amount_gbp: '40000', basis: 'population', discretionary_pct: '7' }),
    ]);
    await call(live, 'imports.budgets', { file: { path: extra } });
    await call(live, 'direct.import', {
      file: {
        path: writeCsv('figures.csv', [
          ['ref', 'ward_code', 'amount_gbp'],
          ['D-1', NORBITON, '100000'],
          ['D-1', NEW_MALDEN, '150000'],
          ['P-MOVE', TOLWORTH, '30000'],
          ['P-MOVE', NORBITON, '10000'],
        ]),
      },
    });
    await call(live, 'neighbourhoods.save', { name: 'Norbiton', wards: [NORBITON] });
    await call(live, 'neighbourhoods.save', { name: 'Norbiton and New Malden', wards: [NORBITON, NEW_MALDEN] });
    await refreshIds();
  });

  it('agrees at the start', async () => {
    const v = await inStep('start');
    expect(v.allocation.lines.length).toBeGreaterThan(30);
    expect(v.allocation.unallocated.map((u) => u.ref)).toEqual(['D-2']);
    expect(v.summaries[0]!.summary.total_pence).toBeGreaterThan(0);
  });

  it('would notice a cache out of step with the file (the check has teeth)', async () => {
    await inStep('before tampering');
    const allocation = allocationOf(live.session.requireProject());
    const line = allocation.line(id('KC-HWY'))!;
    allocation.setLine({ ...line, beta: 1 - line.beta }); // the engine alone, not the file
    try {
      await expect(inStep('tampered')).rejects.toThrow();
    } finally {
      allocation.setLine(line);
    }
    await inStep('put back');
  });

  it('after budgets.write edits, one kind at a time, each applied to the warm cache (not a rebuild)', async () => {
    let before = await inStep('before edits');
    const step = async (label: string, writes: MethodInput<'budgets.write'>['writes'], changed: string[]) => {
      const cached = allocationOf(live.session.requireProject());
      await call(live, 'budgets.write', { writes });
      expect(allocationOf(live.session.requireProject()), `${label}: the same engine, updated in place`).toBe(cached);
      const after = await inStep(label);
      for (const ref of changed) expect(amountsOf(after, ref), `${label}: ${ref} moved`).not.toEqual(amountsOf(before, ref));
      before = after;
    };
    await step('β', [{ id: id('NHS-01'), values: { beta: '0.9' } }], ['NHS-01']);
    await step('basis and amount', [{ id: id('NHS-02'), values: { basis: 'income_deprived', amount: '22400000.01' } }], ['NHS-02']);
    // Figures imported while the line was not direct are used once it is.
    await step('basis to direct', [{ id: id('P-MOVE'), values: { basis: 'direct' } }], ['P-MOVE']);
    expect(amountsOf(before, 'P-MOVE')!.reduce((s, x) => s + x, 0)).toBe(4_000_000);
    await step('site ward', [{ id: id('MPS-03'), values: { siteWard: TOLWORTH } }], ['MPS-03']);
    await step('custom proxy basis', [{ id: id('VCS-01'), values: { basis: 'claimants', beta: '0.1' } }], ['VCS-01']);
    await step(
      'confidence, discretionary %, partner, ref, themes',
      [
        { id: id('NHS-03'), values: { confidence: 'green' }, confidenceReason: 'ICB gave ward activity data' },
        { id: id('KC-EDU'), values: { discretionaryPct: '33.3' } },
        { id: id('HA-01'), values: { partner: 'Kingston Council Housing', partnerType: 'housing' } },
        { id: id('DWP-02'), values: { ref: 'AAA-FIRST', themes: 'Work;Skills' } },
        { id: id('LFB-02'), values: { amount: '119841000' } }, // ties with KC-EDU for the 80:20 order
      ],
      [],
    );
    await refreshIds();
    await step(
      'new lines',
      [
        { values: { ref: 'N-1', partner: 'Kingston Hospital', amount: '77777.77', basis: 'even', beta: '0.6' } },
        { values: { ref: 'N-2', partner: 'Kingston Hospital', amount: '500', basis: 'direct' } },
      ],
      ['N-1'],
    );
    expect(before.allocation.unallocated.map((u) => u.ref)).toEqual(['D-2', 'N-2']);
  });

  it('after a refused write (nothing changed)', async () => {
    const r = await registry.call('budgets.write', { writes: [{ id: id('KC-HWY'), values: { beta: '0.4' } }, { id: id('KC-PH'), values: { beta: '7' } }] }, live);
    expect(r.ok).toBe(false);
    await inStep('refused write');
  });

  it('after direct.import replaces and adds ward figures', async () => {
    await refreshIds();
    const before = await inStep('before direct.import');
    await call(live, 'direct.import', {
      file: {
        path: writeCsv('figures-2.csv', [
          ['ref', 'ward_code', 'amount_gbp'],
          ['D-1', KINGSTON_TOWN, '250000'],
          ['D-2', NORBITON, '80000.54'], // a penny short: allocated, flagged
        ]),
      },
    });
    const after = await inStep('direct.import');
    expect(amountsOf(after, 'D-1')).not.toEqual(amountsOf(before, 'D-1'));
    expect(after.allocation.unallocated.map((u) => u.ref)).toEqual(['N-2']);
    const row = after.page.rows.find((r) => r.line.ref === 'D-2')!;
    expect(row.directDifference).toBe(-1);
  });

  it('after proxies.import replaces the values of a proxy lines use', async () => {
    const before = await inStep('before proxies.import');
    const wards = (await call(live, 'wards.list', {})).map((w) => w.code);
    await call(live, 'proxies.import', {
      file: { path: writeCsv('claimants-2.csv', [['ward_code', 'value'], ...wards.map((w, i) => [w, String(500 - 17 * i)])]) },
      name: 'claimants',
    });
    const after = await inStep('proxies.import');
    for (const ref of ['X-CLM', 'VCS-01']) expect(amountsOf(after, ref), ref).not.toEqual(amountsOf(before, ref));
  });

  it('after a workshop what-if is viewed (the engine is put back) and after one is applied', async () => {
    const before = await inStep('before what-if');
    const whatIf = { lines: [{ id: id('NHS-04'), basis: 'income_deprived', beta: 1 }], partners: [{ partner: 'Kingston Voluntary Action [illustrative]', beta: 1 }] };
    const tried = await call(live, 'workshop.view', { neighbourhood: 'Norbiton', whatIf });
    expect(tried.detail.summary.total_pence).not.toBe(before.summaries[0]!.summary.total_pence);
    expect(await inStep('what-if viewed')).toEqual(before);
    await call(live, 'workshop.apply', { whatIf });
    const after = await inStep('what-if applied');
    expect(amountsOf(after, 'NHS-04')).not.toEqual(amountsOf(before, 'NHS-04'));
  });

  it('after deleting lines', async () => {
    await call(live, 'budgets.delete', { ids: [id('NHS-04'), id('D-1'), id('X-CLM'), id('N-2')] });
    const after = await inStep('delete');
    const refs = after.allocation.lines.map((l) => l.ref);
    for (const ref of ['NHS-04', 'D-1', 'X-CLM']) expect(refs).not.toContain(ref);
    expect(after.allocation.unallocated).toEqual([]);
  });

  it('after direct.set and after a neighbourhood changes its wards', async () => {
    const before = await inStep('before direct.set');
    await call(live, 'direct.set', { lineId: id('D-2'), figures: [{ ward: TOLWORTH, amount: '80000.55' }] });
    const after = await inStep('direct.set');
    expect(amountsOf(after, 'D-2')).not.toEqual(amountsOf(before, 'D-2'));
    await call(live, 'neighbourhoods.save', { name: 'Norbiton', wards: [NORBITON, TOLWORTH] });
    const moved = await inStep('neighbourhood wards');
    expect(moved.summaries[0]!.summary.wards).toEqual([NORBITON, TOLWORTH]);
  });
});
