// Pack benchmarks: exporting every pack of a 2,000-line project (25 partners, 20 wards,
// one neighbourhood) with live formulas, beside the floor: exceljs writing the same
// number of plain value cells in as many workbooks. And packs that can be emailed
// (issue 14): 20,000 lines × 20 wards, 8 partners of 2,500 lines: the export's time,
// the neighbourhood and partner packs' sizes, and LibreOffice recalculating a partner
// pack, each beside a floor of plain values (packs-large.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { exportPacks } from '../../../electron/backend/packs/export';
import { buildModel } from '../../../electron/backend/packs/model';
import { buildWorkbook, type PackSpec } from '../../../electron/backend/packs/writer';
import { saveNeighbourhood } from '../../../electron/backend/neighbourhoods/service';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { TEMPLATE_COLUMNS } from '../../../shared/domain/types';
import type { Suite } from '../suite';
import { rng } from '../../lib/rng';
import { largeCases, LARGE_ROWS } from './packs-large';

const BASES = ['population', 'children_0_15', 'adults_16_59', 'older_60_plus', 'working_age', 'income_deprived', 'employment_deprived', 'even'];
const BETAS = ['0', '0', '0.25', '0.5', '0.5', '0.75', '1'];
const TYPES = ['council', 'health', 'police', 'dwp', 'fire', 'housing', 'vcs', 'other'];

/** 2,000 lines for 25 partners on a 20-ward borough, mostly proxies, some even, site and direct. */
export function budget(lines: number, partners: number, wards: string[], seed = 7): string {
  const r = rng(seed);
  const out = [TEMPLATE_COLUMNS.join(',')];
  for (let i = 1; i <= lines; i++) {
    const p = i % partners;
    const u = r();
    const basis = u < 0.06 ? 'site' : u < 0.08 ? 'direct' : BASES[Math.floor(r() * BASES.length)]!;
    const amount = (Math.floor(10 ** (5 + r() * 4.5)) / 100).toFixed(2);
    const row: Record<string, string> = {
      ref: `B${String(i).padStart(5, '0')}`,
      partner: `Partner ${String(p + 1).padStart(2, '0')}`,
      partner_type: TYPES[p % TYPES.length]!,
      service: `Service ${i % 97}`,
      description: 'Bench line',
      amount_gbp: amount,
      year: '2024-25',
      basis,
      deprivation_weight: basis === 'site' || basis === 'direct' ? '0' : BETAS[Math.floor(r() * BETAS.length)]!,
      discretionary_pct: String(Math.round(r() * 1000) / 10),
      status: 'mainstream',
      confidence: '',
      themes: ['Health', 'Place;Housing', 'Children', ''][i % 4]!,
      site_ward: basis === 'site' ? wards[Math.floor(r() * wards.length)]! : '',
    };
    out.push(TEMPLATE_COLUMNS.map((c) => row[c]).join(','));
  }
  return out.join('\n') + '\n';
}

async function project(dir: string) {
  // Middlesbrough has 20 wards on 2024 boundaries.
  const p = createProject({ path: join(dir, 'bench.spendmap'), pack: 'wards2024', lad: 'E06000002', year: '2024-25' });
  const wards = p.wards().map((w) => w.code);
  if (wards.length !== 20) throw new Error(`expected 20 wards, got ${wards.length}`);
  const csv = join(dir, 'budget.csv');
  writeFileSync(csv, budget(2000, 25, wards));
  await importBudgets(p, { file: { path: csv } });
  saveNeighbourhood(p, 'Bench', wards.slice(0, 2), 'bench');
  return p;
}

/** Cells the same packs hold (values and formulas alike). */
function cellCounts(p: ReturnType<typeof createProject>): number[] {
  const model = buildModel(p);
  const specs: PackSpec[] = [
    ...model.partners.map((x): PackSpec => ({ kind: 'partner', subject: x.name, lines: model.lines.filter((l) => l.line.partner === x.name), neighbourhoods: model.neighbourhoods.map((n, index) => ({ index, n })) })),
    ...model.neighbourhoods.map((n, index): PackSpec => ({ kind: 'neighbourhood', subject: n.name, lines: model.lines, neighbourhoods: [{ index, n }] })),
  ];
  return specs.map((spec) => {
    let cells = 0;
    for (const ws of buildWorkbook(model, spec).sheets) for (const row of ws.rows) for (const cell of row?.cells ?? []) if (cell && cell.value !== null) cells++;
    return cells;
  });
}

export const suite: Suite = {
  rows: [
    {
      workload: 'Export all packs: 25 partners + 1 neighbourhood, 2,000 lines × 20 wards, live formulas',
      target: '< 5 s, RSS < 1 GB',
      limitMs: 5000,
      limitMB: 1024,
      peer: 'exceljs, same number of plain value cells (floor)',
      case: 'packs-export-2000',
    },
    ...LARGE_ROWS,
  ],
  cases: {
    ...largeCases,
    async 'packs-export-2000'() {
      const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-packs-'));
      try {
        const p = await project(dir);
        const t0 = performance.now();
        const r = await exportPacks(p, join(dir, 'packs'));
        const ours = performance.now() - t0;
        if (r.files.length !== 26) throw new Error(`wrote ${r.files.length} packs`);
        const counts = cellCounts(p);
        p.close();
        // The floor: exceljs writing as many workbooks of plain numbers, cell for cell.
        const t1 = performance.now();
        for (const cells of counts) {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Values');
          for (let i = 0; i < cells; i++) ws.getCell(1 + Math.floor(i / 100), 1 + (i % 100)).value = i;
          await wb.xlsx.writeBuffer();
        }
        const peer = performance.now() - t1;
        return { ours, peer, note: `${counts.reduce((s, c) => s + c, 0).toLocaleString('en-GB')} cells` };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
