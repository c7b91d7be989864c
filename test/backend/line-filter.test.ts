// The grids' filter bar is applied by the page query (budgets.page, mapping.page): each
// filter on a real project file, the filtered count and Σ, and per-partner subtotals that
// add up to the total shown.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../electron/backend/project/project';
import { withFocus } from '../../electron/backend/budgets/line-filter';
import { lineTotals, listLines, writeLines, type LineFilter } from '../../electron/backend/budgets/lines';
import { mappingPage } from '../../electron/backend/mapping/service';
import { pagedSource, type PageQuery } from '../../renderer/src/grid/pagedSource';
import { useProjects } from '../helpers/project';

const { fresh } = useProjects('spendmap-filter-');
const NHS = 'Kingston Hospital NHS Foundation Trust';
const MET = 'Metropolitan Police';

/** Six lines: £8,000 of £10,000 in L00001 (so it alone is the 80:20 focus), two partners. */
function sixLines(project: Project) {
  writeLines(
    project,
    [
      { values: { partner: NHS, partnerType: 'health', amount: '8000', basis: 'income_deprived' } },
      { values: { partner: NHS, amount: '1000', basis: 'population', status: 'aligned' } },
      { values: { partner: MET, partnerType: 'police', amount: '400', basis: 'even' } },
      { values: { partner: MET, amount: '300', basis: 'population', confidence: 'green' } },
      { values: { partner: MET, amount: '200.50', basis: 'income_deprived', status: 'pooled' } },
      { values: { partner: NHS, amount: '99.50', basis: 'population' } },
    ],
    { source: 'budgets grid', defaultConfidenceReason: 'Checked with the trust' },
  );
}

const page = (project: Project, f: LineFilter) => listLines(project, withFocus(project, { offset: 0, limit: 100, subtotals: true, ...f }));
const refs = (project: Project, f: LineFilter) => page(project, f).rows.map((l) => l.ref);

