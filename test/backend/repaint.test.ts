// One round trip per edit: a budgets.write that names its grid answers with what that
// grid repaints, and it must equal what the separate reads (the old four calls) give
// right after the same write, on the demo project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../electron/backend/dispatch';
import { Session } from '../../electron/backend/session';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-repaint-');
const dispatcher = new Dispatcher();
let session: Session;

async function call<M extends MethodName>(m: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await dispatcher.invoke(m, input, { session });
  if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`);
  return r.data;
}

let nb = '';
const lineOf = async (ref: string) => (await call('budgets.page', { offset: 0, limit: 5000 })).rows.find((l) => l.ref === ref)!;

beforeAll(async () => {
  session = new Session({ host: 'test', dataDir: tmp() });
  const info = await call('project.openDemo', {});
  nb = info.neighbourhoods[0]!.name;
}, 120_000);
afterAll(() => session?.close());

describe('a write answers with what its grid repaints', () => {
  for (const [field, value] of [
    ['beta', '0.35'],
    ['discretionaryPct', '40'],
    ['basis', 'even'],
    ['status', 'pooled'],
    ['amount', '123456.78'],
  ] as const) {
    it(`Mapping, ${field}: the row, the bottom row and the strip equal mapping.rows, mapping.page and summary.neighbourhood's figures`, async () => {
      const page = await call('mapping.page', { offset: 0, limit: 3, neighbourhood: nb });
      const line = page.rows[2]!.line;
      const saved = await call('budgets.write', { writes: [{ id: line.id, values: { [field]: value } }], repaint: { screen: 'mapping', neighbourhood: nb } });
      expect(saved.budgets).toBeUndefined();
      const m = saved.mapping!;
      expect(m.rows).toEqual((await call('mapping.rows', { ids: [line.id], neighbourhood: nb })).rows);
      const after = await call('mapping.page', { offset: 0, limit: 1, neighbourhood: nb, subtotals: true });
      expect(m.totals).toEqual(after.totals);
      expect(m.count).toBe(after.count);
      const summary = (await call('summary.neighbourhood', { name: nb })).summary;
      expect(m.strip).toEqual({
        neighbourhood: summary.neighbourhood,
        total_pence: summary.total_pence,
        per_head_gbp: summary.per_head_gbp,
        borough_per_head_gbp: summary.borough_per_head_gbp,
        influenceable_pence: summary.influenceable_pence,
        confidence_pence: summary.confidence_pence,
        sensitivity: summary.sensitivity,
      });
    });
  }

  it('Mapping with a search: the bottom row counts the lines the search shows', async () => {
    const line = (await call('mapping.page', { offset: 0, limit: 1 })).rows[0]!.line;
    const saved = await call('budgets.write', { writes: [{ id: line.id, values: { beta: '0.6' } }], repaint: { screen: 'mapping', search: line.ref } });
    const shown = await call('mapping.page', { offset: 0, limit: 1, search: line.ref, subtotals: true });
    expect(saved.mapping!.totals).toEqual(shown.totals);
    expect(saved.mapping!.count).toBe(shown.count);
    expect(saved.mapping!.strip).toBeNull();
  });

  it('Budgets, amount: the bottom row equals budgets.page and the project counts equal project.current', async () => {
    const line = (await call('budgets.page', { offset: 0, limit: 1 })).rows[0]!;
    const saved = await call('budgets.write', { writes: [{ id: line.id, values: { amount: '999.99' } }], repaint: { screen: 'budgets' } });
    expect(saved.lines.map((l) => l.amountPence)).toEqual([99_999]);
    const page = await call('budgets.page', { offset: 0, limit: 1, subtotals: true });
    const current = (await call('project.current', {}))!;
    expect(saved.budgets).toEqual({
      count: page.count,
      totalPence: page.totalPence,
      partners: page.partners,
      project: { lines: current.lines, partners: current.partners, totalPence: current.totalPence },
    });
    expect(saved.mapping).toBeUndefined();
    expect((await lineOf(line.ref)).amountPence).toBe(99_999);
  });

  it('without repaint, only the lines', async () => {
    const line = (await call('budgets.page', { offset: 0, limit: 1 })).rows[0]!;
    expect(Object.keys(await call('budgets.write', { writes: [{ id: line.id, values: { beta: '0.2' } }] }))).toEqual(['lines']);
  });
});
