// The business-case workbook recalculated by LibreOffice from its formulas alone equals
// the engine (what `cba --json` prints) to the penny and to the 4th decimal, on the real
// Kingston demo project; text typed by a user never becomes a formula.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalWorkbook } from '../../electron/backend/business-case/export';
import type { WorkbookMap } from '../../electron/backend/business-case/workbook';
import type { Project } from '../../electron/backend/project/project';
import { allocationOf } from '../../electron/backend/mapping/allocation';
import { buildDemo } from '../../electron/backend/project/demo';
import { allLines } from '../../electron/backend/budgets/lines';
import { listNeighbourhoods } from '../../electron/backend/neighbourhoods/service';
import { evaluate, validProposal } from '../../electron/backend/business-case/proposals';
import type { CbaFigures } from '../../shared/engine/cba';
import { recalculate } from '../../scripts/lib/libreoffice';
import { removeDir } from '../helpers/tmp';

const HOSTILE = ['=HYPERLINK("http://example.invalid","click")', '+SUM(1,1)', '-2+3', '@cmd', '=1+2'];

let dir: string;
let project: Project;
let neighbourhood: string;
let refs: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-cba-wb-'));
  project = await buildDemo(join(dir, 'demo.spendmap'));
  const n = listNeighbourhoods(project)[0]!;
  neighbourhood = n.name;
  const allocation = allocationOf(project);
  refs = allLines(project)
    .filter((l) => allocation.result(l.id)?.ok)
    .slice(0, 3)
    .map((l) => l.ref);
}, 120_000);

afterAll(() => {
  project?.close();
  removeDir(dir);
});

const cellAt = (rows: string[][], ref: string): string => {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const c = [...m[1]!].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);
  return rows[Number(m[2]) - 1]?.[c - 1] ?? '';
};
const num = (s: string) => (s === '' ? null : Number(s));

/** Every figure of `cba --json`, read from the recalculated sheet. */
function figuresFrom(rows: string[][], map: WorkbookMap): Omit<CbaFigures, 'by_partner'> & { by_partner: unknown[] } {
  const g = (k: string) => cellAt(rows, map.figures[k]!);
  return {
    pv_costs_pence: num(g('pv_costs_pence'))!,
    pv_benefits_pence: { total: num(g('pv_benefits_pence.total'))!, fiscal: num(g('pv_benefits_pence.fiscal'))!, economic: num(g('pv_benefits_pence.economic'))!, social: num(g('pv_benefits_pence.social'))! },
    npv_pence: num(g('npv_pence'))!,
    bcr_fiscal: num(g('bcr_fiscal')),
    bcr_all: num(g('bcr_all')),
    roi: num(g('roi')),
    payback_year: g('payback_year') === 'none' ? null : num(g('payback_year')),
    baseline_drawn_pence: num(g('baseline_drawn_pence'))!,
    years: map.years.map((y, t) => ({ year: t, costs_pence: num(cellAt(rows, y.costs))!, benefits_pence: num(cellAt(rows, y.benefits))! })),
    by_partner: map.partners.map((p) => ({
      partner: p.partner,
      pv_costs_pence: num(cellAt(rows, p.pv_costs_pence)),
      pv_benefits_pence: num(cellAt(rows, p.pv_benefits_pence)),
      pv_cashable_pence: num(cellAt(rows, p.pv_cashable_pence)),
      net_pence: num(cellAt(rows, p.net_pence)),
    })),
    sensitivity: { low_npv_pence: num(g('sensitivity.low_npv_pence'))!, high_npv_pence: num(g('sensitivity.high_npv_pence'))! },
  };
}