describe('grid filters in the page query', () => {
  it('filters by partner, basis, status, confidence (override or suggested), focus and to-confirm', () => {
    const project = fresh();
    sixLines(project);
    expect(refs(project, { partner: MET })).toEqual(['L00003', 'L00004', 'L00005']);
    expect(refs(project, { basis: 'population' })).toEqual(['L00002', 'L00004', 'L00006']);
    expect(refs(project, { status: 'aligned' })).toEqual(['L00002']);
    // population suggests red; L00004's override makes it green.
    expect(refs(project, { confidence: 'red' })).toEqual(['L00002', 'L00003', 'L00006']);
    expect(refs(project, { confidence: 'green' })).toEqual(['L00004']);
    expect(refs(project, { focus: true })).toEqual(['L00001']);
    expect(refs(project, { focus: false })).toEqual(['L00002', 'L00003', 'L00004', 'L00005', 'L00006']);
    expect(refs(project, { toConfirm: true })).toEqual([]);
    project.db.prepare("UPDATE spend_lines SET to_confirm = 'carried forward' WHERE ref = 'L00005'").run();
    expect(refs(project, { toConfirm: true })).toEqual(['L00005']);
    // All given filters must hold.
    expect(refs(project, { partner: NHS, basis: 'population', confidence: 'red' })).toEqual(['L00002', 'L00006']);
    expect(refs(project, { partner: MET, status: 'aligned' })).toEqual([]);
  });

  it('counts and adds up only the filtered lines, with subtotals per partner (by name) that add up to them', () => {
    const project = fresh();
    sixLines(project);
    const all = page(project, {});
    expect(all).toMatchObject({ count: 6, totalPence: 1_000_000 });
    expect(all.partners).toEqual([
      { partner: NHS, count: 3, totalPence: 909_950 },
      { partner: MET, count: 3, totalPence: 90_050 },
    ]);
    const population = page(project, { basis: 'population' });
    expect(population).toMatchObject({ count: 3, totalPence: 139_950 });
    expect(population.partners).toEqual([
      { partner: NHS, count: 2, totalPence: 109_950 },
      { partner: MET, count: 1, totalPence: 30_000 },
    ]);
    // A page shorter than the filtered lines still carries the totals of them all.
    expect(listLines(project, { offset: 0, limit: 1, partner: NHS })).toMatchObject({ count: 3, totalPence: 909_950 });
    expect(lineTotals(project, { partner: 'Nobody' })).toEqual({ count: 0, totalPence: 0, partners: [] });
  });

  it('pages the Mapping grid through the same filter, its totals and subtotals with it', () => {
    const project = fresh();
    sixLines(project);
    const m = mappingPage(project, { offset: 0, limit: 100, focus: false, partner: NHS, subtotals: true });
    expect(m.rows.map((r) => r.line.ref)).toEqual(['L00002', 'L00006']);
    expect(m.rows.every((r) => !r.focus)).toBe(true);
    expect(m.count).toBe(2);
    expect(m.totals).toMatchObject({ totalPence: 109_950, partners: [{ partner: NHS, count: 2, totalPence: 109_950 }] });
  });

  it('splits lines of equal amount at the 80:20 cut as the focus rule does (by ref), matching the grid\'s ★', () => {
    const project = fresh();
    writeLines(project, [5, 4, 3, 2, 1].map((n) => ({ values: { ref: `R${n}`, partner: NHS, partnerType: 'health', amount: '100' } })), { source: 'budgets grid' });
    // £500 in all: R1 to R4 come before 80% is reached, R5 does not.
    expect(refs(project, { focus: true })).toEqual(['R4', 'R3', 'R2', 'R1']);
    expect(refs(project, { focus: false })).toEqual(['R5']);
    const starred = mappingPage(project, { offset: 0, limit: 10 }).rows.filter((r) => r.focus).map((r) => r.line.ref);
    expect(starred.sort()).toEqual(['R1', 'R2', 'R3', 'R4']);
  });

  it('refuses a focus filter without the focus lines rather than showing every line', () => {
    const project = fresh();
    sixLines(project);
    expect(() => listLines(project, { offset: 0, limit: 10, focus: true })).toThrow(/focus cut/);
  });

  it('runs the grouped subtotal query only when asked: the other blocks get the same count and Σ without it', () => {
    const project = fresh();
    sixLines(project);
    // Every statement the page query prepares, read off the real connection.
    const prepared: string[] = [];
    const prepare = project.db.prepare.bind(project.db);
    project.db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof project.db.prepare;
    for (const f of [{}, { basis: 'population' }, { partner: MET, status: 'pooled' as const }, { search: 'L0000' }, { focus: false }]) {
      prepared.length = 0;
      const later = listLines(project, withFocus(project, { offset: 2, limit: 2, ...f }));
      expect(prepared.some((sql) => /GROUP BY/i.test(sql))).toBe(false);
      expect('partners' in later).toBe(false);
      const first = page(project, f);
      expect(prepared.filter((sql) => /GROUP BY/i.test(sql))).toHaveLength(1);
      expect({ count: later.count, totalPence: later.totalPence }).toEqual({ count: first.count, totalPence: first.totalPence });
      expect(first.partners!.reduce((s, p) => s + p.totalPence, 0)).toBe(first.totalPence);
    }
    const m = mappingPage(project, { offset: 100, limit: 100 });
    expect(m.totals.partners).toBeUndefined();
    expect(m.totals.totalPence).toBe(1_000_000);
  });

  it('the grids ask for subtotals with their first block only', async () => {
    const asked: PageQuery[] = [];
    const source = pagedSource((q) => (asked.push(q), Promise.resolve({ rows: [], count: 600 })), () => {}, (e) => { throw e; });
    await new Promise<void>((done) => {
      let n = 0;
      for (const startRow of [0, 200, 400])
        source.getRows({ startRow, endRow: startRow + 200, sortModel: [], filterModel: {}, context: undefined, successCallback: () => void (++n === 3 && done()), failCallback: () => {} } as unknown as Parameters<typeof source.getRows>[0]);
    });
    expect(asked.map((q) => [q.offset, q.subtotals ?? false])).toEqual([[0, true], [200, false], [400, false]]);
  });
});