const fiveYear = () => ({
  name: 'Families first',
  neighbourhood,
  start_year: '2025-26',
  years: 5,
  price_index: { '2025-26': 125, '2015-16': 100, '2013-14': 97.25 },
  costs: [
    { partner: 'Council', kind: 'capital', description: HOSTILE[2], gbp_by_year: [5_000, 0, 0, 0, 0], optimism_bias_pct: 20 },
    { partner: 'Health', kind: 'revenue', description: HOSTILE[0], gbp_by_year: [1_000, 1_000, 1_000, 1_000, 1_000.01] },
    { partner: HOSTILE[4]!, kind: 'in_kind', description: 'volunteer time', gbp_by_year: [250.5, 250.5, 0, 0, 0], optimism_bias_pct: 7.5 },
  ],
  outcomes: [
    { description: HOSTILE[1], unit_cost_gbp: 1_000, price_year: '2015/16', cohort_by_year: [0, 10, 20, 20, 20], success_rate_pct: 50, deadweight_pct: 20, value_type: 'fiscal', cashable_pct: 100, benefit_to: [{ partner: 'Health', share_pct: 100 }] },
    { description: 'children kept out of care', unit_cost_code: 'SS1.0', cohort_by_year: [0, 0.5, 1, 1, 1.5], success_rate_pct: 33.3, deadweight_pct: 35, optimism_bias_pct: 25, value_type: 'fiscal', cashable_pct: 40, benefit_to: [{ partner: 'Council', share_pct: 70 }, { partner: HOSTILE[4]!, share_pct: 30 }] },
    { description: HOSTILE[3], unit_cost_gbp: 123.45, price_year: '2025-26', cohort_by_year: [3, 3, 3, 3, 3], success_rate_pct: 80, deadweight_pct: 10, optimism_bias_pct: 15, value_type: 'social', cashable_pct: 0, benefit_to: [{ partner: 'Residents', share_pct: 100 }] },
  ],
  draws_on: refs.map((ref, i) => ({ ref, share_pct: [25, 12.5, 3.3][i]! })),
});

async function recalcOf(input: unknown, name: string) {
  const p = validProposal(input);
  const truth = evaluate(project, p).figures;
  const { bytes, map } = await proposalWorkbook(project, p);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  const { sheets } = recalculate(file);
  return { truth, rows: [...sheets.values()][0]!, map, file };
}

describe('business-case workbook', () => {
  it('recalculates in LibreOffice to the engine\'s figures, to the penny', async () => {
    const { truth, rows, map } = await recalcOf(fiveYear(), 'five-year');
    expect(truth.by_partner.length).toBe(4);
    expect(truth.baseline_drawn_pence).toBeGreaterThan(0);
    expect(figuresFrom(rows, map)).toEqual(truth);
  }, 120_000);

  it('recalculates generated proposals to the same figures (no costs, no price index, long horizons)', async () => {
    const samples = fc.sample(
      fc.record({
        years: fc.integer({ min: 1, max: 30 }),
        seed: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { numRuns: 3, seed: 17 },
    );
    for (const [i, s] of samples.entries()) {
      const rnd = (k: number) => ((s.seed * 7919 + k * 104_729) % 1000) / 1000;
      const T = s.years;
      const input = {
        name: `Generated ${i}`,
        neighbourhood,
        start_year: '2024-25',
        years: T,
        discount_rate: [0.035, 0.1, 0][i % 3],
        costs: i === 1 ? [] : [{ partner: 'Police', kind: 'revenue', gbp_by_year: Array.from({ length: T }, (_, t) => Math.round(rnd(t) * 1e7) / 100), optimism_bias_pct: Math.round(rnd(99) * 600) / 10 }],
        outcomes: [
          { unit_cost_code: 'E&E1.6', cohort_by_year: Array.from({ length: T }, (_, t) => Math.round(rnd(t + 50) * 5000) / 10), success_rate_pct: 61.5, deadweight_pct: Math.round(rnd(7) * 1000) / 10, optimism_bias_pct: 60, value_type: 'economic', cashable_pct: 12.5, benefit_to: [{ partner: 'DWP', share_pct: 33.4 }, { partner: 'police', share_pct: 66.6 }] },
        ],
      };
      const { truth, rows, map } = await recalcOf(input, `generated-${i}`);
      expect(figuresFrom(rows, map), `sample ${i}: ${JSON.stringify(input)}`).toEqual(truth);
    }
  }, 300_000);

  it('keeps every user text as text: no formula from a description or a partner name', async () => {
    const { rows, file } = await recalcOf(fiveYear(), 'hostile');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
        const v = cell.value as { formula?: string } | null;
        if (v && typeof v === 'object' && 'formula' in v) for (const bit of ['HYPERLINK', 'SUM(1,1)', 'cmd', '"=1+2"', '-2+3']) expect(v.formula).not.toContain(bit);
      }),
    );
    for (const h of HOSTILE) expect(texts).toContain(h);
    // After LibreOffice's recalculation they are still the literal text.
    const shown = rows.flat();
    for (const h of HOSTILE) expect(shown).toContain(h);
    expect(shown).not.toContain('click');
  }, 120_000);
});
